"""Timing of the daily alert digest (`send_contract_alerts`) for 10 000 confirmed subscriptions
and 1 000 upcoming contracts, all published since the last digest (the worst case: every
contract is news for every subscription whose saved search it matches).

Self-contained: it creates its own data in its own database and times `contracts.digest.
send_digests` with Django's in-memory email backend (building and "sending" every message;
SMTP time is not included).

Database: by default a dedicated SQLite file, /tmp/bench-alerts.sqlite3, migrated on the first
run (about a minute) and reused afterwards. To measure on PostgreSQL, point DATABASE_URL at a
dedicated database whose name contains "bench", e.g.

    createdb -O clauses clauses_bench
    DATABASE_URL=postgres://clauses:clauses@localhost/clauses_bench .venv/bin/python bench/alerts.py

The script refuses any database whose name does not contain "bench": it deletes every alert
subscription and every upcoming contract of that database before loading its own. No HTTP
request, so no page cache; the figures go to bench/RESULTS.md (bench/_common.py).

Usage: .venv/bin/python bench/alerts.py [--subscriptions 10000] [--contracts 1000]
"""

import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# bench/ is on the path as the script's folder, after ROOT: "search" stays the app.
from _common import Report, seconds  # noqa: E402

os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench-alerts.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "centre.settings.test"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--contracts", type=int, default=1_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command

    name = str(settings.DATABASES["default"]["NAME"])
    if "bench" not in name:
        sys.exit(f"Refus : la base « {name} » n'est pas une base de mesure (nom sans « bench »).")
    report = Report(__file__)

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrations : {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    load(args.contracts, args.subscriptions)
    report.add(
        "création des données",
        seconds(time.perf_counter() - started),
        detail=f"{args.contracts} marchés publics, {args.subscriptions} abonnements confirmés",
    )

    from contracts.digest import send_digests

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    from django.utils import timezone

    now = timezone.now()
    started = time.perf_counter()
    digest = send_digests(now=now, base_url="https://clauses-sociales.example")
    first = time.perf_counter() - started
    messages = len(mail.outbox)
    items = sum(message.body.count("\n- [") for message in mail.outbox)
    report.add(
        "résumé quotidien (send_digests, courriels en mémoire)",
        seconds(first),
        detail=f"{messages} messages, {items} marchés annoncés "
        f"({items / max(messages, 1):.1f} par message), {digest.nothing_new} abonnements "
        f"sans nouveauté ; {digest.summary()}",
    )
    started = time.perf_counter()
    again = send_digests(now=now)
    report.add(
        "deuxième passage le même jour",
        seconds(time.perf_counter() - started),
        detail=f"{again.sent} message envoyé (idempotent)",
    )
    report.save()


def load(contract_count, subscription_count):
    from django.db import transaction
    from django.utils import timezone

    from contracts.models import AlertSubscription, ContractLot, UpcomingContract
    from core.models import Sector
    from directory.models import Department, PublicBuyer, Region

    rng = random.Random(2026)
    now = timezone.now()
    yesterday = now - datetime.timedelta(days=1)
    with transaction.atomic():
        AlertSubscription.objects.all().delete()
        ContractLot.objects.all().delete()
        UpcomingContract.objects.all().delete()
        regions = [
            Region.objects.get_or_create(code=f"B{r}", defaults={"name": f"Région {r}"})[0]
            for r in range(13)
        ]
        departments = [
            Department.objects.get_or_create(
                code=f"{d:03d}", defaults={"name": f"Département {d}", "region": regions[d % 13]}
            )[0]
            for d in range(1, 102)
        ]
        sectors = [
            Sector.objects.get_or_create(slug=f"secteur-{s}", defaults={"name": f"Secteur {s}"})[0]
            for s in range(15)
        ]
        buyers = [
            PublicBuyer.objects.get_or_create(
                name=f"Acheteur de mesure {b}",
                defaults={"kind": "commune", "department": departments[b % 101]},
            )[0]
            for b in range(200)
        ]
        contracts = []
        for number in range(contract_count):
            buyer = buyers[number % len(buyers)]
            contracts.append(
                UpcomingContract(
                    title=f"Marché de mesure {number}",
                    slug=f"marche-de-mesure-{number}",
                    buyer=buyer,
                    kind=rng.choice(["travaux", "services", "fournitures", "concession"]),
                    legal_mechanism=rng.choice(
                        ["condition_execution", "critere_attribution", "reserve_siae"]
                    ),
                    expected_notice_date=now.date() + datetime.timedelta(days=rng.randint(1, 400)),
                    amount_min=Decimal(rng.randrange(50, 5000) * 1000),
                    insertion_hours=rng.randint(100, 5000),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now - datetime.timedelta(hours=rng.randint(1, 20)),
                    last_published_at=now - datetime.timedelta(hours=rng.randint(0, 20)),
                )
            )
        UpcomingContract.objects.bulk_create(contracts, batch_size=500)
        UpcomingContract.sectors.through.objects.bulk_create(
            [
                UpcomingContract.sectors.through(
                    upcomingcontract_id=c.pk, sector_id=rng.choice(sectors).pk
                )
                for c in contracts
            ],
            batch_size=1000,
        )
        UpcomingContract.departments.through.objects.bulk_create(
            [
                UpcomingContract.departments.through(
                    upcomingcontract_id=c.pk, department_id=c.buyer.department_id
                )
                for c in contracts
            ],
            batch_size=1000,
        )
        ContractLot.objects.bulk_create(
            [
                ContractLot(contract_id=c.pk, number=1, title="Lot réservé", reservation="siae")
                for c in contracts
                if rng.random() < 0.2
            ],
            batch_size=1000,
        )
        subscriptions = []
        for number in range(subscription_count):
            draw = rng.random()
            if draw < 0.3:
                filters = {"secteur": rng.choice(sectors).slug}
            elif draw < 0.6:
                filters = {"departement": rng.choice(departments).code}
            elif draw < 0.8:
                filters = {"region": rng.choice(regions).code, "type": "travaux"}
            elif draw < 0.9:
                filters = {"reserve": "1", "secteur": rng.choice(sectors).slug}
            else:
                filters = {}
            subscriptions.append(
                AlertSubscription(
                    email=f"abonne{number}@exemple.invalid",
                    filters=filters,
                    confirmed_at=yesterday,
                    last_cutoff=yesterday,
                )
            )
        AlertSubscription.objects.bulk_create(subscriptions, batch_size=2000)


if __name__ == "__main__":
    main()
