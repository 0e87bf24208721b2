"""Reusable widgets shared by the register pages and the dashboard."""
