"""The dimensions of a facilitator structure's yearly return (instruction of 11 April 2019,
shared territorial diagnosis) and their categories: the one vocabulary of the file format, the
checks, the consolidation and the panoramas.

A dimension splits one total (hours, contracts, beneficiaries…) into categories; a cross
dimension splits it along two single dimensions at once ("femme+moins-26-ans") and its margins
must equal them. Outcome dimensions describe the cohort followed at a horizon: their own sum is
their total.
"""

from dataclasses import dataclass, field

from core.vocabulary import LegalMechanism

HOURS, PEOPLE, CONTRACTS = "heures", "personnes", "marchés"
CROSS = "+"
ENSEMBLE = "ensemble"  # the total of a cohort (outcome dimensions), computed on import


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str
    unit: str
    categories: tuple = ()  # ((code, label), …); empty for a total
    total: str = ""  # the total dimension its categories add up to ("" for a total or outcomes)
    crosses: tuple = ()  # (row dimension, column dimension) of a cross dimension
    people: bool = field(default=False)  # counts people: the < 5 rule applies

    @property
    def is_total(self):
        return not self.categories and not self.crosses

    @property
    def is_cohort(self):
        """Outcomes: a cohort split into situations, its own total in the category ENSEMBLE."""
        return bool(self.categories) and not self.total

    @property
    def is_cross(self):
        return bool(self.crosses)

    def category_codes(self):
        if self.is_total:
            return ["total"]
        if self.is_cross:
            rows, columns = (DIMENSIONS[code] for code in self.crosses)
            return [f"{r}{CROSS}{c}" for r, _ in rows.categories for c, _ in columns.categories]
        return [code for code, _ in self.categories]

    def category_label(self, code):
        if self.is_total:
            return "Total"
        if code == ENSEMBLE:
            return "Ensemble des personnes suivies"
        if self.is_cross:
            row, column = code.split(CROSS)
            rows, columns = (DIMENSIONS[c] for c in self.crosses)
            return f"{rows.category_label(row)} — {columns.category_label(column)}"
        return dict(self.categories).get(code, code)


BUYERS = (
    ("etat", "État et ses établissements"),
    ("collectivite", "Collectivités territoriales et leurs groupements"),
    ("hopital", "Établissements publics de santé"),
    ("bailleur-social", "Bailleurs sociaux"),
    ("autre-public", "Autres acheteurs publics"),
    ("prive", "Acheteurs privés (démarche volontaire)"),
)
SECTORS = (
    ("btp", "Bâtiment et travaux publics"),
    ("espaces-verts", "Espaces verts"),
    ("proprete", "Propreté et nettoyage"),
    ("collecte-dechets", "Collecte et tri des déchets"),
    ("restauration", "Restauration"),
    ("services", "Services aux personnes et aux entreprises"),
    ("transport", "Transport et logistique"),
    ("autre", "Autres secteurs"),
)
LEGAL_BASES = tuple(
    (code.replace("_", "-"), label) for code, label in LegalMechanism.choices if code != "autre"
)
COMPANY_SIZES = (
    ("tpe", "Moins de 10 salariés"),
    ("pme", "10 à 249 salariés"),
    ("eti", "250 à 4 999 salariés"),
    ("ge", "5 000 salariés et plus"),
    ("siae", "Structures d'insertion et entreprises adaptées"),
)
AMOUNT_BANDS = (
    ("moins-90k", "Moins de 90 000 € HT"),
    ("90k-221k", "De 90 000 à 221 000 € HT"),
    ("221k-1m", "De 221 000 € à 1 million d'€ HT"),
    ("1m-5m", "De 1 à 5,5 millions d'€ HT"),
    ("plus-5m", "5,5 millions d'€ HT et plus"),
)
PUBLICS = (
    ("demandeur-longue-duree", "Demandeurs d'emploi de longue durée"),
    ("minima-sociaux", "Allocataires de minima sociaux (RSA, ASS…)"),
    ("jeune-peu-qualifie", "Jeunes de moins de 26 ans peu qualifiés"),
    ("travailleur-handicape", "Travailleurs handicapés"),
    ("salarie-siae", "Salariés de structures d'insertion"),
    ("autre", "Autres publics éligibles"),
)
SEXES = (("femme", "Femmes"), ("homme", "Hommes"))
AGES = (("moins-26", "Moins de 26 ans"), ("26-49", "26 à 49 ans"), ("50-plus", "50 ans et plus"))
ORIGINS = (
    ("qpv", "Quartiers prioritaires de la ville"),
    ("zrr", "Zones de revitalisation rurale"),
    ("autre", "Autres territoires"),
)
QUALIFICATIONS = (
    ("sans-diplome", "Sans diplôme"),
    ("niveau-3", "CAP, BEP (niveau 3)"),
    ("niveau-4", "Baccalauréat (niveau 4)"),
    ("niveau-5-plus", "Bac + 2 et plus (niveau 5 et plus)"),
)
PRESCRIBERS = (
    ("france-travail", "France Travail"),
    ("mission-locale", "Missions locales"),
    ("cap-emploi", "Cap emploi"),
    ("plie", "PLIE"),
    ("siae", "Structures d'insertion"),
    ("departement", "Conseils départementaux"),
    ("autre", "Autres prescripteurs"),
)
TRADES = (
    ("batiment", "Bâtiment, gros et second œuvre"),
    ("travaux-publics", "Travaux publics et voirie"),
    ("espaces-verts", "Espaces verts"),
    ("nettoyage", "Nettoyage et propreté"),
    ("logistique", "Manutention et logistique"),
    ("restauration", "Cuisine et restauration"),
    ("administratif", "Emplois administratifs"),
    ("autre", "Autres métiers"),
)
OUTCOMES = (
    ("emploi-durable", "Emploi durable (CDI, CDD de 6 mois et plus)"),
    ("emploi-transition", "Emploi de transition (CDD court, intérim)"),
    ("formation", "Formation qualifiante"),
    ("parcours-insertion", "Parcours d'insertion (SIAE)"),
    ("sans-emploi", "Sans emploi"),
    ("inconnue", "Situation inconnue"),
)
HORIZONS = (6, 12, 18, 24)


