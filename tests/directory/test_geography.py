import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from directory import geography
from directory.models import Commune, Department, PostalCode, Region
from directory.validators import clean_siret


def test_all_101_departments_and_three_collectivities_with_official_codes(geography):
    codes = set(Department.objects.values_list("code", flat=True))
    assert len(codes) == 104
    assert {"01", "2A", "2B", "971", "972", "973", "974", "976", "95"} <= codes
    # Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin: their own collectivities.
    assert {"975", "977", "978"} <= codes
    assert not {"20", "984", "986", "988"} & codes
    assert Region.objects.count() == 21
    assert Department.objects.get(code="2A").region.name == "Corse"


def test_postal_code_gives_communes_and_department(geography):
    ajaccio = geography_lookup("20000")
    assert [c.name for c in ajaccio] == ["Ajaccio"]
    assert ajaccio[0].department.code == "2A"
    reunion = geography_lookup("97400")
    assert reunion and reunion[0].department.code == "974"
    paris = geography_lookup("75011")
    assert paris[0].department.code == "75"
    assert geography_lookup("00000") == []
    assert geography_lookup("abc\x00") == []
    assert geography_lookup("7" * 3000) == []


def geography_lookup(code):
    return geography.communes_for_postal_code(code)


def test_postal_code_rule_of_thumb_for_corsica_and_overseas():
    assert geography.department_code_from_postal_code("20167") == "2A"
    assert geography.department_code_from_postal_code("20200") == "2B"
    assert geography.department_code_from_postal_code("97600") == "976"
    assert geography.department_code_from_postal_code("98800") == ""


def test_neighbours_come_from_the_map(geography):
    paris = Department.objects.get(code="75")
    assert set(paris.neighbours.values_list("code", flat=True)) == {"92", "93", "94"}
    assert Department.objects.get(code="974").neighbours.count() == 0


@pytest.mark.django_db
def test_load_geography_command_is_idempotent():
    out = io.StringIO()
    call_command("load_geography", "--departements", "2A,974", stdout=out)
    assert "communes : " in out.getvalue()
    counts = (Commune.objects.count(), PostalCode.objects.count())
    assert counts[0] > 100
    out = io.StringIO()
    call_command("load_geography", "--departements", "2A,974", stdout=out)
    assert (Commune.objects.count(), PostalCode.objects.count()) == counts
    assert "communes : 0 créé(s), 0 mis à jour" in out.getvalue()


def test_siret_validation_uses_checksum_and_la_poste_exception():
    assert clean_siret("732 829 320 00074") == "73282932000074"
    assert clean_siret("35600000000048") == "35600000000048"  # La Poste: digit sum multiple of 5
    for bad in ("73282932000075", "123", "", "abcdefghijklmn"):
        with pytest.raises(ValidationError):
            clean_siret(bad)
