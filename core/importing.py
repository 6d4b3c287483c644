"""All-or-nothing file imports: one way to read, check, refuse or write a file of records.

An importer reads the uploaded bytes (size limit; UTF-8 with or without BOM, else Windows-1252
as Excel saves it — the report says which), splits them into
records (CSV by default: the separator — comma, semicolon or tab — is read off the header line),
checks EVERY record and collects every problem with its line number. One bad line refuses the
whole file (`ImportRefused`, nothing written); otherwise everything is written in ONE
transaction and an `ImportReport` says what changed. The admin view (core/admin_views.py) and
the management commands (`ImportCommand` below) show the same errors and the same summary.

    class MyImporter(Importer):
        required_columns = ["code", "nom"]
        def check(self, line, record): ...   # -> (values, [problems])
        def write(self, rows, progress): ... # -> ImportReport, inside the transaction
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from . import import_events
from .progress import Progress

WHOLE_FILE = 0  # the line number of a problem with the file itself (size, encoding, header)
SEPARATORS = ",;\t"


class ImportRefused(Exception):
    """The file is refused whole: every problem as (line number, message in French)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self):
        return "Fichier refusé, rien n'a été importé :\n" + "\n".join(self.lines())

    def lines(self):
        """'ligne 12 : SIRET invalide', or 'fichier : …' for a problem with the whole file."""
        return [
            f"ligne {line} : {message}" if line != WHOLE_FILE else f"fichier : {message}"
            for line, message in self.errors
        ]

    def summary(self):
        """'3 erreur(s) sur 2 ligne(s)'."""
        lines = {line for line, _ in self.errors}
        return f"{len(self.errors)} erreur(s) sur {len(lines)} ligne(s)"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list = field(default_factory=list)  # extra facts, e.g. "année(s) : 2026"
    encoding: str = "UTF-8"  # how the file was read (core.importing.decode_with_encoding)

    @property
    def changed(self):
        return self.created + self.updated

    def __str__(self):
        counts = f"{self.created} créé(s), {self.updated} mis à jour, {self.unchanged} inchangé(s)"
        return " ; ".join([counts, *self.notes])


UTF8 = "UTF-8"
CP1252 = "Windows-1252"
HOW_TO_SAVE_AS_UTF8 = (
    "le fichier n'est ni en UTF-8 ni en Windows-1252 : dans Excel, choisissez « Fichier », "
    "« Enregistrer sous », puis le type « CSV UTF-8 (délimité par des virgules) »"
)


def decode_with_encoding(content, max_bytes):
    """(text, encoding) of the uploaded bytes, at most `max_bytes` long.

    Valid UTF-8 (with or without BOM) is read as UTF-8; anything else as Windows-1252, what
    Excel writes for a plain "CSV" on a French Windows (a Latin-1 file reads the same for
    every letter French uses). UTF-16 with its BOM ("Texte Unicode" in Excel) is read too."""
    if not isinstance(content, bytes):
        return content.lstrip("\ufeff").replace("\x00", ""), UTF8
    if len(content) > max_bytes:
        raise ImportRefused([(WHOLE_FILE, f"fichier trop volumineux ({megabytes(max_bytes)})")])
    attempts = [("utf-8-sig", UTF8), ("cp1252", CP1252)]
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        attempts.insert(0, ("utf-16", "UTF-16"))
    for codec, label in attempts:
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        return text.lstrip("\ufeff").replace("\x00", ""), label
    raise ImportRefused([(WHOLE_FILE, HOW_TO_SAVE_AS_UTF8)])


def decode(content, max_bytes):
    """The file's text (see decode_with_encoding)."""
    return decode_with_encoding(content, max_bytes)[0]


def megabytes(size):
    return f"{size // (1024 * 1024)} Mo au plus"


