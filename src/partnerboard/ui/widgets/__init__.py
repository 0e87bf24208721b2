"""Reusable widgets: form fields, charts, search boxes."""
