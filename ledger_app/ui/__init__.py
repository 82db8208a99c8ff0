"""The PySide6 desktop front end: thin windows, pages, models and one background-work helper over the services package."""
