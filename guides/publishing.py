"""Publishing a whole edition: only reviewed content, all pages together, in the background.

The rule (README, "Éditions et validation"): a page of the edition whose revision is still in
the review workflow (waiting, or sent back for changes) BLOCKS the publication, and the admin
lists what waits. Every other page goes live in the revision the valideur had in front of him
when he asked (pinned in the job), or in the one a later approval put there.

The job is a database row (EditionPublication). It runs in a thread started after the request's
commit (runserver and gunicorn alike, no extra service); `manage.py publish_scheduled` (run every
minute by the scheduler) performs the due scheduled jobs and any immediate job whose thread died.
All the pages are published inside one transaction: they go live together, or none does.
"""

import datetime
import logging
import threading

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections, transaction
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState

from .models import EditionPublication, GuideEditionPage, GuidePageMixin, PublicationStatus
from .pdf import schedule_regeneration, suspend_regeneration

logger = logging.getLogger(__name__)

# A job marked running for longer than this was left by a process that died: its transaction
# was rolled back, so nothing of it is live and it can start again.
STALE_AFTER = datetime.timedelta(minutes=30)

# Progress of the jobs running in this process: the pages are published inside one transaction,
# which other connections cannot see until it ends. On PostgreSQL the count is also written to
# the job's row through a second connection (ProgressWriter), for the other workers.
_live_progress = {}
THREAD_NAME = "publication-edition-{}"


class EditionBlocked(Exception):
    """Pages of the edition are still under review."""

    def __init__(self, waiting):
        self.waiting = waiting
        super().__init__(
            "Publication impossible : des pages attendent encore une relecture — "
            + " ; ".join(f"{item.label} ({item.state})" for item in waiting)
        )


class Waiting:
    def __init__(self, page, workflow_state):
        self.page = page
        self.label = page.moderation_label() if isinstance(page, GuidePageMixin) else page.title
        needs_changes = workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        self.state = "renvoyée au rédacteur" if needs_changes else "en relecture"
        self.workflow_state = workflow_state


def edition_pages(edition):
    """The edition page, then its chapters and sections in reading order."""
    return [edition, *Page.objects.descendant_of(edition).order_by("path").specific()]


def pages_in_review(pages):
    """Pages whose latest revision sits in the workflow (waiting, or sent back)."""
    by_pk = {page.pk: page for page in pages}
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in by_pk],
        )
        .order_by("created_at")
    )
    return [Waiting(by_pk[int(state.object_id)], state) for state in states]


def revision_plan(pages, user=None):
    """{page id: latest revision id}: what the valideur sees and approves by asking."""
    plan = {}
    for page in pages:
        revision_id = page.latest_revision_id
        if revision_id is None:  # a page created in code without a revision
            revision_id = page.save_revision(user=user, clean=False, log_action=False).pk
        plan[str(page.pk)] = revision_id
    return plan


def active_publication(edition):
    return edition.publications.filter(status__in=EditionPublication.ACTIVE).first()


def request_publication(edition, user=None, go_live_at=None):
    """Create the job (or refuse with the list of what waits) and start it after commit."""
    pages = edition_pages(edition)
    waiting = pages_in_review(pages)
    if waiting:
        raise EditionBlocked(waiting)
    job = EditionPublication.objects.create(
        edition=edition,
        requested_by=user if user and user.is_authenticated else None,
        go_live_at=go_live_at if go_live_at and go_live_at > timezone.now() else None,
        status=PublicationStatus.PENDING,
        revisions=revision_plan(pages, user),
        total=len(pages),
    )
    if job.go_live_at:
        job.status = PublicationStatus.SCHEDULED
        job.save(update_fields=["status"])
    else:
        transaction.on_commit(lambda: start_in_background(job.pk))
    return job


def start_in_background(job_id):
    if not getattr(settings, "GUIDES_EDITION_JOBS_IN_THREAD", True):
        return  # left to `manage.py publish_scheduled`
    thread = threading.Thread(
        target=_run_in_thread, args=(job_id,), name=THREAD_NAME.format(job_id), daemon=True
    )
    thread.start()


def _run_in_thread(job_id):
    try:
        run_job(job_id)
    finally:
        close_old_connections()


def claim(job_id):
    """Mark the job running, unless another process already took it."""
    now = timezone.now()
    due = EditionPublication.objects.filter(pk=job_id, status=PublicationStatus.PENDING)
    scheduled_due = EditionPublication.objects.filter(
        pk=job_id, status=PublicationStatus.SCHEDULED, go_live_at__lte=now
    )
    for queryset in (due, scheduled_due):
        if queryset.update(status=PublicationStatus.RUNNING, started_at=now, done=0):
            return True
    return False


