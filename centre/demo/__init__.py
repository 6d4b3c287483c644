"""Demo content of the site itself: home page, section pages, legal pages, site identity.

Figures come from the two source texts (IGAS report 2015-169R of 2016; instruction of 11 April 2019),
each shown with its source and year. Invented organisations elsewhere are labelled as fictitious.
"""

from django.conf import settings
from django.urls import Resolver404, resolve
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from core.demo_tools import ensure_child_page, rich, stream
from core.links import host_and_port

from ..models import HomePage, SiteIdentity, StandardPage

DEMO_NOTICE = (
    "Site de démonstration : les organisations, personnes et marchés présentés comme exemples "
    "sont fictifs. Les chiffres nationaux citent leur source."
)

ENTRY_POINTS = [
    {
        "audience": "Acheteurs publics",
        "title": "Rédiger une clause",
        "text": "Choisir la base juridique, copier une clause type et la compléter avec les chiffres de votre marché.",
        "url": "/clauses/",
        "link_label": "Voir les clauses types",
    },
    {
        "audience": "Structures d'insertion",
        "title": "Trouver des marchés à venir",
        "text": "Repérer tôt les marchés qui porteront une clause sociale et préparer les recrutements.",
        "url": "/marches-a-venir/",
        "link_label": "Voir les marchés à venir",
    },
    {
        "audience": "Facilitateurs",
        "title": "Consulter la doctrine",
        "text": "Le guide annuel, ses éditions successives et les bases juridiques qu'il cite.",
        "url": "/guide/",
        "link_label": "Ouvrir le guide",
    },
    {
        "audience": "Rédacteurs",
        "title": "Publier et mettre à jour",
        "text": "Préparer la nouvelle édition du guide, les clauses et l'annuaire dans l'espace d'administration.",
        "url": "/admin/",
        "link_label": "Accéder à l'administration",
    },
]

KEY_FIGURES = {
    "title": "Les clauses sociales en quelques chiffres",
    "figures": [
        {
            "value": "plus de 13 millions",
            "label": "d'heures de travail réalisées par des personnes en insertion en 2017",
            "source": "instruction interministérielle du 11 avril 2019",
        },
        {
            "value": "plus de 34 000",
            "label": "personnes ont travaillé grâce à une clause sociale en 2017",
            "source": "instruction interministérielle du 11 avril 2019",
        },
        {
            "value": "78 %",
            "label": "des heures d'insertion de 2014 relevaient de la seule condition d'exécution",
            "source": "rapport IGAS 2015-169R, données Alliance Villes Emploi 2014",
        },
    ],
}

SECTIONS = [
    (
        "guide",
        "Guide des clauses sociales",
        "La doctrine de référence, rééditée chaque année : chaque édition reste en ligne, citable et comparable à la précédente.",
        "Le guide rassemble ce qu'un acheteur doit savoir pour introduire une clause sociale : "
        "les marchés concernés, les publics éligibles, le choix de la base juridique, la rédaction et le calcul "
        "des heures d'insertion, le suivi de l'exécution.",
    ),
    (
        "clauses",
        "Clauses types",
        "Des clauses prêtes à insérer dans vos pièces de marché, pour chaque base juridique.",
        "Condition d'exécution, critère d'attribution, marché réservé, marché d'insertion et de qualification, "
        "concession : chaque clause type précise la pièce du marché où elle prend place et se complète "
        "avec les données de votre marché.",
    ),
    (
        "main-d-oeuvre",
        "Main-d'œuvre et calculateur d'heures",
        "La part de main-d'œuvre par type de travaux et le calcul du nombre d'heures d'insertion.",
        "Le nombre d'heures d'insertion se calcule ainsi : montant du marché × part de main-d'œuvre ÷ coût horaire "
        "× taux d'insertion. Le référentiel donne, pour chaque type de travaux, la part de main-d'œuvre et le coût horaire.",
    ),
    (
        "annuaire",
        "Annuaire",
        "Les facilitateurs et le territoire qu'ils couvrent, les employeurs inclusifs (SIAE, EA, ESAT, GEIQ).",
        "Trouvez le facilitateur qui accompagne les acheteurs de votre territoire et les structures capables "
        "de prendre en charge un lot ou une part des heures d'insertion.",
    ),
    (
        "marches-a-venir",
        "Marchés à venir",
        "Les marchés qui porteront une clause sociale, connus avant leur publication.",
        "Les structures d'insertion et le service public de l'emploi préparent les recrutements plus tôt "
        "lorsqu'ils connaissent les marchés à venir : c'est l'un des objectifs de l'instruction du 11 avril 2019.",
    ),
    (
        "ressources",
        "Ressources",
        "Publications, bonnes pratiques, boîtes à outils, formations et statistiques.",
        "Le centre de ressources réunit les outils et méthodes partagés, le programme de formation, "
        "la base statistique publiée et des boîtes à outils tenues à jour.",
    ),
]

