"""The directory: geography, facilitator structures, inclusive employers, public buyers, one
module per area. (The activity sectors are shared vocabulary: `core.models.Sector`.)"""

from .buyers import PublicBuyer
from .corrections import CORRECTABLE_FIELDS, Correction, CorrectionStatus
from .entries import Entry
from .organisations import (
    Activity,
    FacilitatorStructure,
    InclusiveEmployer,
    Organisation,
    PublishedQuerySet,
    unique_slug,
)
from .places import Commune, Department, Epci, PostalCode, Region
from .thresholds import LeverThresholds

__all__ = [
    "CORRECTABLE_FIELDS",
    "Activity",
    "Commune",
    "Correction",
    "CorrectionStatus",
    "Department",
    "Entry",
    "Epci",
    "FacilitatorStructure",
    "InclusiveEmployer",
    "LeverThresholds",
    "Organisation",
    "PostalCode",
    "PublicBuyer",
    "PublishedQuerySet",
    "Region",
    "unique_slug",
]