def run_job(job_id):
    """Perform one job if it is due and nobody runs it; returns the job (or None)."""
    if not claim(job_id):
        return None
    job = EditionPublication.objects.select_related("edition", "requested_by").get(pk=job_id)
    try:
        count = _publish_all(job)
    except Exception as error:
        logger.exception("Publication de l'édition %s échouée", job.edition.year)
        _finish(job, PublicationStatus.FAILED, _failure_message(error), done=0)
    else:
        _finish(
            job,
            PublicationStatus.DONE,
            f"{count} pages de l'édition {job.edition.year} publiées ensemble.",
            done=count,
        )
        schedule_regeneration(job.edition.pk)  # once for the edition, after the commit
    finally:
        _live_progress.pop(job.pk, None)
    return job


def _failure_message(error):
    if isinstance(error, EditionBlocked):
        return str(error) + ". Rien n'a été publié."
    return f"La publication a échoué ({error}). Rien n'a été publié : relancez-la."


def _finish(job, status, message, done):
    job.status, job.message, job.done = status, message, done
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "done", "finished_at"])


def _publish_all(job):
    edition = GuideEditionPage.objects.get(pk=job.edition_id)
    pages = edition_pages(edition)
    waiting = pages_in_review(pages)
    if waiting:  # a page was submitted after the request: nothing goes live
        raise EditionBlocked(waiting)
    revisions = Revision.page_revisions.in_bulk([int(pk) for pk in job.revisions.values()])
    plan = [
        (page, revisions.get(job.revisions.get(str(page.pk))))
        for page in pages
        if str(page.pk) in job.revisions
    ]
    user = job.requested_by
    with ProgressWriter(job.pk) as progress, suspend_regeneration(), transaction.atomic():
        for done, (page, revision) in enumerate(plan, start=1):
            if revision is None:
                raise RuntimeError(f"la version approuvée de « {page.title} » a été supprimée")
            publish_now(revision, user)
            progress.report(done)
    return len(plan)


class ProgressWriter:
    """Tells how many pages are done while they are published inside one transaction.

    This process keeps the count in memory. The other gunicorn workers read the job's row, which
    the transaction hides until it ends: on PostgreSQL the count is written there through a
    second connection that commits at once. (SQLite lets one connection write at a time, and
    runs in one process: the count in memory is enough there.)"""

    def __init__(self, job_id):
        self.job_id = job_id
        self.side = None

    def __enter__(self):
        main = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the thread's proxy
        if main.vendor == "postgresql":
            self.side = type(main)(dict(main.settings_dict), alias=DEFAULT_DB_ALIAS)
        return self

    def report(self, done):
        _live_progress[self.job_id] = done
        if self.side is None:
            return
        # The table's name is the model's own; the values are parameters.
        table = self.side.ops.quote_name(EditionPublication._meta.db_table)
        with self.side.cursor() as cursor:
            sql = f"UPDATE {table} SET done = %s WHERE id = %s"  # noqa: S608
            cursor.execute(sql, [done, self.job_id])

    def __exit__(self, *exc_info):
        if self.side is not None:
            self.side.close()
        return False


def publish_now(revision, user=None):
    """Publish a revision at once, even if it carried a publication date of its own."""
    page = revision.as_object()
    if page.go_live_at and page.go_live_at > timezone.now():
        page.go_live_at = None
        revision = page.save_revision(user=user, clean=False, log_action=False)
    revision.publish(user=user, skip_permission_checks=True)


def progress_of(job):
    """(pages done, total): the count in memory when this process runs the job, else what the
    row says (kept up to date during the run on PostgreSQL, see ProgressWriter)."""
    if job.status == PublicationStatus.RUNNING:
        return _live_progress.get(job.pk, job.done), job.total
    return job.done, job.total


def run_due_jobs():
    """Due scheduled jobs, immediate jobs whose thread never ran, and stale running ones."""
    now = timezone.now()
    EditionPublication.objects.filter(
        status=PublicationStatus.RUNNING, started_at__lt=now - STALE_AFTER
    ).update(status=PublicationStatus.PENDING)
    due = EditionPublication.objects.filter(
        status__in=[PublicationStatus.PENDING, PublicationStatus.SCHEDULED]
    ).exclude(go_live_at__gt=now)
    return [job for job in (run_job(pk) for pk in due.values_list("pk", flat=True)) if job]


# ---------------------------------------------------------------------------- approvals


def edition_not_in_force(page):
    """The edition a guide page belongs to when that edition is not live yet (an approval of
    the page then waits for it), else None."""
    page = page.specific
    if not isinstance(page, GuidePageMixin):
        return None
    edition = page.get_edition()
    return edition if edition is not None and not edition.live else None


def hold_for_edition(page, user=None):
    """When a guide page is approved while its edition is not live, do not publish it alone:
    its approved revision joins its edition's publication (scheduled or still to request).
    Returns True when the page was held."""
    page = page.specific
    edition = edition_not_in_force(page)
    if edition is None:
        return False
    job = edition.publications.filter(
        status__in=[PublicationStatus.SCHEDULED, PublicationStatus.PENDING]
    ).first()
    if job is not None:
        job.revisions[str(page.pk)] = page.latest_revision_id
        job.total = len(job.revisions)
        job.save(update_fields=["revisions", "total"])
    return True
