"""One list of buyer kinds for the site (core.vocabulary.BuyerKind): the directory's
"collectivite" becomes commune, département or région, guessed from the buyer's name."""

import re

from django.db import migrations, models

DEPARTMENT_NAME = re.compile(r"^\W*(d[ée]partement|conseil d[ée]partemental)", re.IGNORECASE)
REGION_NAME = re.compile(r"^\W*(r[ée]gion|conseil r[ée]gional)", re.IGNORECASE)


def local_authority_kind(name):
    if DEPARTMENT_NAME.match(name):
        return "departement"
    if REGION_NAME.match(name):
        return "region"
    return "commune"


def split_local_authorities(apps, schema_editor):
    PublicBuyer = apps.get_model("directory", "PublicBuyer")
    for buyer in PublicBuyer.objects.filter(kind="collectivite").only("pk", "name"):
        buyer.kind = local_authority_kind(buyer.name)
        buyer.save(update_fields=["kind"])


def merge_local_authorities(apps, schema_editor):
    PublicBuyer = apps.get_model("directory", "PublicBuyer")
    PublicBuyer.objects.filter(kind__in=["commune", "departement", "region"]).update(
        kind="collectivite"
    )
    # Kinds the old list did not have.
    PublicBuyer.objects.filter(kind__in=["securite_sociale", "centrale", "amenageur"]).update(
        kind="autre"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="publicbuyer",
            name="kind",
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
                max_length=30,
                verbose_name="Type",
            ),
        ),
        migrations.RunPython(split_local_authorities, merge_local_authorities),
    ]
