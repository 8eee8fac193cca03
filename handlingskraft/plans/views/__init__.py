"""Plan views, one module per area: pages (reading), editing, versions."""
