"""Model rules, admin screens and the demo loader."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command

from contracts.models import UpcomingContract, cpv_check_digit, validate_cpv

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code", ["45000000-7", "03000000-1", "77310000-6", "90910000-9", "45233140-2"]
)
def test_real_cpv_codes_are_accepted(code):
    validate_cpv(code)


@pytest.mark.parametrize(
    "code", ["45000000-8", "4500000-7", "45000000", "45000000-", "abcdefgh-1", ""]
)
def test_malformed_cpv_codes_are_refused_in_french(code):
    with pytest.raises(ValidationError) as error:
        validate_cpv(code)
    assert "Code CPV invalide" in str(error.value) or "chiffre de contrôle" in str(error.value)


def test_cpv_check_digit():
    assert cpv_check_digit("45000000") == 7


def test_clean_computes_hours_from_the_calculator_values(buyers):
    import datetime

    contract = UpcomingContract(
        title="Essai",
        slug="essai",
        buyer=buyers["paris"],
        kind="travaux",
        expected_notice_date=datetime.date(2030, 1, 1),
        calc_amount=1_200_000,
        calc_share=40,
        calc_hourly_cost=30,
        calc_rate=5,
    )
    contract.full_clean()
    assert contract.insertion_hours == 800  # the IGAS worked example


def test_reserved_slug_is_refused(buyers):
    import datetime

    contract = UpcomingContract(
        title="Essai",
        slug="alertes",
        buyer=buyers["paris"],
        kind="travaux",
        expected_notice_date=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError):
        contract.full_clean()


def test_model_uses_the_editorial_workflow():
    from wagtail.models import WorkflowContentType

    link = WorkflowContentType.objects.get(
        content_type=ContentType.objects.get_for_model(UpcomingContract)
    )
    assert link.workflow.name == "Validation éditoriale"
    assert UpcomingContract().get_workflow() == link.workflow


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def test_admin_screens_open(admin_client, make_contract):
    contract = make_contract(title="Marché administré")
    base = "/admin/snippets/contracts/upcomingcontract/"
    listing = admin_client.get(base)
    assert listing.status_code == 200
    assert "Marché administré" in listing.content.decode()
    assert admin_client.get(base + "add/").status_code == 200
    edit = admin_client.get(f"{base}edit/{contract.pk}/")
    assert edit.status_code == 200
    assert "Objet du marché" in edit.content.decode()
    assert admin_client.get(f"{base}history/{contract.pk}/").status_code == 200


def test_demo_loader_is_complete_idempotent_and_replaces_the_placeholder(small_demo, client):
    from centre.models import StandardPage

    contracts = UpcomingContract.objects.filter(is_demo=True)
    assert 140 <= contracts.count() <= 160
    assert contracts.filter(live=True, live_revision__isnull=False).count() == contracts.count()
    assert contracts.values("buyer").distinct().count() >= 24
    assert contracts.values("departments").distinct().count() >= 20
    assert contracts.filter(lots__reservation__in=["siae", "handicap"]).exists()
    assert any(c.is_past_due for c in contracts)
    assert not StandardPage.objects.filter(slug="marches-a-venir").exists()
    # A demo contract's revision restores the same content (the editor sees what is live).
    contract = contracts.prefetch_related("sectors").first()
    restored = contract.live_revision.as_object()
    assert restored.title == contract.title
    assert list(restored.sectors.all()) == list(contract.sectors.all())

    before = contracts.count()
    call_command("load_demo", stdout=io.StringIO())
    assert UpcomingContract.objects.filter(is_demo=True).count() == before
    assert not StandardPage.objects.filter(slug="marches-a-venir").exists()

    response = client.get("/marches-a-venir/")
    assert "Donnée fictive de démonstration" in response.content.decode()
    assert "Page 1 sur" in response.content.decode()
