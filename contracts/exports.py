"""Open data of the upcoming contracts: CSV, JSON following the Open Contracting Data Standard
(OCDS 1.1, planning and tender stages), Atom feed and iCalendar file.

One list of fields (`FIELDS`) says, for every CSV column, what it means and where the same value
sits in the OCDS release: the open-data page and /marches-a-venir/schema.json are generated from
it, so the documentation cannot drift from the files. Only live (published) contracts are
exported, with the same filters as the list page.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode

from core.links import absolute_url
from core.opendata import (
    CalendarEvent,
    calendar_response,
    csv_response,
    json_response,
    schema_response,
    table_schema,
)
from core.vocabulary import ContractKind

from .models import ContractStatus, Reservation
from .queries import filtered

OCID_PREFIX = (
    "ocds-crcs26"  # to be registered with the Open Contracting Partnership before production
)
SCHEMA_URL = "/marches-a-venir/schema.json"
DOC_URL = "/marches-a-venir/donnees-ouvertes/"
OCDS_EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_otherRequirements_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/master/extension.json",
]
KIND_TO_OCDS = {
    ContractKind.WORKS: "works",
    ContractKind.SERVICES: "services",
    ContractKind.SUPPLIES: "goods",
    ContractKind.CONCESSION: "services",
}
STATUS_TO_OCDS = {
    ContractStatus.PLANNED: "planned",
    ContractStatus.PUBLISHED: "active",
    ContractStatus.AWARDED: "complete",
    ContractStatus.CANCELLED: "cancelled",
    ContractStatus.UNSUCCESSFUL: "unsuccessful",
}
MECHANISM_TO_STRATEGY = {
    "condition_execution": "contractPerformanceConditions",
    "critere_attribution": "awardCriteria",
    "marche_insertion": "technicalSpecifications",
    "concession": "contractPerformanceConditions",
}
STATUS_TO_TAG = {
    ContractStatus.PUBLISHED: "tender",
    ContractStatus.CANCELLED: "tenderCancellation",
    ContractStatus.UNSUCCESSFUL: "tenderCancellation",
    ContractStatus.AWARDED: "tenderUpdate",
}
RESERVED_MECHANISMS = {"reserve_siae": "siae", "reserve_handicap": "handicap"}
MAX_ROWS = 5000


def _amount(value):
    return None if value is None else float(value)


def _list(values):
    return " | ".join(values)


def _reserved_lots(contract, reservation):
    return [str(lot.number) for lot in contract.lots.all() if lot.reservation == reservation]


# (CSV column, type, French description, place in the OCDS release, getter)
FIELDS = [
    ("identifiant", "string", "Identifiant stable (fin de l'adresse /marches-a-venir/<identifiant>/).",
     "tender.id", lambda c: c.slug),
    ("ocid", "string", "Identifiant OCDS du processus d'achat.", "ocid", lambda c: f"{OCID_PREFIX}-{c.pk}"),
    ("url", "string", "Adresse de la fiche sur le site.", "tender.documents (lien de la fiche)",
     lambda c: absolute_url(c.get_absolute_url())),
    ("objet", "string", "Objet du marché.", "tender.title", lambda c: c.title),
    ("description", "string", "Description.", "tender.description", lambda c: c.description),
    ("acheteur", "string", "Nom de l'acheteur public.", "buyer.name ; parties[roles=buyer].name",
     lambda c: c.buyer.name),
    ("acheteur_siret", "string", "SIRET de l'acheteur, s'il est connu.",
     "parties[roles=buyer].identifier.id (scheme FR-SIRET)", lambda c: c.buyer.siret or ""),
    ("nature", "string", "travaux, services, fournitures ou concession.",
     "tender.mainProcurementCategory (works, services, goods ; concession → services)",
     lambda c: c.kind),
    ("secteurs", "string", "Secteurs d'activité, séparés par « | ».",
     "tender.additionalClassifications (scheme x_secteur)",
     lambda c: _list(s.name for s in c.sectors.all())),
    ("code_cpv", "string", "Code CPV principal (8 chiffres, tiret, chiffre de contrôle).",
     "tender.items[0].classification.id (scheme CPV)", lambda c: c.cpv_code),
    ("libelle_cpv", "string", "Libellé français du code CPV (nomenclature CPV 2008).",
     "tender.items[0].classification.description", lambda c: getattr(c, "cpv_label", "") or ""),
    ("montant_min", "number", "Montant estimé en euros HT, ou bas de la fourchette.",
     "planning.budget.amount.amount ; tender.minValue.amount (fourchette) ou tender.value.amount",
     lambda c: _amount(c.amount_min)),
    ("montant_max", "number", "Haut de la fourchette en euros HT (vide si montant unique).",
     "tender.value.amount", lambda c: _amount(c.amount_max)),
    ("levier", "string", "Levier de la clause sociale (condition_execution, critere_attribution, reserve_siae, reserve_handicap, marche_insertion, concession, autre).",
     "tender.sustainability[].strategies ; tender.otherRequirements.reservedParticipation",
     lambda c: c.legal_mechanism),
    ("considerations_sociales", "string",
     "Valeurs du champ « considérationsSociales » des données essentielles de la commande publique : Clause sociale, Critère social, Marché réservé (séparées par « | »).",
     "tender.x_considerationsSociales", lambda c: _list(c.social_considerations())),
    ("base_juridique", "string", "Articles de la base juridique citée.",
     "tender.x_baseJuridique", lambda c: c.legal_basis.current_articles if c.legal_basis and c.legal_basis.live else ""),
    ("heures_insertion", "integer", "Heures d'insertion estimées (méthode du calculateur du site).",
     "tender.x_heuresInsertion (champ propre, hors standard)", lambda c: c.insertion_hours),
    ("calcul_heures", "string", "Lien vers le calcul des heures dans le calculateur.",
     "tender.x_calculHeuresInsertion", lambda c: absolute_url(c.calculator_url) if c.calculator_url else ""),
    ("lots_reserves_siae", "string", "Numéros des lots réservés aux SIAE.",
     "tender.lots[].otherRequirements.reservedParticipation = shelteredWorkshop ; lots[].x_reservation = siae",
     lambda c: _list(_reserved_lots(c, Reservation.SIAE))),
    ("lots_reserves_ea_esat", "string", "Numéros des lots réservés aux EA et ESAT.",
     "tender.lots[].otherRequirements.reservedParticipation = shelteredWorkshop ; lots[].x_reservation = handicap",
     lambda c: _list(_reserved_lots(c, Reservation.DISABILITY))),
    ("departements", "string", "Codes INSEE des départements d'exécution, séparés par « | ».",
     "tender.items[0].deliveryAddresses[].region",
     lambda c: _list(d.code for d in c.departments.all())),
    ("date_avis_prevue", "date", "Date prévue de publication de l'avis de marché.",
     "tender.tenderPeriod.startDate ; planning.milestones[type=preProcurement].dueDate",
     lambda c: c.expected_notice_date),
    ("debut_execution_prevu", "date", "Début d'exécution prévu.", "tender.contractPeriod.startDate",
     lambda c: c.expected_start_date),
    ("duree_mois", "integer", "Durée prévue en mois.", "tender.contractPeriod.durationInDays (mois × 30)",
     lambda c: c.duration_months),
    ("facilitateur", "string", "Structure porteuse de facilitateurs à contacter.",
     "parties[roles=interestedParty].name", lambda c: c.facilitator.name if c.facilitator else ""),
    ("statut", "string", "prevu, publie, attribue, annule ou sans_suite.",
     "tender.status (planned, active, complete, cancelled, unsuccessful)", lambda c: c.status),
    ("a_confirmer", "boolean", "Vrai si la date de l'avis est passée sans publication annoncée.",
     "tender.x_aConfirmer", lambda c: c.is_past_due),
    ("lien_avis", "string", "Lien vers l'avis publié.", "tender.documents[documentType=tenderNotice].url",
     lambda c: c.notice_url),
    ("donnee_fictive", "boolean", "Vrai pour les données fictives de démonstration.", "x_donneeFictive",
     lambda c: c.is_demo),
    ("mise_a_jour", "datetime", "Date de la dernière publication de la fiche.", "date (de la publication)",
     lambda c: c.last_published_at),
]  # fmt: skip


def export_queryset(params):
    contract_filter, errors, queryset = filtered(params)
    queryset = queryset.select_related("buyer__department__region").prefetch_related(
        "sectors", "departments", "lots"
    )
    return contract_filter, errors, queryset[:MAX_ROWS]


def bad_filters(errors):
    return HttpResponse(
        "Filtres invalides : " + " ".join(errors) + "\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def export_csv(request):
    _filter, errors, queryset = export_queryset(request.GET)
    if errors:
        return bad_filters(errors)
    rows = ([getter(contract) for *_rest, getter in FIELDS] for contract in queryset)
    return csv_response(
        [name for name, *_rest in FIELDS], rows, "marches-a-venir.csv", schema_url=SCHEMA_URL
    )


def _buyer_id(buyer):
    return f"FR-SIRET-{buyer.siret}" if buyer.siret else f"acheteur-{buyer.pk}"


def _buyer_party(buyer):
    party = {"id": _buyer_id(buyer), "name": buyer.name, "roles": ["buyer"]}
    if buyer.siret:
        party["identifier"] = {"scheme": "FR-SIRET", "id": buyer.siret}
    if buyer.department:
        party["address"] = {"region": buyer.department.name, "countryName": "France"}
    return party


def _parties(contract):
    parties = [_buyer_party(contract.buyer)]
    if contract.facilitator:
        parties.append(
            {
                "id": f"facilitateur-{contract.facilitator.pk}",
                "name": contract.facilitator.name,
                "roles": ["interestedParty"],
                "details": {"url": absolute_url(contract.facilitator.get_absolute_url())},
            }
        )
    return parties


def _euros(value):
    return {"amount": _amount(value), "currency": "EUR"}


def _items(contract):
    item = {
        "id": "1",
        "description": contract.title,
        "deliveryAddresses": [
            {"region": f"{d.name} ({d.code})", "countryName": "France"}
            for d in contract.departments.all()
        ],
    }
    if contract.cpv_code:
        item["classification"] = {"scheme": "CPV", "id": contract.cpv_code[:8]}
        if getattr(contract, "cpv_label", ""):
            item["classification"]["description"] = contract.cpv_label
    return [item]


def _values(contract):
    """tender.minValue and tender.value: a range, or a single estimate."""
    if contract.amount_min is None:
        return {}
    if contract.amount_max is None:
        return {"value": _euros(contract.amount_min)}
    return {"minValue": _euros(contract.amount_min), "value": _euros(contract.amount_max)}


def _contract_period(contract):
    period = {}
    if contract.expected_start_date:
        period["startDate"] = contract.expected_start_date.isoformat()
    if contract.duration_months:
        period["durationInDays"] = contract.duration_months * 30
    return {"contractPeriod": period} if period else {}


def _social_terms(contract):
    """The clause's lever: sustainability strategy, whole-contract reservation, legal basis."""
    terms = {}
    strategy = MECHANISM_TO_STRATEGY.get(contract.legal_mechanism)
    if strategy:
        terms["sustainability"] = [{"goal": "social", "strategies": [strategy]}]
    reserved_whole = RESERVED_MECHANISMS.get(contract.legal_mechanism)
    if reserved_whole:
        terms["otherRequirements"] = {"reservedParticipation": ["shelteredWorkshop"]}
        terms["x_reservation"] = reserved_whole
    if contract.legal_basis and contract.legal_basis.live:
        terms["x_baseJuridique"] = {
            "title": contract.legal_basis.title,
            "articles": contract.legal_basis.current_articles,
            "url": absolute_url(contract.legal_basis.get_absolute_url()),
        }
    if contract.calculator_url:
        terms["x_calculHeuresInsertion"] = absolute_url(contract.calculator_url)
    return terms


