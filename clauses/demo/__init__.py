"""Demo content of the clauses app: labour-share référentiel (2025, 2026) and model clauses.

The référentiel's per-category rows take the IGAS report's estimates (supplies 10 %, services
60 %, works 40 %; 30 €/h; 5 % insertion rate). No published national référentiel gives values per
type of work: the per-type rows are plausible orders of magnitude, flagged "illustratif".
Idempotent: rows are matched on (year, category, type), clauses on their slug; existing ones are
left as editors made them.
"""

from decimal import Decimal as D

from wagtail.models import Page

from core.demo_tools import home_page, is_editorial_page
from core.vocabulary import LegalMechanism
from guides.models import LegalBasis

from ..models import LabourShareRow, ModelClause, ProcurementDocument

IGAS = "Rapport IGAS 2015-169R (2016), estimation par catégorie de marchés"
IGAS_EXAMPLE = "Rapport IGAS 2015-169R (2016), exemple de calcul"
ILLUSTRATIVE = "Valeur illustrative du site de démonstration (à confirmer)"

# (category, type, share_low, share_high, hourly cost, insertion rate, source, illustrative, notes)
ROWS_2026 = [
    (
        "travaux",
        "Ensemble des travaux (moyenne)",
        D(40),
        None,
        D(30),
        D(5),
        IGAS,
        False,
        "Part moyenne estimée pour les marchés de travaux ; coût horaire et taux de l'exemple de "
        "calcul du même rapport.",
    ),
    ("travaux", "Gros œuvre", D(35), D(45), D(32), D(5), ILLUSTRATIVE, True, ""),
    (
        "travaux",
        "Second œuvre",
        D(45),
        D(55),
        D(31),
        D(5),
        ILLUSTRATIVE,
        True,
        "Plâtrerie, menuiserie intérieure, peinture, revêtements.",
    ),
    (
        "travaux",
        "Voirie et réseaux divers (VRD)",
        D(25),
        D(35),
        D(33),
        D(5),
        ILLUSTRATIVE,
        True,
        "Part plus faible : matériaux et engins pèsent lourd dans le prix.",
    ),
    (
        "travaux",
        "Rénovation énergétique des logements",
        D(45),
        D(55),
        D(32),
        D(5),
        ILLUSTRATIVE,
        True,
        "Ligne ajoutée en 2026.",
    ),
    (
        "services",
        "Ensemble des services (moyenne)",
        D(60),
        None,
        D(30),
        D(5),
        IGAS,
        False,
        "Part moyenne estimée pour les marchés de services.",
    ),
    (
        "services",
        "Nettoyage de locaux",
        D(80),
        D(90),
        D(26),
        D(5),
        ILLUSTRATIVE,
        True,
        "Attention à la reprise du personnel lors du changement de titulaire.",
    ),
    ("services", "Entretien des espaces verts", D(55), D(65), D(28), D(7), ILLUSTRATIVE, True, ""),
    ("services", "Collecte des déchets", D(50), D(60), D(29), D(5), ILLUSTRATIVE, True, ""),
    (
        "services",
        "Gestion urbaine de proximité (quartiers en renouvellement urbain)",
        D(60),
        D(70),
        D(27),
        D(10),
        ILLUSTRATIVE,
        True,
        "Taux de 10 % des heures fixé par la charte d'insertion de l'ANRU pour ces marchés.",
    ),
    (
        "fournitures",
        "Ensemble des fournitures (moyenne)",
        D(10),
        None,
        D(30),
        D(5),
        IGAS,
        False,
        "Part moyenne estimée pour les marchés de fournitures.",
    ),
    (
        "fournitures",
        "Mobilier avec livraison et montage",
        D(15),
        D(25),
        D(28),
        D(5),
        ILLUSTRATIVE,
        True,
        "",
    ),
]

# What differed in 2025: {(category, type): (share_low, share_high, cost, rate)}; None = absent.
CHANGES_2025 = {
    ("travaux", "Gros œuvre"): (D(35), D(45), D(31), D(5)),
    ("travaux", "Rénovation énergétique des logements"): None,
    ("services", "Nettoyage de locaux"): (D(80), D(90), D(25), D(5)),
    ("services", "Entretien des espaces verts"): (D(55), D(65), D(28), D(5)),
}