def separator_of(text):
    """The CSV separator used in the header line: the commonest of comma, semicolon and tab."""
    header = text.split("\n", 1)[0]
    counts = {separator: header.count(separator) for separator in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(text, required_columns=(), max_lines=None):
    """[(line number, {column: stripped value})] of a CSV text with a header line.

    Column names are compared stripped and in lower case; blank lines are skipped; a line with
    more values than the header has columns, or that the csv module cannot read (a lone
    carriage return in an unquoted value, say), is a problem of that line. A file whose lines
    all end with a lone carriage return (old Mac) is read line by line."""
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    reader = csv.DictReader(io.StringIO(text), delimiter=separator_of(text))
    records, errors = [], []
    try:
        _check_header(reader, required_columns)
        for record in reader:
            line = reader.line_num
            if max_lines is not None and len(records) + len(errors) >= max_lines:
                errors.append((line, f"fichier trop long (au plus {max_lines} lignes)"))
                break
            if None in record:
                errors.append((line, "trop de colonnes sur cette ligne"))
            elif any((value or "").strip() for value in record.values()):
                records.append((line, {k: (v or "").strip() for k, v in record.items()}))
    except csv.Error as error:
        # The reader stops at the line it cannot read: the lines before it are counted.
        errors.append((reader.line_num + 1, unreadable_csv_line(error)))
    if errors:
        raise ImportRefused(errors)
    return records


def _check_header(reader, required_columns):
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in required_columns if name not in header]
    if missing:
        raise ImportRefused([(1, "colonne(s) absente(s) de l'en-tête : " + ", ".join(missing))])
    reader.fieldnames = header


LONE_CARRIAGE_RETURN = (
    "retour chariot isolé au milieu de la ligne (caractère CR, hors guillemets) : supprimez-le, "
    "ou enregistrez le fichier au format « CSV UTF-8 » et importez-le de nouveau"
)


def unreadable_csv_line(error):
    """The French problem for what the csv module refused on a line."""
    if "new-line character" in str(error):
        return LONE_CARRIAGE_RETURN
    if "field larger than field limit" in str(error):
        return "valeur beaucoup trop longue sur cette ligne"
    return "ligne illisible en CSV (guillemets ou caractères inattendus)"


class Importer:
    """Base of an all-or-nothing import; one instance per file (it may keep state, e.g. the
    keys already seen, to report duplicates)."""

    max_bytes = 50 * 1024 * 1024
    max_lines = None
    required_columns = ()
    progress_label = "Lignes écrites"

    def read(self, text, filename):
        """[(line number, record)]; CSV by default."""
        return read_csv(text, self.required_columns, self.max_lines)

    def prepare(self):
        """Load what checking needs (reference tables…), once per file."""

    def check(self, line, record):
        """(values to write, []) or (None, [problems in French])."""
        raise NotImplementedError

    def write(self, rows, progress):
        """Write [(line number, values)] (inside the transaction); return an ImportReport.
        Call `progress(done, total)` now and then."""
        raise NotImplementedError

    def written(self, report):
        """After the commit: tell caches and search indexes (bulk writes send no signal)."""

    def run(self, content, filename="", progress=None):
        text, encoding = decode_with_encoding(content, self.max_bytes)
        records = self.read(text, filename)
        import_events.lines_read(len(records))
        rows = self.check_all(records)
        with transaction.atomic():
            report = self.write(rows, progress or (lambda done, total: None))
        report.encoding = encoding
        self.written(report)
        import_events.import_written(report)
        return report

    def check_all(self, records):
        """Every record checked; ImportRefused with every problem of every line, if any."""
        self.prepare()
        rows, errors = [], []
        for line, record in records:
            values, problems = self.check(line, record)
            errors += [(line, problem) for problem in problems]
            if not problems:
                rows.append((line, values))
        if errors:
            raise ImportRefused(errors)
        if not rows:
            raise ImportRefused([(WHOLE_FILE, "le fichier ne contient aucune ligne de données")])
        return rows


class ImportCommand(BaseCommand):
    """A management command importing one file with an Importer: progress, then a summary, or
    the refused lines on stderr and an error status."""

    importer_class = Importer

    def add_arguments(self, parser):
        parser.add_argument("file", help="Chemin du fichier (UTF-8 ou Windows-1252)")

    def event_label(self):
        """How the dashboard names this import: the command line."""
        return f"manage.py {self.__module__.rsplit('.', 1)[-1]}"

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        importer = self.importer_class()
        self.stdout.write(f"Vérification de {path.name}…")
        progress = Progress(self.stdout, importer.progress_label, enabled=options["verbosity"] > 0)
        content = path.read_bytes()
        try:
            with import_events.attempt(
                self.event_label(),
                import_events.COMMAND,
                getattr(importer, "user", None),
                path.name,
                content,
            ):
                report = importer.run(content, path.name, progress=progress)
        except ImportRefused as refused:
            self.stderr.write(f"Fichier refusé ({refused.summary()}) : rien n'a été écrit.")
            for text in refused.lines():
                self.stderr.write(f"  {text}")
            raise CommandError(
                f"Fichier refusé : {refused.summary()}. Rien n'a été importé."
            ) from None
        if report.encoding != UTF8:
            self.stdout.write(f"Fichier lu en {report.encoding}.")
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {report}."))