def _lot(lot):
    item = {"id": str(lot.number), "title": lot.title}
    if lot.amount is not None:
        item["value"] = _euros(lot.amount)
    if lot.reservation:
        item["otherRequirements"] = {"reservedParticipation": ["shelteredWorkshop"]}
        item["x_reservation"] = lot.reservation
    return item


def _lots(contract):
    lots = [_lot(lot) for lot in contract.lots.all()]
    return {"lots": lots} if lots else {}


def _documents(contract):
    documents = [
        {
            "id": "fiche",
            "documentType": "plannedProcurementNotice",
            "title": "Fiche du marché à venir",
            "url": absolute_url(contract.get_absolute_url()),
            "language": "fr",
        }
    ]
    if contract.notice_url:
        documents.append(
            {
                "id": "avis",
                "documentType": "tenderNotice",
                "url": contract.notice_url,
                "language": "fr",
            }
        )
    return documents


def _tender(contract):
    return {
        "id": contract.slug,
        "title": contract.title,
        "description": contract.description,
        "status": STATUS_TO_OCDS[contract.status],
        "mainProcurementCategory": KIND_TO_OCDS[contract.kind],
        "tenderPeriod": {"startDate": contract.expected_notice_date.isoformat()},
        "items": _items(contract),
        "additionalClassifications": [
            {"scheme": "x_secteur", "id": s.slug, "description": s.name}
            for s in contract.sectors.all()
        ],
        "x_considerationsSociales": contract.social_considerations(),
        "x_heuresInsertion": contract.insertion_hours,
        "x_aConfirmer": contract.is_past_due,
        **_values(contract),
        **_contract_period(contract),
        **_social_terms(contract),
        **_lots(contract),
        "documents": _documents(contract),
    }


