"""Good-practice sheets use the site's shared vocabulary (core.vocabulary, core.models):
- buyer kinds: one list with the directory's ("securite-sociale" is now "securite_sociale");
- sectors: the managed list of activity sectors replaces the sheets' own six codes (created if
  missing; "plusieurs" maps to no sector: an editor picks them).
Stored revisions are updated too, so that editing a sheet does not bring an old code back."""

import modelcluster.fields
from django.db import migrations, models
from django.utils.text import slugify

SECTOR_NAMES = {
    "btp": "Bâtiment et travaux publics",
    "proprete": "Propreté et nettoyage",
    "dechets": "Collecte, tri et recyclage des déchets",
    "services": "Accueil, gardiennage et services aux bâtiments",
    "intellectuel": "Numérique et saisie de données",
    "plusieurs": None,
}
BUYER_KINDS = {"securite-sociale": "securite_sociale"}


def _revisions(apps, page):
    Revision = apps.get_model("wagtailcore", "Revision")
    return Revision.objects.filter(object_id=str(page.pk), content_type_id=page.content_type_id)


def _sector(apps, code):
    Sector = apps.get_model("core", "Sector")
    name = SECTOR_NAMES.get(code)
    if not name:
        return None
    return Sector.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def to_shared_vocabulary(apps, schema_editor):
    GoodPracticePage = apps.get_model("resources", "GoodPracticePage")
    for page in GoodPracticePage.objects.all():
        page.buyer_kind = BUYER_KINDS.get(page.buyer_kind, page.buyer_kind)
        page.save(update_fields=["buyer_kind"])
        sector = _sector(apps, page.sector)
        if sector:
            # Through the link table: historical models do not commit parental relations.
            through = GoodPracticePage.sectors.through
            through.objects.get_or_create(goodpracticepage_id=page.pk, sector_id=sector.pk)
        for revision in _revisions(apps, page):
            content = revision.content
            kind = content.get("buyer_kind")
            content["buyer_kind"] = BUYER_KINDS.get(kind, kind)
            content["sectors"] = [sector.pk] if sector else []
            content.pop("sector", None)
            revision.save(update_fields=["content"])


def to_own_codes(apps, schema_editor):
    GoodPracticePage = apps.get_model("resources", "GoodPracticePage")
    codes = {name: code for code, name in SECTOR_NAMES.items() if name}
    for page in GoodPracticePage.objects.all():
        links = GoodPracticePage.sectors.through.objects.filter(goodpracticepage_id=page.pk)
        names = list(links.values_list("sector__name", flat=True))
        page.sector = codes.get(names[0], "plusieurs") if len(names) == 1 else "plusieurs"
        page.buyer_kind = {v: k for k, v in BUYER_KINDS.items()}.get(
            page.buyer_kind, page.buyer_kind
        )
        page.save(update_fields=["sector", "buyer_kind"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("resources", "0006_resourcehubpage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="goodpracticepage",
            name="buyer_kind",
            field=models.CharField(
                choices=[
                    ("commune", "Commune ou intercommunalité"),
                    ("departement", "Département"),
                    ("region", "Région"),
                    ("etat", "État et ses services"),
                    ("etablissement_public", "Établissement public"),
                    ("hopital", "Établissement de santé"),
                    ("bailleur", "Bailleur social"),
                    ("securite_sociale", "Organisme de sécurité sociale"),
                    ("centrale", "Centrale d'achat"),
                    ("amenageur", "Aménageur ou grand projet"),
                    ("autre", "Autre acheteur"),
                ],
                max_length=20,
                verbose_name="Type d'acheteur",
            ),
        ),
        migrations.AlterField(
            model_name="goodpracticepage",
            name="sector",
            field=models.CharField(default="plusieurs", max_length=20, verbose_name="Secteur"),
        ),
        migrations.AddField(
            model_name="goodpracticepage",
            name="sectors",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                related_name="good_practices",
                to="core.sector",
                verbose_name="Secteurs",
            ),
        ),
        migrations.RunPython(to_shared_vocabulary, to_own_codes),
        migrations.RemoveField(model_name="goodpracticepage", name="sector"),
    ]