def _dimensions():
    found = [
        Dimension("heures_total", "Heures d'insertion réalisées", HOURS),
        Dimension("heures_acheteur", "Heures par type d'acheteur", HOURS, BUYERS, "heures_total"),
        Dimension("heures_secteur", "Heures par secteur", HOURS, SECTORS, "heures_total"),
        Dimension(
            "heures_base_juridique", "Heures par base juridique", HOURS, LEGAL_BASES, "heures_total"
        ),
        Dimension(
            "heures_taille_entreprise",
            "Heures par taille d'entreprise attributaire",
            HOURS,
            COMPANY_SIZES,
            "heures_total",
        ),
        Dimension("marches_total", "Marchés comportant une clause", CONTRACTS),
        Dimension(
            "marches_montant",
            "Marchés par tranche de montant",
            CONTRACTS,
            AMOUNT_BANDS,
            "marches_total",
        ),
        Dimension(
            "marches_base_juridique",
            "Marchés par base juridique",
            CONTRACTS,
            LEGAL_BASES,
            "marches_total",
        ),
        Dimension(
            "marches_taille_entreprise",
            "Marchés par taille d'entreprise attributaire",
            CONTRACTS,
            COMPANY_SIZES,
            "marches_total",
        ),
        Dimension(
            "marches_base_juridique_taille",
            "Marchés par base juridique et taille d'entreprise",
            CONTRACTS,
            total="marches_total",
            crosses=("marches_base_juridique", "marches_taille_entreprise"),
        ),
        Dimension("beneficiaires_total", "Personnes en insertion", PEOPLE, people=True),
    ]
    people = [
        ("categorie", "Personnes par catégorie de public", PUBLICS),
        ("sexe", "Personnes par sexe", SEXES),
        ("age", "Personnes par âge", AGES),
        ("origine", "Personnes par origine géographique", ORIGINS),
        ("qualification", "Personnes par niveau de qualification", QUALIFICATIONS),
        ("prescripteur", "Personnes par prescripteur", PRESCRIBERS),
        ("metier", "Personnes par métier exercé", TRADES),
    ]
    for suffix, label, categories in people:
        found.append(
            Dimension(
                f"beneficiaires_{suffix}",
                label,
                PEOPLE,
                categories,
                "beneficiaires_total",
                people=True,
            )
        )
    for rows, columns, label in [
        ("sexe", "age", "Personnes par sexe et âge"),
        ("categorie", "sexe", "Personnes par catégorie de public et sexe"),
        ("qualification", "age", "Personnes par qualification et âge"),
    ]:
        found.append(
            Dimension(
                f"beneficiaires_{rows}_{columns}",
                label,
                PEOPLE,
                total="beneficiaires_total",
                crosses=(f"beneficiaires_{rows}", f"beneficiaires_{columns}"),
                people=True,
            )
        )
    for months in HORIZONS:
        found.append(
            Dimension(
                f"sorties_{months}_mois",
                f"Situation {months} mois après le premier contrat",
                PEOPLE,
                OUTCOMES,
                people=True,
            )
        )
    return {dimension.code: dimension for dimension in found}


DIMENSIONS = _dimensions()
REQUIRED = ["heures_total", "marches_total", "beneficiaires_total"]