def _tags(contract):
    extra = STATUS_TO_TAG.get(contract.status)
    return ["planning", extra] if extra else ["planning"]


def _planning(contract):
    planning = {
        "rationale": contract.description,
        "milestones": [
            {
                "id": "avis",
                "title": "Publication prévue de l'avis de marché",
                "type": "preProcurement",
                "dueDate": contract.expected_notice_date.isoformat(),
                "status": "scheduled",
            }
        ],
    }
    if contract.amount_min is not None:
        planning["budget"] = {
            "description": "Montant estimé par l'acheteur (€ HT)",
            "amount": _euros(contract.amount_min),
        }
    return planning


def ocds_release(contract):
    """One OCDS 1.1 release (planning, and tender once the notice is out) of a contract."""
    ocid = f"{OCID_PREFIX}-{contract.pk}"
    published = contract.last_published_at or timezone.now()
    return {
        "ocid": ocid,
        "id": f"{ocid}-{published:%Y%m%dT%H%M%S}",
        "date": published.isoformat(),
        "tag": _tags(contract),
        "initiationType": "tender",
        "language": "fr",
        "parties": _parties(contract),
        "buyer": {"id": _buyer_id(contract.buyer), "name": contract.buyer.name},
        "planning": _planning(contract),
        "tender": _tender(contract),
        "x_donneeFictive": contract.is_demo,
    }


