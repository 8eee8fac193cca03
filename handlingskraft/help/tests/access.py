from handlingskraft.accounts.tests.access_rules import PUBLIC, Access, no_kwargs

# The user guides are for everyone, also before logging in.
ACCESS: Access = {
    "help:index": (no_kwargs, PUBLIC),
    "help:guide": (lambda world: {"slug": "rapportor"}, PUBLIC),
}
