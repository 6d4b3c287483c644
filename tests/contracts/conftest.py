"""Small fixtures for the upcoming contracts: a few départements, sectors, buyers, a facilitator
structure, and a helper that publishes a contract the way an editor does (revision + publish)."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # rate-limit counters
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _without_demo_contracts(db):
    """The session's database holds the demo content (tests/conftest.py); these tests count
    contracts, so they start without the demo contracts (restored by the rollback)."""
    from contracts.models import UpcomingContract

    UpcomingContract.objects.all().delete()


@pytest.fixture
def geo(db):
    from core.models import Sector
    from directory.models import Department, Region

    idf, _ = Region.objects.get_or_create(code="11", defaults={"name": "Île-de-France"})
    naq, _ = Region.objects.get_or_create(code="75", defaults={"name": "Nouvelle-Aquitaine"})
    paris, _ = Department.objects.get_or_create(
        code="75", defaults={"name": "Paris", "region": idf}
    )
    gironde, _ = Department.objects.get_or_create(
        code="33", defaults={"name": "Gironde", "region": naq}
    )
    btp, _ = Sector.objects.get_or_create(
        slug="batiment-et-travaux-publics", defaults={"name": "Bâtiment et travaux publics"}
    )
    clean, _ = Sector.objects.get_or_create(
        slug="proprete-et-nettoyage", defaults={"name": "Propreté et nettoyage"}
    )
    return {"idf": idf, "naq": naq, "paris": paris, "gironde": gironde, "btp": btp, "clean": clean}


@pytest.fixture
def buyers(geo):
    from directory.models import PublicBuyer

    return {
        "paris": PublicBuyer.objects.create(
            name="Ville de Paris (fictif)", kind="commune", department=geo["paris"]
        ),
        "gironde": PublicBuyer.objects.create(
            name="Centre hospitalier de Gironde (fictif)", kind="hopital", department=geo["gironde"]
        ),
    }


@pytest.fixture
def facilitator_paris(geo):
    from directory.models import FacilitatorStructure

    structure = FacilitatorStructure.objects.create(
        name="PLIE de Paris (fictif)", subkind="plie", department=geo["paris"]
    )
    structure.covered_departments.set([geo["paris"]])
    return structure


@pytest.fixture
def make_contract(buyers, geo):
    from contracts.models import ContractLot, UpcomingContract

    counter = {"n": 0}

    def make(publish=True, sectors=None, departments=None, lots=(), **fields):
        counter["n"] += 1
        values = {
            "title": f"Marché d'essai {counter['n']}",
            "slug": f"marche-essai-{counter['n']}",
            "buyer": buyers["paris"],
            "kind": "travaux",
            "expected_notice_date": timezone.localdate() + datetime.timedelta(days=30),
        }
        values.update(fields)
        contract = UpcomingContract(**values)
        contract.sectors = sectors if sectors is not None else [geo["btp"]]
        contract.departments = (
            departments if departments is not None else [contract.buyer.department]
        )
        contract.lots = [
            ContractLot(number=i + 1, title=f"Lot {i + 1}", reservation=reservation)
            for i, reservation in enumerate(lots)
        ]
        contract.live = False
        contract.save()
        revision = contract.save_revision()
        if publish:
            revision.publish()
            contract.refresh_from_db()
        return contract

    return make


@pytest.fixture
def small_demo(db, monkeypatch):
    """The whole demo content, with the directory's small geography."""
    monkeypatch.setenv("DIRECTORY_DEMO_SIZE", "small")
    call_command("load_demo", stdout=io.StringIO())
