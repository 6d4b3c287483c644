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

from core.vocabulary import ContractKind, LegalMechanism

from .models import OPEN_STATUSES, ContractStatus, Reservation

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
PARAM_NAMES = (
    "secteur",
    "region",
    "departement",
    "type",
    "reserve",
    "fondement",
    "avis_du",
    "avis_au",
    "statut",
)
MAX_PARAM_LENGTH = 60


def _clean(raw):
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return text.strip()[:MAX_PARAM_LENGTH]


def _parse_date(raw, label, errors):
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        errors.append(f"{label} « {raw} » n'est pas une date valide (format attendu : AAAA-MM-JJ).")
        return None


@dataclass
class ContractFilter:
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
        from core.models import Sector
        from directory.models import Department, Region

        errors = []
        values = {name: _clean(params.get(name)) for name in PARAM_NAMES}
        result = cls()
        if values["secteur"]:
            result.sector = Sector.objects.filter(slug=values["secteur"]).first()
            if result.sector is None:
                errors.append(f"Secteur inconnu « {values['secteur']} » : filtre ignoré.")
        if values["departement"]:
            code = values["departement"].upper()
            if len(code) == 1:
                code = "0" + code
            result.department = Department.objects.filter(code=code).first()
            if result.department is None:
                errors.append(f"Département inconnu « {values['departement']} » : filtre ignoré.")
        if values["region"]:
            result.region = Region.objects.filter(code=values["region"]).first()
            if result.region is None:
                errors.append(f"Région inconnue « {values['region']} » : filtre ignoré.")
            else:
                result.region_department_ids = frozenset(
                    result.region.departments.values_list("id", flat=True)
                )
        if values["type"]:
            if values["type"] in ContractKind.values:
                result.kind = values["type"]
            else:
                errors.append(f"Nature de marché inconnue « {values['type']} » : filtre ignoré.")
        if values["reserve"]:
            if values["reserve"] in RESERVE_CHOICES:
                result.reserve = values["reserve"]
            else:
                errors.append("Valeur inconnue pour les lots réservés : filtre ignoré.")
        if values["fondement"]:
            if values["fondement"] in LegalMechanism.values:
                result.mechanism = values["fondement"]
            else:
                errors.append(f"Levier inconnu « {values['fondement']} » : filtre ignoré.")
        result.notice_from = _parse_date(values["avis_du"], "La date de début", errors)
        result.notice_to = _parse_date(values["avis_au"], "La date de fin", errors)
        if result.notice_from and result.notice_to and result.notice_from > result.notice_to:
            errors.append("La date de début est après la date de fin : dates échangées.")
            result.notice_from, result.notice_to = result.notice_to, result.notice_from
        if values["statut"]:
            if values["statut"] in STATUS_CHOICES:
                result.status = values["statut"]
            else:
                errors.append(f"Statut inconnu « {values['statut']} » : filtre ignoré.")
        return result, errors

    # -- serialisation: query strings, saved searches ----------------------------------------

    def to_params(self):
        """The query-string values of this filter (only those set), in a stable order."""
        params = {}
        if self.sector is not None:
            params["secteur"] = self.sector.slug
        if self.region is not None:
            params["region"] = self.region.code
        if self.department is not None:
            params["departement"] = self.department.code
        if self.kind:
            params["type"] = self.kind
        if self.reserve:
            params["reserve"] = self.reserve
        if self.mechanism:
            params["fondement"] = self.mechanism
        if self.notice_from:
            params["avis_du"] = self.notice_from.isoformat()
        if self.notice_to:
            params["avis_au"] = self.notice_to.isoformat()
        if self.status:
            params["statut"] = self.status
        return params

    @property
    def is_empty(self):
        return not self.to_params()

    def summary(self):
        """The filter in French words, for the page, the alert form, the feed and the emails."""
        parts = []
        if self.sector is not None:
            parts.append(f"secteur « {self.sector.name} »")
        if self.department is not None:
            parts.append(f"département {self.department.name} ({self.department.code})")
        if self.region is not None:
            parts.append(f"région {self.region.name}")
        if self.kind:
            parts.append(f"nature « {ContractKind(self.kind).label.lower()} »")
        if self.reserve:
            parts.append(RESERVE_CHOICES[self.reserve].lower())
        if self.mechanism:
            parts.append(f"levier « {LegalMechanism(self.mechanism).label} »")
        if self.notice_from:
            parts.append(f"avis attendu à partir du {self.notice_from:%d/%m/%Y}")
        if self.notice_to:
            parts.append(f"avis attendu jusqu'au {self.notice_to:%d/%m/%Y}")
        if self.status:
            parts.append(f"statut : {STATUS_CHOICES[self.status].lower()}")
        return parts

    # -- matching ---------------------------------------------------------------------------

    def apply(self, queryset):
        if self.sector is not None:
            queryset = queryset.filter(sectors=self.sector)
        if self.department is not None:
            queryset = queryset.filter(departments=self.department)
        if self.region is not None:
            queryset = queryset.filter(departments__region=self.region)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.reserve:
            if self.reserve == RESERVED_ANY:
                lots = Q(lots__reservation__in=[Reservation.SIAE, Reservation.DISABILITY])
                whole = Q(legal_mechanism__in=list(MECHANISM_RESERVATION))
            else:
                lots = Q(lots__reservation=self.reserve)
                whole = Q(
                    legal_mechanism__in=[
                        m for m, r in MECHANISM_RESERVATION.items() if r == self.reserve
                    ]
                )
            queryset = queryset.filter(lots | whole)
        if self.mechanism:
            queryset = queryset.filter(legal_mechanism=self.mechanism)
        if self.notice_from:
            queryset = queryset.filter(expected_notice_date__gte=self.notice_from)
        if self.notice_to:
            queryset = queryset.filter(expected_notice_date__lte=self.notice_to)
        if not self.status:
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        elif self.status != ALL_STATUSES:
            queryset = queryset.filter(status=self.status)
        return queryset.distinct()

    def matches(self, snapshot, include_closed=False):
        """Same answer as `apply` for one `ContractSnapshot`. With `include_closed`, a contract
        that became awarded, cancelled or unsuccessful still matches (the digest reports it)."""
        if self.sector is not None and self.sector.pk not in snapshot.sector_ids:
            return False
        if self.department is not None and self.department.pk not in snapshot.department_ids:
            return False
        if self.region is not None and not (self.region_department_ids & snapshot.department_ids):
            return False
        if self.kind and snapshot.kind != self.kind:
            return False
        if self.reserve:
            wanted = (
                {Reservation.SIAE.value, Reservation.DISABILITY.value}
                if self.reserve == RESERVED_ANY
                else {self.reserve}
            )
            if not wanted & snapshot.reservations:
                return False
        if self.mechanism and snapshot.mechanism != self.mechanism:
            return False
        if self.notice_from and snapshot.notice_date < self.notice_from:
            return False
        if self.notice_to and snapshot.notice_date > self.notice_to:
            return False
        if include_closed or self.status == ALL_STATUSES:
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


def snapshots(queryset):
    """In-memory snapshots of these contracts, with four queries whatever their number."""
    from .models import ContractLot, UpcomingContract

    rows = list(
        queryset.values_list("pk", "kind", "legal_mechanism", "expected_notice_date", "status")
    )
    ids = [row[0] for row in rows]
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
    for pk, kind, mechanism, notice_date, status in rows:
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
            )
        )
    return result


def filter_from_saved(saved):
    """The filter of a saved search (a dict of query-string values). Values that no longer
    resolve (a sector deleted since) are dropped, as on the page."""
    contract_filter, _errors = ContractFilter.from_params(saved or {})
    return contract_filter