ACCESSIBILITY_BODY = stream(
    ("heading", {"text": "État de conformité", "level": "h2"}),
    (
        "paragraph",
        rich(
            "Le site du centre de ressources national des clauses sociales est <b>partiellement conforme</b> "
            "au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, "
            "en raison des non-conformités et dérogations énumérées ci-dessous.",
            "Un audit complet n'a pas encore été réalisé : chaque type de page publique est vérifié "
            "automatiquement à chaque modification du site (outil axe-core, niveaux A et AA des WCAG 2.1).",
        ),
    ),
    ("heading", {"text": "Contenus non accessibles", "level": "h2"}),
    (
        "paragraph",
        rich(
            "Certains documents PDF publiés par des tiers, proposés en téléchargement dans la bibliothèque, "
            "ne sont pas balisés. Lorsqu'une version accessible existe, elle est proposée à côté."
        ),
    ),
    ("heading", {"text": "Retour d'information et contact", "level": "h2"}),
    (
        "paragraph",
        rich(
            "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous : "
            "nous vous répondrons et vous proposerons une alternative accessible."
        ),
    ),
    ("heading", {"text": "Voies de recours", "level": "h2"}),
    (
        "paragraph",
        rich(
            "Si, après nous avoir signalé un défaut d'accessibilité, vous n'avez pas obtenu de réponse "
            "satisfaisante, vous pouvez saisir le Défenseur des droits, par son formulaire en ligne, "
            "par l'un de ses délégués ou par courrier postal (gratuit, sans timbre) : "
            "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07."
        ),
    ),
)

LEGAL_BODY = stream(
    ("heading", {"text": "Éditeur du site", "level": "h2"}),
    (
        "paragraph",
        rich(
            "Ce site est une démonstration du centre de ressources national des clauses sociales d'insertion. "
            "L'opérateur du centre sera indiqué ici lors de la mise en service."
        ),
    ),
    ("heading", {"text": "Hébergement", "level": "h2"}),
    (
        "paragraph",
        rich("Les coordonnées de l'hébergeur seront indiquées lors de la mise en service."),
    ),
    ("heading", {"text": "Réutilisation des contenus", "level": "h2"}),
    (
        "paragraph",
        rich(
            "Les clauses types peuvent être copiées et adaptées librement dans les pièces des marchés publics. "
            "Les données publiées en téléchargement (référentiel de main-d'œuvre, annuaire, marchés à venir) "
            "sont réutilisables en citant leur source et la date de leur dernière mise à jour."
        ),
    ),
    ("heading", {"text": "Données personnelles", "level": "h2"}),
    (
        "paragraph",
        rich(
            "L'annuaire ne publie que des coordonnées professionnelles génériques. "
            "Les adresses électroniques des abonnés aux alertes ne sont ni affichées ni exportées ; "
            "chaque message contient un lien de désabonnement immédiat."
        ),
    ),
)


def _ensure_home_page():
    """Replace Wagtail's placeholder welcome page with our home page, once."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific, False
    root = Page.get_first_root_node()
    home = HomePage(
        title="Accueil",
        slug="accueil",
        hero_title="Les clauses sociales d'insertion, de la doctrine à la clause signée",
        hero_text=(
            "Le centre de ressources national réunit le guide annuel, les clauses types, "
            "le calcul des heures d'insertion, l'annuaire des facilitateurs et des employeurs inclusifs "
            "et les marchés à venir."
        ),
        seo_title="Centre de ressources national des clauses sociales d'insertion",
        search_description=(
            "Guide, clauses types, calculateur d'heures d'insertion, annuaire et marchés à venir "
            "pour les clauses sociales des marchés publics."
        ),
        entry_points=stream(*[("entry", entry) for entry in ENTRY_POINTS]),
        body=stream(("key_figures", KEY_FIGURES)),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    old_root = site.root_page if site else None
    hostname, port = host_and_port(settings.SITE_URL)  # the canonical base (core/links.py)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": home,
            "site_name": "Clauses sociales",
        },
    )
    if old_root is not None and old_root.pk != home.pk and old_root.get_children_count() == 0:
        old_root.delete()
    return home, True


def _served_outside_page_tree(path):
    """True when an app serves this path with its own views (they come before Wagtail's)."""
    try:
        return resolve(path).func is not wagtail_serve
    except Resolver404:
        return False


def load(stdout):
    home, home_created = _ensure_home_page()
    created = int(home_created)
    for slug, title, description, intro in SECTIONS:
        # A section whose app is not built yet gets an introduction page, so that the menu
        # never leads to a 404; apps replace it with their own pages or views.
        if _served_outside_page_tree(f"/{slug}/"):
            continue
        _, was_created = ensure_child_page(
            home, StandardPage, slug, title=title, search_description=description, intro=intro
        )
        created += was_created
    for slug, title, body in (
        ("accessibilite", "Déclaration d'accessibilité", ACCESSIBILITY_BODY),
        ("mentions-legales", "Mentions légales", LEGAL_BODY),
    ):
        _, was_created = ensure_child_page(
            home, StandardPage, slug, title=title, body=body, show_in_menus=False
        )
        created += was_created

    identity = SiteIdentity.load()
    if not identity.demo_notice:
        identity.demo_notice = DEMO_NOTICE
        identity.contact_email = identity.contact_email or "contact@clauses-sociales.example"
        identity.footer_text = rich(
            "Un site pour les acheteurs publics, les structures d'insertion et les facilitateurs "
            "qui font vivre les clauses sociales d'insertion dans la commande publique."
        )
        identity.save()
    return f"{created} page(s) créée(s), identité du site à jour."
