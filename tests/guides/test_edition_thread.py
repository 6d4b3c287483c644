"""The whole-edition publication as the admin starts it: a thread started after the request's
commit, which publishes every page or none, and whose progress other workers can read
(issue 15, point 2). The database must be shared with that thread: these tests commit."""

import datetime
import io
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from guides import publishing
from guides.models import EditionPublication, GuideChapterPage, GuideEditionPage
from guides.models import PublicationStatus as Status

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def draft_2027(settings, tmp_path):
    from centre import demo as centre_demo
    from guides import demo as guides_demo
    from guides.admin_views import copy_edition

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GUIDES_EDITION_JOBS_IN_THREAD = True
    # The first committing test of a run still finds the session's demo; the next ones find
    # the database emptied to what migrations created.
    if not GuideEditionPage.objects.filter(year=2026).exists():
        centre_demo.load(io.StringIO())
        guides_demo.load(io.StringIO())
    edition_2026 = GuideEditionPage.objects.get(year=2026)
    return copy_edition(edition_2026, 2027, datetime.date(2027, 1, 1))


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("chef", "c@example.org", "x"))
    return client


def publish_from_the_admin(client, edition):
    """Post the form as the valideur does, then wait for the thread it started."""
    response = client.post(f"/admin/guide/publier-edition/{edition.pk}/", {"go_live_at": ""})
    assert response.status_code == 302
    job = EditionPublication.objects.get(edition=edition)
    thread = next(
        (t for t in threading.enumerate() if t.name == publishing.THREAD_NAME.format(job.pk)),
        None,
    )
    if thread is not None:  # else it has already finished
        thread.join(timeout=300)
        assert not thread.is_alive()
    job.refresh_from_db()
    return job


def edition_pages(edition):
    return edition.get_descendants(inclusive=True)


def test_the_admin_s_thread_publishes_the_whole_edition(admin_client, draft_2027):
    assert not edition_pages(draft_2027).filter(live=True).exists()
    job = publish_from_the_admin(admin_client, draft_2027)
    assert job.status == Status.DONE, job.message
    assert job.done == job.total == edition_pages(draft_2027).count()
    assert not edition_pages(draft_2027).filter(live=False).exists()
    progress = admin_client.get(f"/admin/guide/publication/{job.pk}/").content.decode()
    assert "Terminée" in progress and f"{job.total} sur {job.total}" in progress


def test_the_admin_s_thread_publishes_nothing_when_a_page_fails(admin_client, draft_2027):
    # The last chapter's approved text is saved with the address of the first one: publishing
    # it is refused after the other pages have gone through.
    first, *_, last = GuideChapterPage.objects.child_of(draft_2027).order_by("path")
    clash = last.get_latest_revision_as_object()
    clash.slug = first.slug
    clash.save_revision(clean=False)
    job = publish_from_the_admin(admin_client, draft_2027)
    assert job.status == Status.FAILED
    assert "Rien n'a été publié" in job.message
    assert not edition_pages(draft_2027).filter(live=True).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only (see ProgressWriter)"
)
def test_other_workers_read_the_progress_while_the_transaction_runs(draft_2027):
    job = EditionPublication.objects.create(edition=draft_2027, status=Status.RUNNING, total=9)
    with pytest.raises(RuntimeError), transaction.atomic():
        with publishing.ProgressWriter(job.pk) as progress:
            progress.report(4)
        raise RuntimeError("rolled back")  # what the main connection did is gone…
    job.refresh_from_db()
    assert job.done == 4  # …the count written by the side connection is not
