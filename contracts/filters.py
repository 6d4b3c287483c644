"""The filters of the upcoming-contracts list: one definition for the page, the feeds, the
exports and the alerts.

`ContractFilter.from_params(request.GET)` reads the query string and returns the filter and the
French messages about what it could not read (unknown sector, impossible date…): unreadable
values are dropped, never a server error. `apply(queryset)` filters in the database;
`matches(snapshot)` answers the same question in memory for the daily digest, which matches
thousands of saved searches against one load of the changed contracts.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.lookups import Contains

from core.filters import Facet, Filters, Fold, TextFilter, listing_words
from core.text import clean_query, fold_for_match
from core.vocabulary import ContractKind, LegalMechanism

from .models import OPEN_STATUSES, ContractStatus, CpvCode, Reservation

ALL_STATUSES = "tous"
RESERVED_ANY = "1"
RESERVE_CHOICES = {
    RESERVED_ANY: "Avec un lot ou un marché réservé",
    Reservation.SIAE.value: "Réservé aux SIAE",
    Reservation.DISABILITY.value: "Réservé aux EA et ESAT",
}
STATUS_CHOICES = {
    "": "En préparation ou publiés",
    ALL_STATUSES: "Tous, y compris attribués, annulés ou sans suite",
    **{value: label for value, label in ContractStatus.choices},
}
# Mechanisms that reserve the whole contract, and to whom.
MECHANISM_RESERVATION = {
    LegalMechanism.RESERVED_SIAE.value: Reservation.SIAE.value,
    LegalMechanism.RESERVED_DISABILITY.value: Reservation.DISABILITY.value,
}
PLACES = ("secteur", "region", "departement")
TEXT = TextFilter(fields=("title", "description", "buyer__name"))


def text_condition(text):
    """Every word in the title, the description, the buyer's name or the label of the CPV code
    ("nettoyage" finds 90910000-9 "Services de nettoyage"), whatever the accents and the case."""
    condition = Q()
    for word in listing_words(text):
        labelled = CpvCode.objects.filter(Contains(Fold("label"), fold_for_match(word)))
        condition &= TEXT.condition(word) | Q(cpv_code__in=labelled.values("code"))
    return condition


CHOICES = (
    Facet(
        "type",
        "Nature du marché",
        "kind",
        ContractKind.choices,
        unknown="Nature de marché inconnue « {value} » : filtre ignoré.",
    ),
    Facet(
        "reserve",
        "Lots réservés",
        "",
        list(RESERVE_CHOICES.items()),
        unknown="Valeur inconnue pour les lots réservés : filtre ignoré.",
    ),
    Facet(
        "fondement",
        "Levier de la clause sociale",
        "legal_mechanism",
        LegalMechanism.choices,
        unknown="Levier inconnu « {value} » : filtre ignoré.",
    ),
    Facet(
        "statut",
        "Statut",
        "status",
        list(STATUS_CHOICES.items()),
        unknown="Statut inconnu « {value} » : filtre ignoré.",
    ),
)
MAX_PARAM_LENGTH = 60


def _clean(raw):
    return clean_query(str(raw or ""), MAX_PARAM_LENGTH)


def _parse_date(raw, label, errors):
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        errors.append(f"{label} « {raw} » n'est pas une date valide (format attendu : AAAA-MM-JJ).")
        return None


def _find(model, field_name, raw, message, errors, normalise=str):
    """The object whose `field_name` is the value read, or None with a French message."""
    if not raw:
        return None
    found = model.objects.filter(**{field_name: normalise(raw)}).first()
    if found is None:
        errors.append(message.format(value=raw))
    return found


def _department_code(raw):
    code = raw.upper()
    return "0" + code if len(code) == 1 else code


def _reserved_condition(reserve):
    """Contracts with a lot reserved this way, or reserved as a whole by their mechanism."""
    wanted = (
        [Reservation.SIAE.value, Reservation.DISABILITY.value]
        if reserve == RESERVED_ANY
        else [reserve]
    )
    mechanisms = [m for m, r in MECHANISM_RESERVATION.items() if r in wanted]
    return Q(lots__reservation__in=wanted) | Q(legal_mechanism__in=mechanisms)


@dataclass
class ContractFilter:
    text: str = ""  # words searched in the title, description, buyer's name and CPV label
    sector: object = None  # directory.Sector
    region: object = None  # directory.Region
    department: object = None  # directory.Department
    kind: str = ""
    reserve: str = ""
    mechanism: str = ""
    notice_from: datetime.date | None = None
    notice_to: datetime.date | None = None
    status: str = ""
    region_department_ids: frozenset = field(default_factory=frozenset)

    @classmethod
    def from_params(cls, params):
        errors = []
        choices = Filters(params, CHOICES)
        errors.extend(choices.errors)
        result = cls(
            text=TEXT.read(params, tuple, errors),
            kind=choices["type"],
            reserve=choices["reserve"],
            mechanism=choices["fondement"],
            status=choices["statut"],
        )
        result._read_places({name: _clean(params.get(name)) for name in PLACES}, errors)
        result._read_dates(_clean(params.get("avis_du")), _clean(params.get("avis_au")), errors)
        return result, errors

    def _read_places(self, values, errors):
        from core.models import Sector
        from directory.models import Department, Region

        self.sector = _find(
            Sector,
            "slug",
            values["secteur"],
            "Secteur inconnu « {value} » : filtre ignoré.",
            errors,
        )
        self.department = _find(
            Department,
            "code",
            values["departement"],
            "Département inconnu « {value} » : filtre ignoré.",
            errors,
            normalise=_department_code,
        )
        self.region = _find(
            Region, "code", values["region"], "Région inconnue « {value} » : filtre ignoré.", errors
        )
        if self.region is not None:
            self.region_department_ids = frozenset(
                self.region.departments.values_list("id", flat=True)
            )

    def _read_dates(self, raw_from, raw_to, errors):
        self.notice_from = _parse_date(raw_from, "La date de début", errors)
        self.notice_to = _parse_date(raw_to, "La date de fin", errors)
        if self.notice_from and self.notice_to and self.notice_from > self.notice_to:
            errors.append("La date de début est après la date de fin : dates échangées.")
            self.notice_from, self.notice_to = self.notice_to, self.notice_from

    # -- serialisation: query strings, saved searches ----------------------------------------

    def to_params(self):
        """The query-string values of this filter (only those set), in a stable order."""
        params = {
            "q": self.text,
            "secteur": self.sector.slug if self.sector is not None else "",
            "region": self.region.code if self.region is not None else "",
            "departement": self.department.code if self.department is not None else "",
            "type": self.kind,
            "reserve": self.reserve,
            "fondement": self.mechanism,
            "avis_du": self.notice_from.isoformat() if self.notice_from else "",
            "avis_au": self.notice_to.isoformat() if self.notice_to else "",
            "statut": self.status,
        }
        return {name: value for name, value in params.items() if value}

    @property
    def is_empty(self):
        return not self.to_params()

    def summary(self):
        """The filter in French words, for the page, the alert form, the feed and the emails."""
        parts = [
            self.text and f"mots « {self.text} »",
            self.sector and f"secteur « {self.sector.name} »",
            self.department and f"département {self.department.name} ({self.department.code})",
            self.region and f"région {self.region.name}",
            self.kind and f"nature « {ContractKind(self.kind).label.lower()} »",
            self.reserve and RESERVE_CHOICES[self.reserve].lower(),
            self.mechanism and f"levier « {LegalMechanism(self.mechanism).label} »",
            self.notice_from and f"avis attendu à partir du {self.notice_from:%d/%m/%Y}",
            self.notice_to and f"avis attendu jusqu'au {self.notice_to:%d/%m/%Y}",
            self.status and f"statut : {STATUS_CHOICES[self.status].lower()}",
        ]
        return [part for part in parts if part]

    # -- matching ---------------------------------------------------------------------------

    def conditions(self):
        """The database conditions of this filter, one per filter in use."""
        wanted = {
            "text": self.text and text_condition(self.text),
            "sector": self.sector and Q(sectors=self.sector),
            "department": self.department and Q(departments=self.department),
            "region": self.region and Q(departments__region=self.region),
            "kind": self.kind and Q(kind=self.kind),
            "reserve": self.reserve and _reserved_condition(self.reserve),
            "mechanism": self.mechanism and Q(legal_mechanism=self.mechanism),
            "notice_from": self.notice_from and Q(expected_notice_date__gte=self.notice_from),
            "notice_to": self.notice_to and Q(expected_notice_date__lte=self.notice_to),
        }
        if not self.status:
            wanted["status"] = Q(status__in=OPEN_STATUSES)
        elif self.status != ALL_STATUSES:
            wanted["status"] = Q(status=self.status)
        return [condition for condition in wanted.values() if condition]

    def apply(self, queryset):
        for condition in self.conditions():
            queryset = queryset.filter(condition)
        return queryset.distinct()

    def matches(self, snapshot, include_closed=False):
        """Same answer as `apply` for one `ContractSnapshot`. With `include_closed`, a contract
        that became awarded, cancelled or unsuccessful still matches (the digest reports it)."""
        return (
            self._matches_places(snapshot)
            and self._matches_terms(snapshot)
            and (include_closed or self._matches_status(snapshot))
        )

    def _matches_places(self, snapshot):
        if self.sector is not None and self.sector.pk not in snapshot.sector_ids:
            return False
        if self.department is not None and self.department.pk not in snapshot.department_ids:
            return False
        return self.region is None or bool(self.region_department_ids & snapshot.department_ids)

    def _matches_terms(self, snapshot):
        words = [fold_for_match(word) for word in listing_words(self.text)]
        checks = (
            all(word in snapshot.text for word in words),
            not self.kind or snapshot.kind == self.kind,
            not self.reserve or bool(self._reservations() & snapshot.reservations),
            not self.mechanism or snapshot.mechanism == self.mechanism,
            not self.notice_from or snapshot.notice_date >= self.notice_from,
            not self.notice_to or snapshot.notice_date <= self.notice_to,
        )
        return all(checks)

    def _reservations(self):
        if self.reserve == RESERVED_ANY:
            return {Reservation.SIAE.value, Reservation.DISABILITY.value}
        return {self.reserve}

    def _matches_status(self, snapshot):
        if self.status == ALL_STATUSES:
            return True
        if not self.status:
            return snapshot.status in OPEN_STATUSES
        return snapshot.status == self.status


@dataclass(frozen=True)
class ContractSnapshot:
    pk: int
    kind: str
    mechanism: str
    notice_date: datetime.date
    status: str
    sector_ids: frozenset
    department_ids: frozenset
    reservations: frozenset
    text: str = ""  # title, description, buyer's name, CPV label, folded as the text filter


def snapshots(queryset):
    """In-memory snapshots of these contracts, with four queries whatever their number."""
    from .models import ContractLot, UpcomingContract

    rows = list(
        queryset.values_list(
            "pk",
            "kind",
            "legal_mechanism",
            "expected_notice_date",
            "status",
            "title",
            "description",
            "buyer__name",
            "cpv_code",
        )
    )
    ids = [row[0] for row in rows]
    cpv_labels = dict(
        CpvCode.objects.filter(code__in={row[-1] for row in rows if row[-1]}).values_list(
            "code", "label"
        )
    )
    sectors, departments, reservations = {}, {}, {}
    through = UpcomingContract.sectors.through
    for contract_id, sector_id in through.objects.filter(upcomingcontract_id__in=ids).values_list(
        "upcomingcontract_id", "sector_id"
    ):
        sectors.setdefault(contract_id, set()).add(sector_id)
    through = UpcomingContract.departments.through
    for contract_id, department_id in through.objects.filter(
        upcomingcontract_id__in=ids
    ).values_list("upcomingcontract_id", "department_id"):
        departments.setdefault(contract_id, set()).add(department_id)
    for contract_id, reservation in (
        ContractLot.objects.filter(contract_id__in=ids)
        .exclude(reservation="")
        .values_list("contract_id", "reservation")
    ):
        reservations.setdefault(contract_id, set()).add(reservation)
    result = []
    for pk, kind, mechanism, notice_date, status, *words, cpv_code in rows:
        words.append(cpv_labels.get(cpv_code, ""))
        reserved = set(reservations.get(pk, ()))
        if mechanism in MECHANISM_RESERVATION:
            reserved.add(MECHANISM_RESERVATION[mechanism])
        result.append(
            ContractSnapshot(
                pk=pk,
                kind=kind,
                mechanism=mechanism,
                notice_date=notice_date,
                status=status,
                sector_ids=frozenset(sectors.get(pk, ())),
                department_ids=frozenset(departments.get(pk, ())),
                reservations=frozenset(reserved),
                text=fold_for_match("\n".join(text or "" for text in words)),
            )
        )
    return result


def filter_from_saved(saved):
    """The filter of a saved search (a dict of query-string values). Values that no longer
    resolve (a sector deleted since) are dropped, as on the page."""
    contract_filter, _errors = ContractFilter.from_params(saved or {})
    return contract_filter
