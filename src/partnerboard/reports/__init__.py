"""PDF reports (reportlab): shared layout, one module per report."""
