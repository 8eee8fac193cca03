"""The statistics collection (statistikinsamling): data sets, reporting,
review and approval, and disclosure control of every table that leaves the
coordinator and the reporting actor."""
