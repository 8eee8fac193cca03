"""The statistics pages, one module per area."""
