"""The indicator pages, one module per area."""
