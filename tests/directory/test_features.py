"""Exports, coverage map, lever tool, corrections and their review in the admin."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from directory.models import (
    Correction,
    CorrectionStatus,
    InclusiveEmployer,
    LeverThresholds,
    Organisation,
)

pytestmark = pytest.mark.usefixtures("directory_demo")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_filtered_csv_export_gives_exactly_the_search_rows(client):
    params = {"type": "employeur", "departement": "33"}
    rows = read_csv(client.get("/annuaire/export.csv", params))
    expected = Organisation.objects.filter(kind="employeur", department__code="33").count()
    assert len(rows) == expected > 0
    assert {row["departement_code"] for row in rows} == {"33"}
    assert rows[0]["siret"] and rows[0]["donnee_fictive"] == "true"
    assert "raw_record" not in rows[0] and "commentaire" not in rows[0]
    page = soup(client.get("/annuaire/", params))
    assert page.select_one("#dir-results-title").get_text().startswith(f"{expected} résultat")


def test_json_export_and_table_schema_describe_the_same_columns(client):
    data = client.get("/annuaire/export.json", {"type": "facilitateur"}).json()
    assert data["schema"].endswith("/annuaire/schema.json")
    assert all(item["type"] == "facilitateur" for item in data["resultats"])
    schema = client.get("/annuaire/schema.json").json()
    names = [f["name"] for f in schema["fields"]]
    assert names == list(data["resultats"][0])
    header = b"".join(client.get("/annuaire/export.csv").streaming_content).decode("utf-8-sig")
    assert header.splitlines()[0].split(",") == names
    assert all(f["description"] and f["type"] for f in schema["fields"])


def test_unpublished_entries_are_not_exported(client):
    employer = InclusiveEmployer.objects.first()
    employer.is_published = False
    employer.save()
    names = {row["nom"] for row in read_csv(client.get("/annuaire/export.csv"))}
    assert employer.name not in names


def test_coverage_map_lists_uncovered_first_and_has_a_table(client):
    page = soup(client.get("/annuaire/carte/"))
    callout = page.select_one("#sans-facilitateur").parent.get_text()
    assert "13 départements sans facilitateur" in callout
    assert "Allier (03)" in callout and "Corse-du-Sud (2A)" in callout
    links = page.select("svg a.dir-dep")
    assert len(links) == 104  # 96 outlines + 5 overseas départements + 3 collectivités
    allier = page.select_one('svg a[href="/annuaire/facilitateur/?departement=03"]')
    assert "dir-level-0" in allier["class"] and "0 structure" in allier["aria-label"]
    rows = page.select("#tableau-couverture tbody tr")
    assert len(rows) == 104
    assert "CC BY 4.0" in page.get_text()
    html = client.get("/annuaire/carte/").content.decode()
    assert "style=" not in html and "<script>" not in html


def test_lever_counts_employers_and_explains_levers(client):
    employer = InclusiveEmployer.objects.filter(subkind="ACI", activities__scope="zones").first()
    activity = employer.activities.filter(scope="zones").first()
    department = activity.served_departments.first()
    response = client.get(
        "/annuaire/levier/",
        {"secteur": activity.sector.slug, "departement": department.code, "montant": "150 000"},
    )
    page = soup(response)
    text = page.get_text()
    assert "employeur" in page.select_one("#levier-resultat").get_text()
    assert "Règle" in text and "Condition d'exécution" in text
    hrefs = [a["href"] for a in page.select(".dir-levers a")]
    assert "/clauses/?base=reserve_siae" in hrefs and "/clauses/?base=condition_execution" in hrefs
    assert page.select_one('a[href="/guide/"]')


def test_lever_thresholds_are_editable(client):
    employer = InclusiveEmployer.objects.filter(activities__scope="zones").first()
    activity = employer.activities.filter(scope="zones").first()
    params = {
        "secteur": activity.sector.slug,
        "departement": activity.served_departments.first().code,
        "montant": "50000",
    }
    thresholds = LeverThresholds.load()
    thresholds.award_criterion_min_amount = 10_000
    thresholds.save()
    text = soup(client.get("/annuaire/levier/", params)).get_text()
    assert "10\u202f000 € HT" in text


@pytest.mark.parametrize(
    "params",
    [
        {"secteur": "x", "departement": "99", "montant": "abc"},
        {"secteur": "\x00", "departement": "'--", "montant": "1e999"},
        {"montant": "9" * 3000},
    ],
)
def test_lever_bad_input_gives_french_messages(client, params):
    response = client.get("/annuaire/levier/", params)
    assert response.status_code == 200
    assert "Choisissez un secteur" in soup(response).get_text()


def post_correction(client, organisation, **data):
    payload = {"field": "phone", "proposed_value": "04 00 00 00 01", "comment": "", **data}
    return client.post(organisation.get_absolute_url() + "signaler/", payload)


def test_correction_is_stored_and_changes_nothing_until_accepted(client):
    cache.clear()
    organisation = Organisation.objects.first()
    old_phone = organisation.phone
    response = post_correction(client, organisation)
    assert response.status_code == 200
    assert "Merci pour votre signalement" in response.content.decode()
    correction = Correction.objects.get()
    assert correction.status == CorrectionStatus.PENDING
    organisation.refresh_from_db()
    assert organisation.phone == old_phone

    manager = User.objects.create_user("gestion", password="x", is_active=True)
    manager.groups.add(Group.objects.get(name="Gestionnaires de l'annuaire"))
    from django.contrib.auth.models import Permission

    manager.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(manager)
    listing = client.get("/admin/annuaire/signalements/")
    assert "04 00 00 00 01" in listing.content.decode()
    client.post(f"/admin/annuaire/signalements/{correction.pk}/accepter/")
    organisation.refresh_from_db()
    assert organisation.phone == "04 00 00 00 01"
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.ACCEPTED


def test_rejected_correction_changes_nothing(admin_client):
    cache.clear()
    organisation = Organisation.objects.first()
    post_correction(admin_client, organisation, field="name", proposed_value="Autre nom")
    correction = Correction.objects.get()
    admin_client.post(f"/admin/annuaire/signalements/{correction.pk}/refuser/")
    organisation.refresh_from_db()
    assert organisation.name != "Autre nom"
    assert Correction.objects.get().status == CorrectionStatus.REJECTED


def test_honeypot_and_rate_limit(client):
    cache.clear()
    organisation = Organisation.objects.first()
    response = post_correction(client, organisation, site_web_verification="http://spam")
    assert response.status_code == 200
    assert Correction.objects.count() == 0
    # Five posts an hour per client, the spam attempt included.
    statuses = [post_correction(client, organisation).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert Correction.objects.count() == 4
    limited = post_correction(client, organisation)
    assert "Trop de signalements" in limited.content.decode()
    cache.clear()


def test_invalid_correction_shows_french_errors(client):
    cache.clear()
    organisation = Organisation.objects.first()
    response = post_correction(client, organisation, proposed_value="\x00 ", field="password")
    assert response.status_code == 400
    assert "corrigez les champs" in response.content.decode()
    assert Correction.objects.count() == 0


def test_admin_import_refuses_bad_file_with_line_numbers(admin_client):
    content = b"siret;nom;categorie;departement\n12345678901234;A;EI;33\n;B;XX;99\n"
    upload = io.BytesIO(content)
    upload.name = "bad.csv"
    response = admin_client.post("/admin/annuaire/importer/", {"file": upload})
    text = response.content.decode()
    assert "rien n&#x27;a été importé" in text or "rien n'a été importé" in text
    assert "ligne 2" in text and "ligne 3" in text


def test_admin_import_accepts_good_file(admin_client):
    rows = read_csv(
        admin_client.get("/annuaire/export.csv", {"type": "employeur", "departement": "75"})
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["siret", "nom", "categorie", "departement"])
    for row in rows:
        writer.writerow([row["siret"], row["nom"], row["categorie"], row["departement_code"]])
    upload = io.BytesIO(out.getvalue().encode())
    upload.name = "ok.csv"
    response = admin_client.post("/admin/annuaire/importer/", {"file": upload}, follow=True)
    assert "Import terminé" in response.content.decode()


def test_json_export_reimports_as_unchanged_names(client):
    data = client.get("/annuaire/export.json", {"type": "employeur", "departement": "13"}).json()
    assert json.dumps(data["resultats"], ensure_ascii=False)


def test_editing_an_activity_territory_updates_who_serves_a_department():
    from directory.coverage import employers_serving
    from directory.models import Activity, Department, Region

    activity = (
        Activity.objects.filter(scope="zones", departments__isnull=False)
        .exclude(employer__department__region__code="94")
        .first()
    )
    corsica = Region.objects.get(code="94")
    assert activity.employer not in employers_serving(
        Department.objects.get(code="2B"), activity.sector
    )
    activity.departments.clear()
    activity.regions.add(corsica)
    served = set(activity.served_departments.values_list("code", flat=True))
    assert served == {"2A", "2B"}
    assert activity.employer in employers_serving(
        Department.objects.get(code="2B"), activity.sector
    )
