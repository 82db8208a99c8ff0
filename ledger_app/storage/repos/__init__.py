"""Storage repositories: one module per aggregate, SQLAlchemy Core on the declared tables.

Each module holds plain functions taking a `Connection` first; the services own the transactions
and pass the connection in. Rows come back as frozen dataclasses or scalars.
"""
