"""The snapshot the browser tests copy back is the demo as a fresh load leaves it: the same rows,
the same next identifiers, the same home page served by the live server."""

import re
import urllib.request

from django.db import connection

from .demo_snapshot import DemoSnapshot, database_copy


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        return counts


def home_html(server):
    with urllib.request.urlopen(server.url + "/") as response:  # noqa: S310 - the live server
        html = response.read().decode()
    # Per-request tokens are not content.
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_a_restored_snapshot_equals_a_fresh_demo_load(
    share_migrated_contents,
    transactional_db,
    django_db_serialized_rollback,
    requests_in_flight,
    live_server,
):
    from django.contrib.auth.models import User
    from wagtail.models import Page

    snapshot = DemoSnapshot(database_copy(schema="demo_snapshot_under_test"))
    try:
        snapshot.put_back()  # the first time: emptied, loaded, copied
        fresh_counts, fresh_home = row_counts(), home_html(live_server)
        assert fresh_counts["wagtailcore_page"] > 10

        home = Page.objects.get(depth=2).specific
        home.hero_title = "Accueil brouillé par le test"
        home.save_revision().publish()
        intruder = User.objects.create_user("intrus", "intrus@exemple.fr", "mot-de-passe")
        assert row_counts() != fresh_counts
        assert "Accueil brouillé par le test" in home_html(live_server)
        requests_in_flight.wait_until_idle()

        snapshot.put_back()  # the copy

        assert row_counts() == fresh_counts
        assert home_html(live_server) == fresh_home
        # Identifiers start again where the fresh load left them.
        again = User.objects.create_user("apres", "apres@exemple.fr", "mot-de-passe")
        assert again.pk == intruder.pk
    finally:
        requests_in_flight.wait_until_idle()
        snapshot.discard()
