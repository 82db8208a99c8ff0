"""One module per main screen; each page re-reads its strings in `retranslate()`."""

from PySide6.QtWidgets import QLabel, QWidget


def title_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("PageTitle")
    return label


def empty_state_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("EmptyState")
    label.setWordWrap(True)
    return label
