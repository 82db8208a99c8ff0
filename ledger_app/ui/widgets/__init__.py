"""Reusable widgets: charts drawn with QPainter, page scaffolding."""
