"""core.database_session: the site's PostgreSQL sessions neither start parallel workers nor
compile statements (both cost more than they saved on the site's millisecond statements)."""

import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL session settings"),
    pytest.mark.django_db,
]


def test_the_sessions_the_site_opens_run_statements_without_parallel_workers_or_jit():
    session = connections.create_connection("default")  # a new one, as each web worker opens
    try:
        with session.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('max_parallel_workers_per_gather'), current_setting('jit')"
            )
            assert cursor.fetchone() == ("0", "off")
    finally:
        session.close()
