from django.db import migrations

STAGES = [
    (
        "definir-le-besoin",
        "Définir le besoin",
        "Repérer les marchés adaptés, connaître les publics et le potentiel d'heures.",
    ),
    (
        "choisir-le-levier-juridique",
        "Choisir le levier juridique",
        "Condition d'exécution, critère, marché réservé, marché d'insertion.",
    ),
    (
        "rediger",
        "Rédiger",
        "Les pièces du marché : règlement de la consultation, CCAP, calcul des heures.",
    ),
    (
        "analyser-les-offres",
        "Analyser les offres",
        "Noter le volet social, vérifier les engagements.",
    ),
    (
        "suivre-l-execution",
        "Suivre l'exécution",
        "Accompagner, contrôler, mutualiser, sanctionner si besoin.",
    ),
    ("evaluer", "Évaluer", "Mesurer les résultats et en rendre compte."),
]


def create_stages(apps, schema_editor):
    PurchaseStage = apps.get_model("guides", "PurchaseStage")
    for order, (slug, title, description) in enumerate(STAGES):
        PurchaseStage.objects.update_or_create(
            slug=slug, defaults={"title": title, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("guides", "0002_guideeditionpage_guideindexpage_purchasestage_and_more")]

    operations = [migrations.RunPython(create_stages, migrations.RunPython.noop)]
