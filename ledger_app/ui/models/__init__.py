"""Vorta-style table models: column constants, translatable headers, RecordRole for the domain object."""

from PySide6.QtCore import Qt

RecordRole = Qt.ItemDataRole.UserRole + 1  # data(index, RecordRole) -> the row's domain object
