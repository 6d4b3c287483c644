"""Data: the communes' lookup keys, and each facilitator's département territory stored as the
communes of those départements (a département whose communes are not loaded is kept as is)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from directory.geography import name_key

    Commune = apps.get_model("directory", "Commune")
    communes = list(Commune.objects.only("id", "name"))
    for commune in communes:
        commune.name_key = name_key(commune.name)
    Commune.objects.bulk_update(communes, ["name_key"], batch_size=2000)

    Structure = apps.get_model("directory", "FacilitatorStructure")
    Covered = Structure.covered_communes.through
    rows = []
    for structure in Structure.objects.prefetch_related("covered_departments"):
        department_ids = [d.id for d in structure.covered_departments.all()]
        if not department_ids:
            continue
        existing = set(structure.covered_communes.values_list("id", flat=True))
        wanted = Commune.objects.filter(department_id__in=department_ids).values_list(
            "id", flat=True
        )
        rows += [
            Covered(facilitatorstructure_id=structure.id, commune_id=commune_id)
            for commune_id in wanted
            if commune_id not in existing
        ]
    Covered.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_territories_as_communes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
