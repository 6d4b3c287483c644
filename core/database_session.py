"""Settings of every PostgreSQL session the site opens.

The site's statements take milliseconds. PostgreSQL may still plan a frequent word's search at
100 000 directory entries with parallel workers, and starting them doubled the statement's time
(30 ms against 15); a costly-looking count may be compiled (JIT), which took 400 ms for a
statement that runs in 50. Both are turned off for the site's sessions. Set when a connection
opens (one round trip per connection, which lives CONN_MAX_AGE seconds), so that a connection
pooler in front of the server needs nothing special.
"""

from django.db.backends.signals import connection_created

SETTINGS = {"max_parallel_workers_per_gather": "0", "jit": "off"}


def configure(sender, connection, **_kwargs):
    if connection.vendor != "postgresql":
        return
    assignments = ", ".join("set_config(%s, %s, false)" for _name in SETTINGS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {assignments}", [v for item in SETTINGS.items() for v in item])


def install():
    connection_created.connect(configure, dispatch_uid="core.database_session")