def export_json(request):
    contract_filter, errors, queryset = export_queryset(request.GET)
    if errors:
        return bad_filters(errors)
    query = urlencode(contract_filter.to_params())
    package = {
        "uri": absolute_url("/marches-a-venir/export.json" + (f"?{query}" if query else "")),
        "version": "1.1",
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": "Centre de ressources national des clauses sociales"},
        "license": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "publicationPolicy": absolute_url(DOC_URL),
        "extensions": OCDS_EXTENSIONS,
        "releases": [ocds_release(contract) for contract in queryset],
    }
    return json_response(package)


def schema():
    """A Table Schema (frictionless) of the CSV, each field with its OCDS place."""
    return table_schema(
        [
            {"name": name, "type": kind, "description": doc, "ocds": ocds}
            for name, kind, doc, ocds, _getter in FIELDS
        ],
        **{"$comment": "Marchés à venir : colonnes du CSV et leur place dans la publication OCDS."},
        name="marches-a-venir",
        title="Marchés à venir avec une clause sociale",
        path=absolute_url("/marches-a-venir/export.csv"),
        primaryKey="identifiant",
        ocdsPackage=absolute_url("/marches-a-venir/export.json"),
        ocdsVersion="1.1",
        ocdsExtensions=OCDS_EXTENSIONS,
    )