G26 = "/guide/2026/"
CE_LINKS = (
    f"{G26}leviers-juridiques/condition-execution/#p-condition-principe La condition d'exécution\n"
    f"{G26}leviers-juridiques/condition-execution/#p-liberte-moyens L'entreprise choisit ses moyens\n"
    f"{G26}calcul-heures/#p-formule Le calcul des heures"
)
CA_LINKS = (
    f"{G26}leviers-juridiques/critere-attribution/#p-critere-combine Critère combiné à la condition\n"
    f"{G26}analyse-offres/#p-analyse-critere Noter le mémoire d'insertion"
)
RESERVE_LINKS = f"{G26}leviers-juridiques/marches-reserves/#p-reserve-siae Les marchés réservés"

DOC = ProcurementDocument
M = LegalMechanism

# slug, title, summary, mechanism, basis slug, document, kinds, text, guidance, guide links
CLAUSES = [
    (
        "condition-execution-heures",
        "Condition d'exécution : heures d'insertion",
        "La clause de base : le titulaire réserve un nombre d'heures de travail à des personnes "
        "éloignées de l'emploi.",
        M.EXECUTION_CONDITION,
        "condition-execution",
        DOC.CCAP,
        "travaux services",
        "Article X – Clause sociale d'insertion\n\n"
        "Pour l'exécution du marché « {objet} », passé par {acheteur}, le titulaire s'engage à "
        "réaliser au moins {heures} heures de travail confiées à des personnes rencontrant des "
        "difficultés sociales ou professionnelles particulières, pendant la durée du marché "
        "({duree} mois).\n\n"
        "Sont concernés les publics suivants : {publics}. L'éligibilité de chaque personne est "
        "vérifiée avant son entrée dans l'action par {facilitateur}.\n\n"
        "Le titulaire choisit librement la manière de remplir cet engagement : embauche directe, "
        "mise à disposition par une entreprise de travail temporaire d'insertion, une association "
        "intermédiaire ou un groupement d'employeurs pour l'insertion et la qualification, ou "
        "sous-traitance à une entreprise d'insertion.\n\n"
        "Le titulaire rend compte de l'exécution de la clause selon les modalités suivantes : "
        "{suivi}. Pour chaque heure non réalisée du fait du titulaire, une pénalité de {penalite} "
        "euros est appliquée, après mise en demeure restée sans effet.",
        "Indiquez un nombre d'heures par lot lorsque le marché est alloti.\n\n"
        "N'imposez ni le recours à une structure d'insertion ni un type de contrat : avec une "
        "condition d'exécution, c'est l'entreprise qui choisit ses moyens.\n\n"
        "Le nombre d'heures se calcule avec le calculateur : montant HT × part de main-d'œuvre "
        "÷ coût horaire × taux d'insertion.",
        CE_LINKS,
    ),
    (
        "annonce-reglement-consultation",
        "Règlement de la consultation : annonce de la clause d'insertion",
        "Prévenir les candidats, dès la consultation, qu'une clause d'heures d'insertion "
        "s'appliquera.",
        M.EXECUTION_CONDITION,
        "condition-execution",
        DOC.RC,
        "travaux services fournitures",
        "Le marché « {objet} » comporte une condition d'exécution à caractère social : le "
        "titulaire devra réserver au moins {heures} heures de travail à des personnes en "
        "difficulté d'insertion, dans les conditions fixées par le CCAP.\n\n"
        "Les candidats sont invités à prendre contact avec {facilitateur}, qui accompagne "
        "gratuitement les entreprises dans la mise en œuvre de la clause. Le respect de cette "
        "condition n'est pas un critère de choix des offres : chaque candidat s'engage à la "
        "respecter en signant l'acte d'engagement.",
        "Annoncer la clause dès le règlement de la consultation permet aux entreprises d'en "
        "tenir compte dans leur organisation et dans leur prix.",
        f"{G26}redaction/#p-annonce-rc Annoncer la clause",
    ),
    (
        "avis-clause-insertion",
        "Avis d'appel public à la concurrence : mention de la clause sociale",
        "La mention courte à porter dans l'avis de marché.",
        M.EXECUTION_CONDITION,
        "condition-execution",
        DOC.NOTICE,
        "travaux services fournitures",
        "Conditions particulières d'exécution : le marché comporte une clause d'insertion "
        "professionnelle. Le titulaire réservera au moins {heures} heures de travail à des "
        "personnes éloignées de l'emploi. Renseignements auprès de {facilitateur}.",
        "Dans les formulaires européens, cette mention figure dans la rubrique consacrée aux "
        "conditions d'exécution du marché.",
        f"{G26}redaction/#p-annonce-rc Annoncer la clause",
    ),
    (
        "engagement-heures-acte-engagement",
        "Annexe à l'acte d'engagement : engagement du candidat sur les heures",
        "Le candidat confirme le volume d'heures et indique comment il compte le réaliser.",
        M.EXECUTION_CONDITION,
        "condition-execution",
        DOC.AE_ANNEX,
        "travaux services",
        "Je soussigné(e), représentant l'entreprise candidate au marché « {objet} » passé par "
        "{acheteur}, m'engage à réaliser au moins {heures} heures d'insertion pendant l'exécution "
        "du marché.\n\n"
        "Modalités envisagées (embauche directe, intérim d'insertion, association intermédiaire, "
        "groupement d'employeurs, sous-traitance à une entreprise d'insertion) : {suivi}.\n\n"
        "Je m'engage à désigner un interlocuteur chargé du suivi de la clause et à transmettre à "
        "{facilitateur} les informations nécessaires au contrôle des heures réalisées.",
        "Les modalités indiquées par le candidat sont informatives : elles ne peuvent pas servir "
        "à comparer les offres si la clause est seulement une condition d'exécution.",
        CE_LINKS,
    ),
    (
        "fiche-caracterisation-marche",
        "Fiche de caractérisation du marché",
        "Le support à remplir avec le facilitateur, avant la rédaction, pour calibrer les heures.",
        M.EXECUTION_CONDITION,
        "condition-execution",
        DOC.CHARACTERISATION,
        "travaux services fournitures",
        "Acheteur : {acheteur}. Objet du marché : {objet}. Début prévisionnel : {date_debut}. "
        "Durée prévisionnelle : {duree} mois.\n\n"
        "Montant estimé : {montant} euros HT. Heures de travail estimées : {heures_travail} "
        "heures. Taux d'insertion retenu : {taux} %. Heures d'insertion demandées : {heures} "
        "heures.\n\n"
        "Lots concernés : {lot}. Publics visés : {publics}. Structure chargée du suivi : "
        "{facilitateur}.\n\n"
        "Métiers mobilisables et périodes de forte activité du chantier ou de la prestation : à "
        "décrire avec le facilitateur.",
        "Cette fiche n'est pas une pièce contractuelle : elle documente les choix faits avant la "
        "rédaction et facilite le dialogue avec les entreprises.",
        f"{G26}calcul-heures/#p-fiche-caracterisation La fiche de caractérisation",
    ),
    (
        "mutualisation-heures",
        "Mutualisation des heures entre plusieurs marchés",
        "Permettre au titulaire de regrouper les heures dues au titre de plusieurs marchés pour "
        "offrir des parcours plus longs.",
        M.EXECUTION_CONDITION,
        "condition-execution",
        DOC.CCAP,
        "travaux services",
        "Avec l'accord écrit de {acheteur}, le titulaire peut faire réaliser tout ou partie des "
        "{heures} heures dues au titre du présent marché par une même personne employée sur "
        "d'autres marchés comportant une clause d'insertion, afin de lui offrir un parcours plus "
        "long.\n\n"
        "Les heures ainsi mutualisées sont comptées une seule fois. Le titulaire reste tenu de "
        "l'obligation propre à chacun de ses marchés, et {facilitateur} tient le décompte des "
        "heures par marché.",
        "La mutualisation n'est possible que si elle est écrite dans les pièces de chaque marché "
        "concerné.",
        f"{G26}redaction/mutualisation/#p-mutualisation-ecrite Une mutualisation écrite",
    ),
    (
        "difficultes-economiques",
        "Adaptation des heures en cas de difficultés économiques",
        "Réduire l'obligation à proportion de la période d'activité partielle ou de licenciement "
        "économique.",
        M.EXECUTION_CONDITION,
        "condition-execution",
        DOC.CCAP,
        "travaux services",
        "Si le titulaire recourt à l'activité partielle ou procède à des licenciements pour motif "
        "économique pendant l'exécution du marché « {objet} », le nombre d'heures d'insertion dû, "
        "fixé à {heures} heures pour {duree} mois, est réduit à proportion de la durée de la "
        "période concernée.\n\n"
        "Le titulaire en informe {acheteur} sans délai et fournit les justificatifs. La réduction "
        "est constatée par écrit.",
        "Exemple : marché de 12 mois, 1 000 heures, 6 mois d'activité partielle : l'obligation "
        "est ramenée à 500 heures.",
        f"{G26}redaction/difficultes-economiques/#p-difficultes-principe Difficultés économiques",
    ),
    (
        "critere-attribution-insertion",
        "Critère d'attribution : performance en matière d'insertion",
        "Noter la qualité de l'accompagnement proposé, en plus de la condition d'exécution.",
        M.AWARD_CRITERION,
        "critere-attribution",
        DOC.RC,
        "travaux services",
        "Les offres sont jugées selon les critères suivants, pondérés comme indiqué dans le "
        "présent règlement : prix, valeur technique, et performance en matière d'insertion "
        "professionnelle des publics en difficulté.\n\n"
        "Le critère d'insertion est apprécié au vu du mémoire d'insertion remis par le candidat : "
        "nature des postes proposés, durée des contrats, tutorat, formation, lien avec "
        "{facilitateur}, et nombre d'heures proposé au-delà du minimum de {heures} heures.",
        "Un critère d'attribution seul ne crée aucune obligation pendant l'exécution : "
        "combinez-le avec la condition d'exécution.\n\n"
        "Annoncez la grille de notation du mémoire dans le règlement de la consultation.",
        CA_LINKS,
    ),
    (
        "cadre-memoire-insertion",
        "Cadre de mémoire d'insertion",
        "Le plan que le candidat suit pour décrire son projet d'insertion.",
        M.AWARD_CRITERION,
        "critere-attribution",
        DOC.INSERTION_REPORT,
        "travaux services",
        "1. Organisation : interlocuteur chargé de la clause, relation avec {facilitateur}.\n\n"
        "2. Postes et métiers proposés pour les {heures} heures d'insertion, et calendrier "
        "prévisionnel sur les {duree} mois du marché.\n\n"
        "3. Accompagnement : accueil, tutorat, formation pendant le contrat, durée des contrats "
        "proposés (huit semaines au moins sont recommandées).\n\n"
        "4. Suite du parcours : attestation de compétences, aide à la recherche d'emploi, "
        "possibilité d'embauche durable.\n\n"
        "5. Compte rendu : {suivi}.",
        "Le mémoire du titulaire peut être transmis aux acteurs de l'insertion pour préparer les "
        "recrutements.",
        f"{G26}redaction/#p-memoire-insertion Le mémoire d'insertion",
    ),
    (
        "lot-reserve-siae-avis",
        "Avis de marché : lot réservé aux structures d'insertion",
        "Réserver un marché ou un lot aux SIAE et structures équivalentes.",
        M.RESERVED_SIAE,
        "marche-reserve-siae",
        DOC.NOTICE,
        "travaux services fournitures",
        "Le lot {lot} du marché « {objet} » est réservé aux structures d'insertion par l'activité "
        "économique mentionnées à l'article L. 5132-4 du code du travail et aux structures "
        "équivalentes, lorsqu'elles emploient une proportion minimale de travailleurs "
        "défavorisés.",
        "Un même lot ne peut pas être réservé à la fois aux structures d'insertion et au secteur "
        "du handicap.\n\nVérifiez avec le facilitateur qu'au moins une structure du territoire "
        "peut répondre.",
        RESERVE_LINKS,
    ),
    (
        "lot-reserve-siae-rc",
        "Règlement de la consultation : justificatifs pour un lot réservé aux SIAE",
        "Ce que les candidats d'un lot réservé doivent fournir.",
        M.RESERVED_SIAE,
        "marche-reserve-siae",
        DOC.RC,
        "travaux services fournitures",
        "Pour le lot {lot}, réservé en application de la réglementation relative aux structures "
        "d'insertion par l'activité économique, chaque candidat, ou chaque membre d'un groupement, "
        "joint à sa candidature la preuve de son conventionnement par l'État en cours de "
        "validité.\n\n"
        "Une candidature ne comportant pas ce justificatif ne pourra pas être admise pour ce lot.",
        "Les structures peuvent se grouper pour répondre à un lot plus important.",
        RESERVE_LINKS,
    ),
    (
        "lot-reserve-ea-esat",
        "Avis de marché : lot réservé aux entreprises adaptées et aux ESAT",
        "Réserver un marché ou un lot au secteur du travail protégé et adapté.",
        M.RESERVED_DISABILITY,
        "marche-reserve-handicap",
        DOC.NOTICE,
        "services fournitures",
        "Le lot {lot} du marché « {objet} » est réservé aux entreprises adaptées, aux "
        "établissements et services d'aide par le travail et aux structures équivalentes, "
        "lorsqu'ils emploient une proportion minimale de travailleurs handicapés.",
        "Les achats auprès de ces structures peuvent aussi aider les entreprises clientes à "
        "remplir leur obligation d'emploi de travailleurs handicapés.",
        f"{G26}leviers-juridiques/marches-reserves/#p-reserve-handicap La réservation au secteur "
        "du handicap",
    ),
    (
        "reserve-ea-esat-rc",
        "Règlement de la consultation : candidature à un lot réservé au secteur du handicap",
        "Justificatifs demandés aux entreprises adaptées et ESAT.",
        M.RESERVED_DISABILITY,
        "marche-reserve-handicap",
        DOC.RC,
        "services fournitures",
        "Pour le lot {lot}, chaque candidat justifie de sa qualité d'entreprise adaptée, "
        "d'établissement ou service d'aide par le travail, ou de structure équivalente, et "
        "indique la proportion de travailleurs handicapés qu'il emploie.",
        "Cette réservation reste rare : vérifiez l'offre existante sur le territoire avant de la "
        "retenir.",
        f"{G26}leviers-juridiques/marches-reserves/#p-reserve-handicap La réservation au secteur "
        "du handicap",
    ),
    (
        "marche-insertion-qualification",
        "Marché de services d'insertion et de qualification professionnelle",
        "Acheter la prestation d'insertion elle-même, par exemple un chantier support de parcours.",
        M.INSERTION_CONTRACT,
        "marche-insertion",
        DOC.CCAP,
        "services",
        "Le présent marché, passé par {acheteur}, a pour objet une prestation d'insertion et de "
        "qualification professionnelle de personnes éloignées de l'emploi, réalisée à l'occasion "
        "de {objet}.\n\n"
        "Le titulaire accueille des personnes relevant des publics suivants : {publics}, pour un "
        "volume d'au moins {heures} heures de travail encadré sur {duree} mois. Il assure "
        "l'encadrement technique, l'accompagnement social et professionnel et la formation des "
        "personnes.\n\n"
        "Il remet un bilan individuel de compétences à chaque personne à sa sortie, et rend compte "
        "à l'acheteur selon les modalités suivantes : {suivi}.",
        "La prestation achetée est l'insertion : le support d'activité (espaces verts, second "
        "œuvre…) n'en est que le moyen. La durée du marché doit permettre de vrais parcours.",
        f"{G26}leviers-juridiques/marches-reserves/#p-marche-insertion Le marché d'insertion",
    ),
    (
        "marche-insertion-rc",
        "Règlement de la consultation : jugement d'un marché d'insertion",
        "Des critères qui privilégient la qualité du parcours proposé.",
        M.INSERTION_CONTRACT,
        "marche-insertion",
        DOC.RC,
        "services",
        "Les offres pour le marché « {objet} » sont jugées au vu du projet d'insertion "
        "(encadrement, accompagnement, formation, suites de parcours), qui compte pour la plus "
        "grande part de la note, puis du prix.\n\n"
        "Le candidat décrit dans un mémoire comment il accueillera et accompagnera les personnes "
        "pendant les {heures} heures prévues.",
        "Un acheteur du Pas-de-Calais a ainsi pondéré le mémoire d'insertion à 70 % et le prix à "
        "30 %.",
        f"{G26}analyse-offres/#p-ponderation-70 Une pondération centrée sur la qualité",
    ),
    (
        "concession-clause-insertion",
        "Contrat de concession : clause d'insertion sur la durée du contrat",
        "Étaler l'engagement d'insertion sur la durée, souvent longue, d'une concession.",
        M.CONCESSION,
        "concession-clause-sociale",
        DOC.CCAP,
        "concession",
        "Pendant toute la durée du contrat de concession « {objet} » conclu avec {acheteur}, le "
        "concessionnaire réserve au moins {taux} % des heures travaillées pour l'exploitation du "
        "service à des personnes éloignées de l'emploi, soit au moins {heures} heures par an.\n\n"
        "Il présente chaque année, dans son rapport annuel, le bilan des heures réalisées, des "
        "personnes accueillies et de leur situation à la sortie. Suivi assuré avec "
        "{facilitateur}.",
        "La durée des concessions se prête à des parcours longs et à des embauches durables.",
        f"{G26}leviers-juridiques/marches-reserves/#p-concessions Les concessions",
    ),
]


