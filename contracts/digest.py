"""The daily digest: for every confirmed subscription, the live contracts published or changed
since what it was last sent, matching its saved search.

Idempotent per day: a subscription already served today is skipped, and each one remembers the
moment up to which it has been served (`last_cutoff`), so a contract is never announced twice
for the same version. The changed contracts are loaded once; each saved search is parsed once
and matched in memory (`ContractFilter.matches`), so the cost grows with subscriptions ×
changed contracts, not with database round trips. Messages go out in batches through one
connection of Django's email backend; a batch is recorded as sent only once it has gone.
"""

import json
from dataclasses import dataclass, field

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from core.links import absolute_url, site_url

from . import alerts
from .filters import filter_from_saved, snapshots
from .models import AlertSubscription, UpcomingContract

BATCH_SIZE = 500
# A digest lists at most this many contracts (the soonest notices first), then links to the list.
MAX_ITEMS_PER_MESSAGE = 30


@dataclass
class DigestReport:
    subscriptions: int = 0
    sent: int = 0
    nothing_new: int = 0
    already_today: int = 0
    changed_contracts: int = 0
    purged_unconfirmed: int = 0
    failed: int = 0
    errors: list = field(default_factory=list)

    def summary(self):
        return (
            f"{self.subscriptions} abonnement(s) confirmé(s) à traiter, {self.sent} message(s) "
            f"envoyé(s), {self.nothing_new} sans nouveauté, {self.already_today} déjà servi(s) "
            f"aujourd'hui ; {self.changed_contracts} marché(s) nouveau(x) ou modifié(s) ; "
            f"{self.purged_unconfirmed} abonnement(s) non confirmé(s) expiré(s) supprimé(s)"
            + (f" ; {self.failed} envoi(s) en échec" if self.failed else "")
            + "."
        )


def purge_unconfirmed(now):
    cutoff = now - timezone.timedelta(seconds=alerts.CONFIRM_MAX_AGE)
    deleted, _ = AlertSubscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


def send_digests(now=None, connection=None, base_url=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = DigestReport(purged_unconfirmed=purge_unconfirmed(now))
    confirmed = AlertSubscription.objects.filter(confirmed_at__isnull=False)
    report.already_today = confirmed.filter(last_sent_on=today).count()
    pending = confirmed.exclude(last_sent_on=today).order_by("pk")
    report.subscriptions = pending.count() + report.already_today
    if not pending.exists():
        return report

    oldest = pending.aggregate(oldest=Min(Coalesce("last_cutoff", "confirmed_at")))["oldest"]
    changed = UpcomingContract.objects.public().filter(
        last_published_at__gt=oldest, last_published_at__lte=now
    )
    snaps = snapshots(changed)
    published = dict(changed.values_list("pk", "last_published_at"))
    first_published = dict(changed.values_list("pk", "first_published_at"))
    report.changed_contracts = len(snaps)
    contracts = {}  # loaded on first use, for the messages
    filters = {}

    def contract(pk):
        if pk not in contracts:
            missing = [s.pk for s in snaps if s.pk not in contracts]
            for item in UpcomingContract.objects.filter(pk__in=missing).select_related("buyer"):
                contracts[item.pk] = item
        return contracts[pk]

    rendered = {}  # each contract's paragraph, rendered once per run (new / changed)

    def item_text(snap, is_new):
        key = (snap.pk, bool(is_new))
        if key not in rendered:
            rendered[key] = render_to_string(
                "contracts/alerts/_digest_item.txt",
                {"contract": contract(snap.pk), "is_new": is_new, "absolute": site},
            )
        return rendered[key]

    site = (base_url or site_url()).rstrip("/")
    connection = connection or get_connection()
    batch, messages = [], []
    for subscription in pending.iterator(chunk_size=2000):
        key = json.dumps(subscription.filters, sort_keys=True)
        if key not in filters:
            # Each distinct saved search is matched once against the changed contracts.
            contract_filter = filter_from_saved(subscription.filters)
            filters[key] = (
                contract_filter,
                [snap for snap in snaps if contract_filter.matches(snap, include_closed=True)],
            )
        contract_filter, candidates = filters[key]
        cutoff = subscription.last_cutoff or subscription.confirmed_at
        matched = [snap for snap in candidates if published[snap.pk] > cutoff]
        subscription.last_cutoff = now
        subscription.last_sent_on = today
        subscription.last_sent_count = len(matched)
        batch.append(subscription)
        if matched:
            shown = sorted(matched, key=lambda s: (s.notice_date, s.pk))[:MAX_ITEMS_PER_MESSAGE]
            items = [
                item_text(snap, first_published[snap.pk] and first_published[snap.pk] > cutoff)
                for snap in shown
            ]
            messages.append(
                _message(subscription, contract_filter, items, base_url, total=len(matched))
            )
        else:
            report.nothing_new += 1
        if len(batch) >= BATCH_SIZE:
            _flush(connection, batch, messages, report)
            batch, messages = [], []
    _flush(connection, batch, messages, report)
    return report


def _flush(connection, batch, messages, report):
    if not batch:
        return
    try:
        sent = connection.send_messages(messages) if messages else 0
    except Exception as error:  # noqa: BLE001 - report and leave the batch for the next run
        report.failed += len(messages)
        report.errors.append(str(error))
        return
    report.sent += sent or 0
    # Every subscription of the batch gets the same cutoff and day; one UPDATE per count.
    by_count = {}
    for subscription in batch:
        by_count.setdefault(subscription.last_sent_count, []).append(subscription.pk)
    for count, ids in by_count.items():
        AlertSubscription.objects.filter(pk__in=ids).update(
            last_cutoff=batch[0].last_cutoff,
            last_sent_on=batch[0].last_sent_on,
            last_sent_count=count,
        )


def _message(subscription, contract_filter, items, base_url=None, total=None):
    def absolute(path):
        # --base-url of the command, else the canonical SITE_URL.
        return (base_url.rstrip("/") + path) if base_url else absolute_url(path)

    unsubscribe_url = absolute(alerts.unsubscribe_path(subscription))
    context = {
        "items_text": "".join(items),
        "count": total or len(items),
        "more": (total or len(items)) - len(items),
        "summary": contract_filter.summary(),
        "list_url": absolute(alerts.list_path(subscription.filters)),
        "unsubscribe_url": unsubscribe_url,
    }
    message = EmailMultiAlternatives(
        subject=f"Marchés à venir : {context['count']} nouveauté{'s' if context['count'] > 1 else ''} pour votre alerte",
        body=render_to_string("contracts/alerts/email_digest.txt", context),
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message
