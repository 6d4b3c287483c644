"""The labour-share référentiel as open data: export (CSV, JSON) and all-or-nothing CSV import."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

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


def _decimal_text(value):
    return "" if value is None else f"{value.normalize():f}"


def row_record(row):
    return {
        "annee": row.year,
        "categorie": row.category,
        "type_prestation": row.work_type,
        "part_main_oeuvre_min": _decimal_text(row.share_low),
        "part_main_oeuvre_max": _decimal_text(row.share_high),
        "cout_horaire_moyen": _decimal_text(row.hourly_cost),
        "taux_insertion_usuel": _decimal_text(row.insertion_rate),
        "source": row.source,
        "illustratif": "oui" if row.illustrative else "non",
        "notes": row.notes,
    }


def export_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row_record(row))
    return buffer.getvalue()


def export_json(rows):
    records = []
    for row in rows:
        record = row_record(row)
        for key in (
            "part_main_oeuvre_min",
            "part_main_oeuvre_max",
            "cout_horaire_moyen",
            "taux_insertion_usuel",
        ):
            record[key] = float(record[key]) if record[key] != "" else None
        record["illustratif"] = row.illustrative
        records.append(record)
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
# Import
# --------------------------------------------------------------------------------------------


@dataclass
class ImportRefused(Exception):
    """The file is refused whole: every bad line with its number and reason."""

    errors: list  # [(line_number, message)]

    def __str__(self):
        return "\n".join(f"ligne {line} : {message}" for line, message in self.errors)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    years: set = field(default_factory=set)

    def __str__(self):
        years = ", ".join(str(y) for y in sorted(self.years)) or "aucune"
        return (
            f"{self.created} ligne(s) créée(s), {self.updated} modifiée(s), "
            f"{self.unchanged} inchangée(s) ; année(s) : {years}."
        )


def _percent(value, label):
    number = parse_number(value)
    if not Decimal("0.01") <= number <= 100:
        raise ParseError(f"{label} doit être comprise entre 0,01 et 100 %.")
    return number.quantize(Decimal("0.01"))


def parse_line(record):
    """One CSV record → field values for LabourShareRow. Raise ParseError listing its problems."""
    problems = []
    values = {}
    missing = [name for name in REQUIRED if not (record.get(name) or "").strip()]
    if missing:
        raise ParseError("colonne(s) vide(s) : " + ", ".join(missing))
    year_text = record["annee"].strip()
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        problems.append(f"année « {year_text} » invalide (attendu : 2000 à 2100)")
    else:
        values["year"] = int(year_text)
    category = record["categorie"].strip().lower()
    if category not in ContractCategory.values:
        problems.append(
            f"catégorie « {record['categorie'].strip()} » inconnue "
            f"(attendu : {', '.join(ContractCategory.values)})"
        )
    else:
        values["category"] = category
    work_type = " ".join(record["type_prestation"].split())
    if len(work_type) > 120:
        problems.append("type de prestation trop long (120 caractères au plus)")
    values["work_type"] = work_type
    for key, target, label in (
        ("part_main_oeuvre_min", "share_low", "la part de main-d'œuvre"),
        ("part_main_oeuvre_max", "share_high", "la borne haute"),
        ("taux_insertion_usuel", "insertion_rate", "le taux d'insertion"),
    ):
        raw = (record.get(key) or "").strip()
        if not raw:
            values[target] = None
            continue
        try:
            values[target] = _percent(raw, label.capitalize())
        except ParseError as error:
            problems.append(f"{label} « {raw} » : {error.message}")
    if values.get("share_low") is not None and values.get("share_high") is not None:
        if values["share_high"] < values["share_low"]:
            problems.append("la borne haute est inférieure à la borne basse")
        elif values["share_high"] == values["share_low"]:
            values["share_high"] = None
    raw_cost = record["cout_horaire_moyen"].strip()
    try:
        cost = parse_number(raw_cost)
        if not 1 <= cost <= 1000:
            raise ParseError("doit être compris entre 1 et 1 000 €")
        values["hourly_cost"] = cost.quantize(Decimal("0.01"))
    except ParseError as error:
        problems.append(f"coût horaire « {raw_cost} » : {error.message}")
    values["source"] = " ".join((record.get("source") or "").split())[:300]
    illustrative = (record.get("illustratif") or "").strip().lower()
    if illustrative in TRUE_WORDS:
        values["illustrative"] = True
    elif illustrative in FALSE_WORDS:
        values["illustrative"] = False
    else:
        problems.append(f"illustratif « {illustrative} » : attendu oui ou non")
    if not values["source"] and not values.get("illustrative"):
        problems.append("source manquante (ou marquez la ligne illustrative)")
    values["notes"] = (record.get("notes") or "").strip()
    if problems:
        raise ParseError(" ; ".join(problems))
    return values


def parse_csv(text):
    """All the file's lines as field dicts, or ImportRefused with every bad line."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(name or "").strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused([(1, "colonne(s) absente(s) de l'en-tête : " + ", ".join(missing))])
    reader.fieldnames = header
    errors, parsed, seen = [], [], {}
    for record in reader:
        line = reader.line_num
        if len(parsed) + len(errors) >= MAX_LINES:
            errors.append((line, f"fichier trop long (au plus {MAX_LINES} lignes)"))
            break
        if None in record:
            errors.append((line, "trop de colonnes sur cette ligne"))
            continue
        if not any((value or "").strip() for value in record.values()):
            continue
        try:
            values = parse_line(record)
        except ParseError as error:
            errors.append((line, error.message))
            continue
        key = (values["year"], values["category"], values["work_type"].lower())
        if key in seen:
            errors.append((line, f"doublon de la ligne {seen[key]} (même année, catégorie, type)"))
            continue
        seen[key] = line
        parsed.append((line, values))
    if errors:
        raise ImportRefused(errors)
    if not parsed:
        raise ImportRefused([(1, "le fichier ne contient aucune ligne de données")])
    return parsed


def import_csv(text, progress=None):
    """Check the whole file, then write it in one transaction. Nothing is written on any error."""
    parsed = parse_csv(text)
    summary = ImportSummary()
    total = len(parsed)
    with transaction.atomic():
        existing = {
            (row.year, row.category, row.work_type.lower()): row
            for row in LabourShareRow.objects.filter(
                year__in={values["year"] for _, values in parsed}
            )
        }
        for index, (line, values) in enumerate(parsed, start=1):
            key = (values["year"], values["category"], values["work_type"].lower())
            row = existing.get(key)
            summary.years.add(values["year"])
            if row is None:
                LabourShareRow.objects.create(sort_order=index, **values)
                summary.created += 1
            elif all(getattr(row, name) == value for name, value in values.items()):
                summary.unchanged += 1
            else:
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
                summary.updated += 1
            if progress is not None:
                progress(index, total, line)
    return summary