def _load_referential():
    created = 0
    existing = set(LabourShareRow.objects.values_list("year", "category", "work_type"))
    new_rows = []
    for order, (cat, kind, low, high, cost, rate, source, illus, notes) in enumerate(ROWS_2026):
        versions = [(2026, (low, high, cost, rate))]
        before = CHANGES_2025.get((cat, kind), (low, high, cost, rate))
        if before is not None:
            versions.append((2025, before))
        for year, (v_low, v_high, v_cost, v_rate) in versions:
            if (year, cat, kind) in existing:
                continue
            new_rows.append(
                LabourShareRow(
                    year=year,
                    category=cat,
                    work_type=kind,
                    share_low=v_low,
                    share_high=v_high,
                    hourly_cost=v_cost,
                    insertion_rate=v_rate,
                    source=source,
                    illustrative=illus,
                    notes="" if (year == 2025 and "2026" in notes) else notes,
                    sort_order=order,
                )
            )
    LabourShareRow.objects.bulk_create(new_rows)
    created += len(new_rows)
    return created


def _load_clauses():
    bases = {basis.slug: basis for basis in LegalBasis.objects.all()}
    existing = set(ModelClause.objects.values_list("slug", flat=True))
    created = 0
    for order, (slug, title, summary, mech, basis, doc, kinds, text, guidance, links) in enumerate(
        CLAUSES
    ):
        if slug in existing:
            continue
        kinds = kinds.split()
        clause = ModelClause(
            slug=slug,
            title=title,
            summary=summary,
            mechanism=mech,
            legal_basis=bases.get(basis),
            document=doc,
            for_works="travaux" in kinds,
            for_services="services" in kinds,
            for_supplies="fournitures" in kinds,
            for_concession="concession" in kinds,
            text=text,
            guidance=guidance,
            version_year=2026,
            guide_links=links,
            sort_order=order,
            live=False,
        )
        clause.save()
        clause.save_revision().publish()
        created += 1
    return created


def _remove_placeholder_pages():
    """The foundation's placeholder section pages would shadow nothing (our Django views come
    first) but would duplicate the sections in the page tree, the search and the sitemap."""
    home = home_page()
    if home is None:
        return 0
    removed = 0
    for slug in ("clauses", "main-d-oeuvre"):
        page = home.get_children().filter(slug=slug).first()
        if page is None:
            continue
        page = page.specific
        if is_editorial_page(page) and not page.get_children().exists():
            Page.objects.get(pk=page.pk).delete()
            removed += 1
    return removed


def load(stdout):
    rows = _load_referential()
    clauses = _load_clauses()
    removed = _remove_placeholder_pages()
    return (
        f"{rows} ligne(s) de référentiel et {clauses} clause(s) type créées ; "
        f"{removed} page(s) provisoire(s) retirée(s)."
    )
