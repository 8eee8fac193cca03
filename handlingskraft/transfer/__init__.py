"""Moving one organisation's complete data between instances of Handlingskraft
(`manage.py export_organization` / `import_organization`, docs/deploy.md).

A plain package, not an app: it has no models, pages or migrations of its
own, and reads every app's models through the app registry. The commands
live with the tenant, in organizations/management/commands.

- discovery.py: which models are the organisation's (by their foreign keys)
- exporting.py: the rows, with primary keys replaced by file-local numbers
- importing.py: checks, user matching, new keys, one transaction
- fileformat.py, values.py, sequences.py: the file, field values, new keys"""
