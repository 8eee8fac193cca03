from handlingskraft.accounts.tests.access_rules import PUBLIC, Access, no_kwargs

# Site-level URLs outside any app.
ACCESS: Access = {"health": (no_kwargs, PUBLIC)}