def schema_json(request):
    return schema_response(schema())


# -- Feeds ------------------------------------------------------------------------------------


class ContractFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Centre de ressources national des clauses sociales"
    item_limit = 50

    def __call__(self, request, *args, **kwargs):
        contract_filter, errors, queryset = filtered(request.GET)
        if errors:
            return bad_filters(errors)
        request.contract_filter = contract_filter
        request.contract_items = list(
            queryset.prefetch_related("departments").order_by("-last_published_at", "-pk")[
                : self.item_limit
            ]
        )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request

    def title(self, request):
        summary = request.contract_filter.summary()
        return "Marchés à venir avec une clause sociale" + (
            f" — {', '.join(summary)}" if summary else ""
        )

    def subtitle(self, request):
        return "Marchés publics annoncés avant leur publication, avec leur clause sociale."

    def link(self, request):
        query = urlencode(request.contract_filter.to_params())
        return absolute_url("/marches-a-venir/" + (f"?{query}" if query else ""))

    def feed_url(self, request):
        query = urlencode(request.contract_filter.to_params())
        return absolute_url("/marches-a-venir/flux.atom" + (f"?{query}" if query else ""))

    def items(self, request):
        return request.contract_items

    def item_title(self, contract):
        return contract.title

    def item_description(self, contract):
        places = ", ".join(f"{d.name} ({d.code})" for d in contract.departments.all())
        parts = [
            f"{contract.buyer.name} — {contract.get_kind_display()}",
            f"Avis attendu le {contract.expected_notice_date:%d/%m/%Y}",
            f"Statut : {contract.get_status_display()}"
            + (" (à confirmer)" if contract.is_past_due else ""),
        ]
        if places:
            parts.append(f"Lieu d'exécution : {places}")
        if contract.insertion_hours:
            parts.append(f"Heures d'insertion estimées : {contract.insertion_hours}")
        if contract.is_demo:
            parts.append("Donnée fictive de démonstration.")
        return " · ".join(parts)

    def item_link(self, contract):
        return absolute_url(contract.get_absolute_url())

    def item_guid(self, contract):
        return f"tag:clauses-sociales,2026:marche-a-venir-{contract.pk}"

    def item_guid_is_permalink(self, contract):
        return False

    def item_pubdate(self, contract):
        return contract.first_published_at

    def item_updateddate(self, contract):
        return contract.last_published_at

    def item_categories(self, contract):
        return [contract.get_kind_display()]


def _calendar_event(contract):
    url = absolute_url(contract.get_absolute_url())
    to_confirm = " (date à confirmer)" if contract.is_past_due else ""
    return CalendarEvent(
        uid=f"marche-a-venir-{contract.pk}@clauses-sociales",
        stamp=contract.last_published_at,
        start=contract.expected_notice_date,
        end=contract.expected_notice_date + datetime.timedelta(days=1),
        summary=f"Avis attendu : {contract.title}",
        description=(
            f"{contract.buyer.name}. Statut : {contract.get_status_display()}{to_confirm}. {url}"
        ),
        url=url,
        location=", ".join(f"{d.name} ({d.code})" for d in contract.departments.all()),
        status="TENTATIVE" if contract.status == ContractStatus.PLANNED else "CONFIRMED",
        transparent=True,
    )


def calendar_ics(request):
    contract_filter, errors, queryset = filtered(request.GET)
    if errors:
        return bad_filters(errors)
    summary = contract_filter.summary()
    return calendar_response(
        "Marchés à venir",
        "Marchés à venir — avis attendus" + (f" ({', '.join(summary)})" if summary else ""),
        (_calendar_event(c) for c in queryset.prefetch_related("departments")[:MAX_ROWS]),
        "marches-a-venir.ics",
    )


def open_data_context():
    return {"fields": FIELDS, "extensions": OCDS_EXTENSIONS, "ocid_prefix": OCID_PREFIX}
