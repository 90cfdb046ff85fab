"""Settings modules: ``base`` (development default, SQLite) and ``production``.

Every setting that differs between installations is read from an environment
variable; each one is documented in ``docs/configuration.md``.
"""
