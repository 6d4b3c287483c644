"""Upcoming clause-bearing contracts, facilitator accounts and alert subscriptions, one module
per area."""

from .accounts import FacilitatorMembership
from .alerts import AlertSubscription, new_token
from .cpv import CpvCode
from .upcoming import (
    CPV_RE,
    OPEN_STATUSES,
    RESERVED_SLUGS,
    ContractLot,
    ContractStatus,
    Reservation,
    UpcomingContract,
    UpcomingContractQuerySet,
    cpv_check_digit,
    validate_cpv,
    validate_slug_not_reserved,
)

__all__ = [
    "CPV_RE",
    "OPEN_STATUSES",
    "RESERVED_SLUGS",
    "AlertSubscription",
    "ContractLot",
    "ContractStatus",
    "CpvCode",
    "FacilitatorMembership",
    "Reservation",
    "UpcomingContract",
    "UpcomingContractQuerySet",
    "cpv_check_digit",
    "new_token",
    "validate_cpv",
    "validate_slug_not_reserved",
]
