"""The labour-share référentiel as open data: export (CSV, JSON) and all-or-nothing CSV import."""

from decimal import Decimal

from core.importing import Importer, ImportReport
from core.opendata import csv_text
from core.vocabulary import ContractCategory

from .hours import ParseError, parse_number
from .models import LabourShareRow

COLUMNS = [
    "annee",
    "categorie",
    "type_prestation",
    "part_main_oeuvre_min",
    "part_main_oeuvre_max",
    "cout_horaire_moyen",
    "taux_insertion_usuel",
    "source",
    "illustratif",
    "notes",
]
REQUIRED = ["annee", "categorie", "type_prestation", "part_main_oeuvre_min", "cout_horaire_moyen"]
TRUE_WORDS = {"oui", "vrai", "true", "1", "x"}
FALSE_WORDS = {"", "non", "faux", "false", "0"}
MAX_LINES = 5000


def row_record(row):
    """One référentiel row as Python values (decimals, booleans), keyed by COLUMNS."""
    return {
        "annee": row.year,
        "categorie": row.category,
        "type_prestation": row.work_type,
        "part_main_oeuvre_min": row.share_low,
        "part_main_oeuvre_max": row.share_high,
        "cout_horaire_moyen": row.hourly_cost,
        "taux_insertion_usuel": row.insertion_rate,
        "source": row.source,
        "illustratif": row.illustrative,
        "notes": row.notes,
    }


def export_rows(rows):
    """The CSV rows (COLUMNS order) of these référentiel rows, for core.opendata."""
    return ([row_record(row)[name] for name in COLUMNS] for row in rows)


def export_csv(rows):
    """The CSV text, in the site's dialect (the import reads it back)."""
    return csv_text(COLUMNS, export_rows(rows))


def _json_value(value):
    return float(value) if isinstance(value, Decimal) else value


def export_json(rows):
    records = [{key: _json_value(value) for key, value in row_record(row).items()} for row in rows]
    return {
        "titre": "Référentiel de la part de main-d'œuvre par type de prestation",
        "unites": {
            "part_main_oeuvre_min": "% du prix HT",
            "part_main_oeuvre_max": "% du prix HT",
            "cout_horaire_moyen": "€ par heure",
            "taux_insertion_usuel": "% des heures de travail",
        },
        "lignes": records,
    }


# --------------------------------------------------------------------------------------------
# Import (all or nothing, see core/importing.py)
# --------------------------------------------------------------------------------------------

PERCENT_COLUMNS = (
    ("part_main_oeuvre_min", "share_low", "la part de main-d'œuvre"),
    ("part_main_oeuvre_max", "share_high", "la borne haute"),
    ("taux_insertion_usuel", "insertion_rate", "le taux d'insertion"),
)


def _percent(value, label):
    number = parse_number(value)
    if not Decimal("0.01") <= number <= 100:
        raise ParseError(f"{label} doit être comprise entre 0,01 et 100 %.")
    return number.quantize(Decimal("0.01"))


def _year(record, values, problems):
    text = record["annee"]
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        problems.append(f"année « {text} » invalide (attendu : 2000 à 2100)")
    else:
        values["year"] = int(text)


def _category(record, values, problems):
    category = record["categorie"].lower()
    if category not in ContractCategory.values:
        problems.append(
            f"catégorie « {record['categorie']} » inconnue "
            f"(attendu : {', '.join(ContractCategory.values)})"
        )
    else:
        values["category"] = category


def _work_type(record, values, problems):
    values["work_type"] = " ".join(record["type_prestation"].split())
    if len(values["work_type"]) > 120:
        problems.append("type de prestation trop long (120 caractères au plus)")


def _percentages(record, values, problems):
    for key, target, label in PERCENT_COLUMNS:
        raw = record.get(key, "")
        values[target] = None
        if raw:
            try:
                values[target] = _percent(raw, label.capitalize())
            except ParseError as error:
                problems.append(f"{label} « {raw} » : {error.message}")
    low, high = values["share_low"], values["share_high"]
    if low is not None and high is not None:
        if high < low:
            problems.append("la borne haute est inférieure à la borne basse")
        elif high == low:
            values["share_high"] = None


def _hourly_cost(record, values, problems):
    raw = record["cout_horaire_moyen"]
    try:
        cost = parse_number(raw)
        if not 1 <= cost <= 1000:
            raise ParseError("doit être compris entre 1 et 1 000 €")
        values["hourly_cost"] = cost.quantize(Decimal("0.01"))
    except ParseError as error:
        problems.append(f"coût horaire « {raw} » : {error.message}")


def _source(record, values, problems):
    values["source"] = " ".join(record.get("source", "").split())[:300]
    illustrative = record.get("illustratif", "").lower()
    if illustrative in TRUE_WORDS:
        values["illustrative"] = True
    elif illustrative in FALSE_WORDS:
        values["illustrative"] = False
    else:
        problems.append(f"illustratif « {illustrative} » : attendu oui ou non")
    if not values["source"] and not values.get("illustrative"):
        problems.append("source manquante (ou marquez la ligne illustrative)")
    values["notes"] = record.get("notes", "")


LINE_CHECKS = (_year, _category, _work_type, _percentages, _hourly_cost, _source)


def parse_line(record):
    """One CSV record (stripped values) → (field values for LabourShareRow, [problems])."""
    missing = [name for name in REQUIRED if not record.get(name)]
    if missing:
        return None, ["colonne(s) vide(s) : " + ", ".join(missing)]
    values, problems = {}, []
    for check in LINE_CHECKS:
        check(record, values, problems)
    return (None, problems) if problems else (values, [])


def row_key(values):
    return (values["year"], values["category"], values["work_type"].lower())


class LabourShareImporter(Importer):
    """The référentiel CSV: rows matched by (year, category, work type)."""

    max_bytes = 2 * 1024 * 1024
    max_lines = MAX_LINES
    required_columns = REQUIRED
    progress_label = "Lignes du référentiel écrites"

    def prepare(self):
        self.seen = {}

    def check(self, line, record):
        values, problems = parse_line(record)
        if problems:
            return None, [" ; ".join(problems)]
        key = row_key(values)
        if key in self.seen:
            return None, [f"doublon de la ligne {self.seen[key]} (même année, catégorie, type)"]
        self.seen[key] = line
        return values, []

    def write(self, rows, progress):
        report = ImportReport()
        years = {values["year"] for _, values in rows}
        existing = {
            (row.year, row.category, row.work_type.lower()): row
            for row in LabourShareRow.objects.filter(year__in=years)
        }
        for index, (_, values) in enumerate(rows, start=1):
            self._write_row(existing.get(row_key(values)), values, index, report)
            progress(index, len(rows))
        report.notes.append("année(s) : " + ", ".join(str(year) for year in sorted(years)))
        return report

    def _write_row(self, row, values, sort_order, report):
        if row is None:
            LabourShareRow.objects.create(sort_order=sort_order, **values)
            report.created += 1
        elif all(getattr(row, name) == value for name, value in values.items()):
            report.unchanged += 1
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
            report.updated += 1


def import_csv(content, progress=None):
    """Check the whole file, then write it in one transaction. Nothing is written on any error."""
    return LabourShareImporter().run(content, progress=progress)
