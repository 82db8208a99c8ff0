"""The labels every screen and dialog uses, made one way: the sentence that says what a screen or
dialog is for, the sentence that says what happened (wrapped, selectable, hidden while empty where
an empty one would draw a frame), and a form row whose label gives its field the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def intro_label(parent: QWidget, text: str = "") -> QLabel:
    """The sentence that says what a dialog or page is for, wrapped to its width."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def status_label(parent: QWidget, name: str, *, hidden: bool = False) -> QLabel:
    """A sentence about what happened, wrapped and selectable (to copy a path or a number); with
    `hidden`, shown only once it has a sentence (see `say`)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setVisible(not hidden)
    return label


def say(label: QLabel, text: str) -> None:
    """Show `text` in `label`, or hide the label when there is nothing to say."""
    label.setText(text)
    label.setVisible(bool(text))


def add_labelled(form: QFormLayout, text: str, field: QWidget, parent: QWidget) -> QLabel:
    """A form row whose label (with its &-shortcut) moves the focus to `field`."""
    label = QLabel(text, parent)
    label.setBuddy(field)
    form.addRow(label, field)
    return label
