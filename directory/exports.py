"""Open data of the directory: CSV and JSON of the public fields, described by a Table Schema.

The same filters as the search page apply (a filtered export gives exactly those rows). Only
published entries and public, professional fields are exported: no raw import record, no
correction, no personal data.
"""

from django.db.models import Max
from django.views.decorators.http import condition

from core.links import absolute_url
from core.opendata import csv_response, json_response, schema_response, table_schema
from core.vocabulary import SUBKIND_LABELS, counts_for_insertion_clause

from .filters import DirectoryQuery, results

SCHEMA_URL = "/annuaire/schema.json"

# (name, type, French description). Order = CSV column order.
FIELDS = [
    (
        "identifiant",
        "string",
        "Identifiant stable de la fiche (fin de son adresse /annuaire/<identifiant>/).",
    ),
    ("url", "string", "Adresse de la fiche sur le site."),
    (
        "type",
        "string",
        "« facilitateur » (structure porteuse de facilitateurs) ou « employeur » (employeur inclusif).",
    ),
    (
        "categorie",
        "string",
        "Code de la catégorie : PLIE, MdE… pour les facilitateurs ; EI, ACI, EA, ESAT… pour les employeurs.",
    ),
    ("categorie_libelle", "string", "Libellé de la catégorie."),
    ("nom", "string", "Nom de la structure."),
    (
        "siret",
        "string",
        "SIRET (14 chiffres) des employeurs inclusifs ; vide pour les facilitateurs.",
    ),
    ("adresse", "string", "Adresse postale (rue)."),
    ("commune_code_insee", "string", "Code officiel géographique (INSEE) de la commune."),
    ("commune", "string", "Nom de la commune."),
    ("departement_code", "string", "Code INSEE du département (01 à 95, 2A, 2B, 971 à 976)."),
    ("departement", "string", "Nom du département."),
    ("region_code", "string", "Code INSEE de la région."),
    ("courriel", "string", "Courriel générique de la structure (jamais une adresse personnelle)."),
    ("telephone", "string", "Téléphone du standard."),
    ("site_internet", "string", "Site internet."),
    ("secteurs", "string", "Secteurs d'activité des employeurs, séparés par « | »."),
    (
        "compte_pour_clause_insertion",
        "boolean",
        "Vrai si l'employeur compte pour les heures d'une clause d'insertion.",
    ),
    (
        "departements_couverts",
        "string",
        "Facilitateurs : codes INSEE des départements couverts, séparés par « | ».",
    ),
    ("nb_facilitateurs", "integer", "Facilitateurs : nombre de personnes."),
    ("nb_facilitateurs_etp", "number", "Facilitateurs : nombre en équivalents temps plein."),
    (
        "coordination_regionale",
        "boolean",
        "Facilitateurs : vrai si la structure coordonne la région.",
    ),
    (
        "derniere_verification",
        "date",
        "Facilitateurs : date de la dernière vérification (AAAA-MM-JJ).",
    ),
    ("donnee_fictive", "boolean", "Vrai pour les données fictives de démonstration."),
]


def _rows(request):
    query = DirectoryQuery.from_params(request.GET)
    queryset = (
        results(query)
        .select_related("inclusiveemployer", "facilitatorstructure")
        .prefetch_related(
            "inclusiveemployer__activities__sector", "facilitatorstructure__covered_departments"
        )
    )
    for organisation in queryset.iterator(chunk_size=500):
        specific = organisation.specific
        is_employer = organisation.kind == "employeur"
        row = {
            "identifiant": organisation.slug,
            "url": absolute_url(organisation.get_absolute_url()),
            "type": organisation.kind,
            "categorie": organisation.subkind,
            "categorie_libelle": SUBKIND_LABELS.get(organisation.subkind, ""),
            "nom": organisation.name,
            "siret": specific.siret if is_employer else "",
            "adresse": organisation.address,
            "commune_code_insee": organisation.commune.code if organisation.commune else "",
            "commune": organisation.commune.name if organisation.commune else "",
            "departement_code": organisation.department.code,
            "departement": organisation.department.name,
            "region_code": organisation.department.region.code,
            "courriel": organisation.email,
            "telephone": organisation.phone,
            "site_internet": organisation.website,
            "secteurs": "|".join(
                sorted({a.sector.name for a in specific.activities.all()}) if is_employer else []
            ),
            "compte_pour_clause_insertion": is_employer
            and counts_for_insertion_clause(organisation.subkind),
            "departements_couverts": ""
            if is_employer
            else "|".join(sorted(d.code for d in specific.covered_departments.all())),
            "nb_facilitateurs": None if is_employer else specific.facilitators_count,
            "nb_facilitateurs_etp": None if is_employer else float(specific.facilitators_fte),
            "coordination_regionale": False if is_employer else specific.is_regional_coordinator,
            "derniere_verification": None if is_employer else specific.last_verified,
            "donnee_fictive": organisation.is_demo,
        }
        yield row


def _directory_changed_at(request):
    """The last change of any organisation: a conditional GET answers 304 until then, without
    building the export (the CSV is streamed, so it has no ETag)."""
    from .models import Organisation

    return Organisation.objects.aggregate(latest=Max("updated_at"))["latest"]


@condition(last_modified_func=_directory_changed_at)
def export_csv(request):
    names = [name for name, _, _ in FIELDS]
    rows = ([row[name] for name in names] for row in _rows(request))
    return csv_response(
        names, rows, "annuaire-clauses-sociales.csv", schema_url=SCHEMA_URL, stream=True
    )


@condition(last_modified_func=_directory_changed_at)
def export_json(request):
    data = {
        "schema": absolute_url(SCHEMA_URL),
        "licence": "Licence Ouverte / Open Licence 2.0",
        "resultats": list(_rows(request)),
    }
    return json_response(data, filename="annuaire-clauses-sociales.json")


def schema():
    return table_schema(
        [
            {"name": name, "type": kind, "description": description}
            for name, kind, description in FIELDS
        ],
        name="annuaire-clauses-sociales",
        title="Annuaire des facilitateurs et des employeurs inclusifs",
        description=(
            "Colonnes de /annuaire/export.csv (et clés des objets « resultats » de "
            "/annuaire/export.json). Les paramètres de filtre de la recherche s'appliquent : q, type, "
            "categorie, secteur, region, departement, tri."
        ),
        path=absolute_url("/annuaire/export.csv"),
        primaryKey="identifiant",
    )


def schema_json(request):
    return schema_response(schema())
