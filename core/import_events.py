"""Every attempt to import a file leaves a row (core.models.ImportEvent): who, when, which file,
the outcome and how many lines were read — refused files included, which the data alone cannot
tell. The editors' dashboard lists the last ones (centre/dashboard.py).

The import screen (core/admin_views.ImportView) and the commands (core/importing.ImportCommand)
open an attempt around the import; `Importer.run` tells the open attempt what it read and what
it wrote. An import run outside an attempt (demo loading, tests of an importer) records nothing.

    with import_events.attempt("Importer des employeurs", SCREEN, user, upload.name, upload):
        report = importer.run(...)
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

SCREEN = "écran d'import"
COMMAND = "commande"
REFUSAL_LINES_KEPT = 5

_current = ContextVar("import_attempt", default=None)


@dataclass
class Attempt:
    label: str
    channel: str
    user: object = None
    filename: str = ""
    source: object = None  # the uploaded file or the bytes, to count lines of a refused file
    line_count: int | None = None
    report: object = None  # the ImportReport of an accepted file
    refused: object = None  # the ImportRefused of a refused file
    problems: list = field(default_factory=list)  # form errors (no file read)


def lines_read(count):
    """Called by Importer.run once the file is split into records."""
    current = _current.get()
    if current is not None:
        current.line_count = count


def import_written(report):
    """Called by Importer.run after the commit."""
    current = _current.get()
    if current is not None:
        current.report = report


@contextmanager
def attempt(label, channel, user=None, filename="", source=None):
    """Open an attempt; on leaving, save it with its outcome (an exception other than a refusal
    is saved as an unexpected failure, then raised again)."""
    from .importing import ImportRefused

    current = Attempt(label=label, channel=channel, user=user, filename=filename, source=source)
    token = _current.set(current)
    try:
        yield current
    except ImportRefused as refused:
        current.refused = refused
        _save(current)
        raise
    except Exception as error:
        _save(current, failure=error)
        raise
    else:
        _save(current)
    finally:
        _current.reset(token)


def _save(current, failure=None):
    from .models import ImportEvent, ImportOutcome

    if failure is not None:
        outcome, summary = ImportOutcome.FAILED, f"Erreur inattendue : {failure}"
    elif current.report is not None:
        outcome, summary = ImportOutcome.ACCEPTED, _accepted_summary(current.report)
    elif current.refused is not None:
        outcome, summary = ImportOutcome.REFUSED, _refused_summary(current.refused)
    elif current.problems:
        outcome, summary = ImportOutcome.REFUSED, " ; ".join(current.problems)
    else:
        return  # nothing was sent to import
    user = current.user if getattr(current.user, "is_authenticated", False) else None
    ImportEvent.objects.create(
        label=current.label[:200],
        channel=current.channel,
        user=user,
        filename=current.filename[:255],
        outcome=outcome,
        line_count=current.line_count
        if current.line_count is not None
        else rough_line_count(current.source),
        summary=summary,
    )


def _accepted_summary(report):
    encoding = getattr(report, "encoding", "")
    return f"{report} ; fichier lu en {encoding}" if encoding else str(report)


def _refused_summary(refused):
    lines = refused.lines()
    kept = lines[:REFUSAL_LINES_KEPT]
    more = len(lines) - len(kept)
    return "\n".join([f"{refused.summary()}.", *kept, *([f"… et {more} autre(s)"] if more else [])])


def rough_line_count(source):
    """Data lines of a file refused before it could be read (non-blank lines but the header),
    or None when nothing is known of it."""
    if source is None:
        return None
    if hasattr(source, "read"):
        source.seek(0)
        source = source.read()
    if isinstance(source, str):
        source = source.encode("utf-8", "replace")
    lines = [line for line in source.replace(b"\x00", b"").splitlines() if line.strip()]
    return max(len(lines) - 1, 0)
