"""Import of one yearly return (one structure, one year, long format), all or nothing.

Columns: structure (the structure's identifier in the directory), annee, dimension, categorie,
valeur. UTF-8 or Windows-1252; comma, semicolon or tab. Every line is checked (known dimension
and category, whole non-negative value, no duplicate, one structure and one year, a past or
current year, a structure the account may import for), then the totals across dimensions. A
re-import of the same structure and year replaces the current return, which is kept.
"""

from collections import defaultdict

from django.utils import timezone

from core.importing import WHOLE_FILE, Importer, ImportRefused, ImportReport, decode
from core.progress import format_count

from .consolidation import shift
from .models import AnnualReturn, ReturnFigure, ReturnStatus
from .roles import importable_structures
from .vocabulary import CROSS, DIMENSIONS, ENSEMBLE, REQUIRED

COLUMNS = ["structure", "annee", "dimension", "categorie", "valeur"]
FIRST_YEAR = 2000
MAX_VALUE = 10**12
YEAR_ON_YEAR_THRESHOLD = 50  # per cent: a larger change is pointed out to the importer
SPACES = {" ", "\u00a0", "\u202f"}


def decode_return(content, max_bytes):
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheets save it."""
    if isinstance(content, bytes) and len(content) <= max_bytes:
        try:
            content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                content = content.decode("cp1252")
            except UnicodeDecodeError:
                raise ImportRefused(
                    [(WHOLE_FILE, "encodage non reconnu : enregistrez le fichier en CSV UTF-8")]
                ) from None
    return decode(content, max_bytes)


def parse_value(text):
    """(int, None) or (None, problem): '12 500' is read as 12500."""
    digits = "".join(char for char in text if char not in SPACES)
    if not digits:
        return None, "valeur absente"
    if digits.startswith("-") and digits[1:].replace(",", "").replace(".", "").isdigit():
        return None, f"valeur négative ({text}) : les chiffres sont des nombres positifs ou nuls"
    if not digits.isdigit():
        if digits.replace(",", "", 1).replace(".", "", 1).isdigit():
            return None, f"valeur non entière ({text}) : arrondissez à l'unité"
        return None, f"valeur illisible ({text}) : un nombre entier est attendu"
    value = int(digits)
    if value > MAX_VALUE:
        return None, f"valeur invraisemblable ({text})"
    return value, None


def label(code):
    return DIMENSIONS[code].label.lower()


class ReturnImporter(Importer):
    max_bytes = 2 * 1024 * 1024
    max_lines = 2000
    required_columns = COLUMNS
    progress_label = "Chiffres du bilan"

    def __init__(self, user=None, today=None, is_demo=False):
        self.user = user
        self.today = today or timezone.localdate()
        self.is_demo = is_demo
        self.filename = ""

    def run(self, content, filename="", progress=None):
        self.filename = filename[:255]
        return super().run(decode_return(content, self.max_bytes), filename, progress)

    def prepare(self):
        from directory.models import FacilitatorStructure

        self.structures = {
            s.slug: s for s in FacilitatorStructure.objects.select_related("department__region")
        }
        self.allowed = set(importable_structures(self.user).values_list("pk", flat=True))
        self.seen = {}  # (dimension, category) -> line
        self.subject = None  # (structure slug, year) of the first line

    def check(self, line, record):
        problems = []
        structure = self._structure(record["structure"], problems)
        year = self._year(record["annee"], problems)
        dimension, category = record["dimension"].lower(), record["categorie"].lower()
        problems += self._cell_problems(dimension, category)
        value, problem = parse_value(record["valeur"])
        problems += [problem] if problem else []
        if (dimension, category) in self.seen:
            problems.append(
                f"doublon : {dimension} / {category} déjà donné ligne {self.seen[(dimension, category)]}"
            )
        else:
            self.seen[(dimension, category)] = line
        if structure and year:
            if self.subject is None:
                self.subject = (structure.slug, year)
            elif self.subject != (structure.slug, year):
                problems.append(
                    "un fichier ne contient le bilan que d'une structure et d'une année "
                    f"(première ligne : {self.subject[0]}, {self.subject[1]})"
                )
        if problems:
            return None, problems
        return (structure, year, dimension, category, value), []

    def _structure(self, slug, problems):
        structure = self.structures.get(slug.strip().lower())
        if structure is None:
            problems.append(
                f"structure inconnue « {slug[:80]} » : indiquez l'identifiant de sa fiche dans "
                "l'annuaire (la fin de son adresse /annuaire/…/)"
            )
        elif structure.pk not in self.allowed:
            problems.append(
                f"votre compte ne peut pas importer le bilan de « {structure.name} » : "
                "seulement celui de votre structure"
            )
            return None
        return structure

    def _year(self, text, problems):
        if not text.isdigit() or len(text) != 4:
            problems.append(f"année illisible ({text[:20]}) : quatre chiffres attendus")
            return None
        year = int(text)
        if year > self.today.year:
            problems.append(f"l'année {year} n'est pas encore commencée")
        elif year < FIRST_YEAR:
            problems.append(f"année {year} trop ancienne (à partir de {FIRST_YEAR})")
        else:
            return year
        return None

    def _cell_problems(self, dimension, category):
        known = DIMENSIONS.get(dimension)
        if known is None:
            return [f"dimension inconnue « {dimension[:60]} » (voir la liste des dimensions)"]
        allowed = known.category_codes() + ([ENSEMBLE] if known.is_cohort else [])
        if category not in allowed:
            return [f"catégorie inconnue « {category[:60]} » pour la dimension {dimension}"]
        return []

    def check_all(self, records):
        rows = super().check_all(records)
        cells = {(d, c): (line, v) for line, (_, _, d, c, v) in rows}
        errors = consistency_errors(cells)
        if errors:
            raise ImportRefused(errors)
        return rows

    def write(self, rows, progress):
        structure, year = rows[0][1][0], rows[0][1][1]
        cells = {(d, c): v for _, (_, _, d, c, v) in rows}
        add_cohort_totals(cells)
        warnings = self.year_on_year(structure, year, cells)
        previous = (
            AnnualReturn.objects.select_for_update(of=("self",))
            .filter(structure=structure, year=year, status=ReturnStatus.CURRENT)
            .select_related("department__region")
            .first()
        )
        now = timezone.now()
        if previous:
            previous.status, previous.ended_at, previous.ended_by = (
                ReturnStatus.REPLACED,
                now,
                self.user,
            )
            previous.save(update_fields=["status", "ended_at", "ended_by"])
        created = AnnualReturn.objects.create(
            structure=structure,
            year=year,
            department=structure.department,
            filename=self.filename,
            imported_by=self.user,
            warnings="\n".join(warnings),
            is_demo=self.is_demo,
        )
        ReturnFigure.objects.bulk_create(
            ReturnFigure(annual_return=created, dimension=d, category=c, value=v)
            for (d, c), v in cells.items()
        )
        progress(len(cells), len(cells) + 1)
        if previous:
            shift(previous.department, year, previous.figure_values(), -1)
        shift(structure.department, year, cells, 1)
        progress(len(cells) + 1, len(cells) + 1)
        notes = [f"bilan {year} de « {structure.name} », {format_count(len(cells))} chiffres"]
        if previous:
            notes.append(f"remplace le bilan importé le {previous.imported_at:%d/%m/%Y}")
        report = ImportReport(created=0 if previous else 1, updated=1 if previous else 0)
        report.notes = notes + warnings
        report.warnings = warnings
        report.annual_return = created
        return report

    def year_on_year(self, structure, year, cells):
        before = AnnualReturn.objects.filter(
            structure=structure, year=year - 1, status=ReturnStatus.CURRENT
        ).first()
        if before is None:
            return []
        old = dict(
            before.figures.filter(dimension__in=REQUIRED, category="total").values_list(
                "dimension", "value"
            )
        )
        warnings = []
        for code in REQUIRED:
            new, former = cells.get((code, "total")), old.get(code)
            if not former or new is None:
                continue
            change = round(100 * (new - former) / former)
            if abs(change) > YEAR_ON_YEAR_THRESHOLD:
                warnings.append(
                    f"à vérifier : {label(code)} {year} = {format_count(new)}, contre "
                    f"{format_count(former)} en {year - 1} ({change:+d} %)"
                )
        return warnings


def add_cohort_totals(cells):
    for code, dimension in DIMENSIONS.items():
        parts = [cells[(code, c)] for c, _ in dimension.categories if (code, c) in cells]
        if dimension.is_cohort and parts:
            cells.setdefault((code, ENSEMBLE), sum(parts))


def consistency_errors(cells):
    """[(line, problem)] for totals that do not add up. cells: {(dimension, category): (line,
    value)}; a category left out counts as zero."""
    errors = [
        (WHOLE_FILE, f"le total « {label(code)} » (dimension {code}, catégorie total) est absent")
        for code in REQUIRED
        if (code, "total") not in cells
    ]
    present = defaultdict(list)
    for (dimension, category), (line, value) in cells.items():
        present[dimension].append((line, category, value))
    for code, lines in present.items():
        dimension = DIMENSIONS[code]
        first_line = min(line for line, _, _ in lines)
        parts = sum(value for _, category, value in lines if category != ENSEMBLE)
        if dimension.total and (dimension.total, "total") in cells:
            total_line, total = cells[(dimension.total, "total")]
            if parts != total:
                errors.append(
                    (
                        first_line,
                        f"{label(code)} : la somme ({format_count(parts)}) diffère du total "
                        f"« {label(dimension.total)} » ({format_count(total)}, ligne {total_line})",
                    )
                )
        if dimension.is_cohort and (code, ENSEMBLE) in cells:
            line, given = cells[(code, ENSEMBLE)]
            if given != parts:
                errors.append(
                    (
                        line,
                        f"{label(code)} : ensemble ({format_count(given)}) différent de la "
                        f"somme des situations ({format_count(parts)})",
                    )
                )
        if dimension.is_cross:
            errors += margin_errors(dimension, lines, cells, first_line)
    return sorted(errors)


def margin_errors(dimension, lines, cells, first_line):
    """A cross-tabulation's rows and columns must add up to the single dimensions."""
    errors = []
    for axis, margin_code in enumerate(dimension.crosses):
        sums = defaultdict(int)
        for _, category, value in lines:
            sums[category.split(CROSS)[axis]] += value
        margin = DIMENSIONS[margin_code]
        if not any((margin_code, c) in cells for c, _ in margin.categories):
            continue
        for category, category_label in margin.categories:
            expected = cells.get((margin_code, category), (None, 0))[1]
            if sums[category] != expected:
                errors.append(
                    (
                        first_line,
                        f"{label(dimension.code)} : « {category_label} » totalise "
                        f"{format_count(sums[category])} au lieu de {format_count(expected)} "
                        f"({label(margin_code)})",
                    )
                )
    return errors


def template_rows(structure_slug, year):
    """The lines of an empty return (every cell at 0) — the model file offered for download."""
    for code, dimension in DIMENSIONS.items():
        for category in dimension.category_codes():
            yield [structure_slug, year, code, category, 0]
