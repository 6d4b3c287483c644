"""The library of the resource centre: glossary, publications, statistics, trainings,
good-practice sheets and toolboxes, one module per area.

List pages are Wagtail pages (editors write their introduction, they sit in the page tree at
the paths of URLS.md and in the sitemap); the records they list are either pages (good practices,
events, toolboxes) or snippets with a draft state (publications, statistical series).
Only live records are ever shown: see the `public()` query-set methods.
"""

from .events import EventIndexPage, EventKind, EventPage
from .glossary import GlossaryPage, GlossaryTerm
from .good_practices import GoodPracticeIndexPage, GoodPracticePage, GoodPracticeTag
from .hub import ResourceHubPage
from .publications import (
    Access,
    Audience,
    Publication,
    PublicationIndexPage,
    PublicationKind,
    PublicationQuerySet,
)
from .statistics import DataPoint, DataSeries, DataSeriesQuerySet, StatisticsPage, Topic, Unit
from .toolboxes import (
    Persona,
    ToolboxBlock,
    ToolboxIndexPage,
    ToolboxLinkBlock,
    ToolboxPage,
    ToolboxPageBlock,
    ToolboxPublicationBlock,
)

__all__ = [
    "Access",
    "Audience",
    "DataPoint",
    "DataSeries",
    "DataSeriesQuerySet",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "GlossaryPage",
    "GlossaryTerm",
    "GoodPracticeIndexPage",
    "GoodPracticePage",
    "GoodPracticeTag",
    "Persona",
    "Publication",
    "PublicationIndexPage",
    "PublicationKind",
    "PublicationQuerySet",
    "ResourceHubPage",
    "StatisticsPage",
    "ToolboxBlock",
    "ToolboxIndexPage",
    "ToolboxLinkBlock",
    "ToolboxPage",
    "ToolboxPageBlock",
    "ToolboxPublicationBlock",
    "Topic",
    "Unit",
]
