"""The fill-in form of a clause: its fields, built from the clause's own blanks, and the reading of
the query parameters (URLS.md) into values, errors and hours.

Every blank of a clause gets a field of its kind: text, a figure (French format, checked against
bounds), a date, or a lot (number and title). Clauses that speak of hours also offer the four
figures of the calculator, so that the hours can be computed rather than typed.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.dateformat import format as date_format

from . import hours
from .placeholders import BY_NAME, names_in

CALCULATOR_PARAMS = ("montant", "part", "cout_horaire", "taux")
NUMBER_PARAMS = (*CALCULATOR_PARAMS, "heures", "heures_travail", "duree", "penalite")
TEXT_PARAMS = ("acheteur", "objet", "facilitateur", "lot_intitule")
LONG_TEXT_PARAMS = ("publics", "suivi")
DATE_PARAMS = ("date_debut",)
LOT_NUMBER = "lot_numero"
FILL_PARAMS = (*TEXT_PARAMS, *LONG_TEXT_PARAMS, *NUMBER_PARAMS, *DATE_PARAMS, LOT_NUMBER)
TEXT_MAX_LENGTH = 200
LONG_TEXT_MAX_LENGTH = 600
LOT_NUMBER_PATTERN = re.compile(r"^[0-9]{1,3}[a-zA-Z]?$")
# Characters XML (hence DOCX and PDF) cannot hold, and other control characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# name -> (label, hint, example, widget); widget: text, textarea, decimal, integer or date.
FIELD_SPECS = {
    "acheteur": ("Nom de l'acheteur", "", "Ex. : Ville de Lille", "text"),
    "objet": ("Objet du marché", "", "Ex. : Réhabilitation de l'école Jules-Ferry", "text"),
    LOT_NUMBER: ("Numéro du lot", "", "Ex. : 3", "integer"),
    "lot_intitule": ("Intitulé du lot", "", "Ex. : Nettoyage des locaux", "text"),
    "duree": ("Durée du marché", "en mois", "Ex. : 18", "integer"),
    "date_debut": ("Date prévisionnelle de début d'exécution", "", "", "date"),
    "heures": ("Nombre d'heures d'insertion", "", "Ex. : 800", "integer"),
    "heures_travail": ("Nombre d'heures de travail estimé", "", "Ex. : 16 000", "integer"),
    "montant": ("Montant estimé du marché", "en euros hors taxes", "Ex. : 1 200 000", "decimal"),
    "part": ("Part de main-d'œuvre", "en % du prix", "Ex. : 40", "decimal"),
    "cout_horaire": (
        "Coût horaire de la main-d'œuvre",
        "en euros par heure",
        "Ex. : 30",
        "decimal",
    ),
    "taux": ("Taux d'insertion", "en % des heures de travail", "Ex. : 5", "decimal"),
    "publics": (
        "Publics visés",
        "",
        "Ex. : demandeurs d'emploi de longue durée, bénéficiaires du RSA",
        "textarea",
    ),
    "facilitateur": ("Structure chargée du suivi", "facilitateur", "Ex. : PLIE de Lille", "text"),
    "suivi": (
        "Modalités du compte rendu",
        "contenu et fréquence",
        "Ex. : un état mensuel des heures réalisées, par personne",
        "textarea",
    ),
    "penalite": ("Pénalité par heure manquante", "en euros", "Ex. : 30", "decimal"),
}


@dataclass
class Fill:
    raw: dict  # what the person typed, to write back into the form
    numbers: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    dates: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    computation: hours.Computation | None = None
    hours_source: str = ""  # "saisie", "calcul" or ""

    @property
    def any(self):
        return any(v.strip() for v in self.raw.values())

    @property
    def insertion_hours(self):
        if "heures" in self.numbers:
            return self.numbers["heures"]
        if self.computation is not None:
            return self.computation.insertion_hours
        return None

    @property
    def work_hours(self):
        if "heures_travail" in self.numbers:
            return self.numbers["heures_travail"]
        if self.computation is not None:
            return hours.round_hours(self.computation.work_hours)
        return None

    @property
    def lot(self):
        number, title = self.texts.get(LOT_NUMBER), self.texts.get("lot_intitule")
        if number and title:
            return f"n° {number} « {title} »"
        if number:
            return f"n° {number}"
        return f"« {title} »" if title else None

    @property
    def placeholder_values(self):
        """Display strings for the clause's blanks (absent when the buyer gave nothing)."""
        names = (*TEXT_PARAMS, *LONG_TEXT_PARAMS)
        values = {name: self.texts[name] for name in names if name in self.texts}
        for name in ("montant", "taux", "duree"):
            if name in self.numbers:
                values[name] = hours.format_number(self.numbers[name])
        if "penalite" in self.numbers:
            penalty = self.numbers["penalite"]
            whole = penalty == penalty.to_integral_value()
            values["penalite"] = hours.format_number(penalty, None if whole else 2)
        for name, value in (("heures", self.insertion_hours), ("heures_travail", self.work_hours)):
            if value is not None:
                values[name] = hours.format_number(value)
        if "date_debut" in self.dates:
            values["date_debut"] = long_date(self.dates["date_debut"])
        if self.lot:
            values["lot"] = self.lot
        return values

    @property
    def querystring(self):
        """The valid values only, to carry into download links and shareable URLs."""
        pairs = [
            (name, self.raw[name].strip())
            for name in FILL_PARAMS
            if self.raw.get(name, "").strip() and name not in self.errors
        ]
        return urlencode(pairs)


def long_date(value):
    """« 1er mars 2027 », « 15 septembre 2026 »."""
    text = date_format(value, "j F Y")
    return "1er" + text[1:] if text.startswith("1 ") else text


def clean_text(value):
    return " ".join(_CONTROL.sub("", value).split())


def parse_date(raw):
    """A date from the date picker (2027-03-01) or typed as 01/03/2027; raise ValueError."""
    text = raw.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            value = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if 2000 <= value.year <= 2100:
            return value
        raise ValueError("Saisissez une date entre 2000 et 2100.")
    raise ValueError("Saisissez une date valide, par exemple 01/03/2027.")


def _read_texts(raw, fill):
    for names, limit in ((TEXT_PARAMS, TEXT_MAX_LENGTH), (LONG_TEXT_PARAMS, LONG_TEXT_MAX_LENGTH)):
        for name in names:
            text = clean_text(raw[name])
            if len(text) > limit:
                fill.errors[name] = f"Saisissez au plus {limit} caractères."
            elif text:
                fill.texts[name] = text
    number = raw[LOT_NUMBER].strip().removeprefix("n°").strip()
    if number and not LOT_NUMBER_PATTERN.match(number):
        fill.errors[LOT_NUMBER] = "Saisissez le numéro du lot en chiffres, par exemple 3 ou 2b."
    elif number:
        fill.texts[LOT_NUMBER] = number


def read_fill(params):
    """Parse the fill-in parameters of a clause page, PDF or DOCX."""
    raw = {name: str(params.get(name, ""))[: LONG_TEXT_MAX_LENGTH + 100] for name in FILL_PARAMS}
    fill = Fill(raw=raw)
    _read_texts(raw, fill)
    for name in DATE_PARAMS:
        if raw[name].strip():
            try:
                fill.dates[name] = parse_date(raw[name])
            except ValueError as error:
                fill.errors[name] = str(error)
    fill.numbers, number_errors = hours.parse_params(raw, NUMBER_PARAMS)
    fill.errors.update(number_errors)
    if all(name in fill.numbers for name in CALCULATOR_PARAMS):
        fill.computation = hours.compute(*(fill.numbers[name] for name in CALCULATOR_PARAMS))
    if "heures" in fill.numbers:
        fill.hours_source = "saisie"
    elif fill.computation is not None:
        fill.hours_source = "calcul"
    return fill


# ---------------------------------------------------------------------------- the form


def _inputs_for(name):
    """The form inputs of one blank: a lot takes two (number and title), others one."""
    return [LOT_NUMBER, "lot_intitule"] if BY_NAME[name].kind == "lot" else [name]


def form_values(fill):
    """What to write back in the form: a date as the date picker expects it (ISO)."""
    values = dict(fill.raw)
    for name, value in fill.dates.items():
        values[name] = value.isoformat()
    return values


def field_names(text):
    """(own, calculator): the inputs of a clause's own blanks, in the order they appear, and the
    calculator's figures offered when the clause speaks of hours (those not already asked)."""
    blanks = names_in(text)
    own = [name for blank in blanks for name in _inputs_for(blank)]
    calculator = []
    if "heures" in blanks or "heures_travail" in blanks:
        calculator = [name for name in CALCULATOR_PARAMS if name not in own]
    return own, calculator


def form_field(name, raw, errors, with_calculator=False):
    label, hint, example, widget = FIELD_SPECS[name]
    if name == "heures" and with_calculator:
        hint = "remplace le calcul si renseigné"
    return {
        "name": name,
        "label": label,
        "hint": hint,
        "example": example,
        "value": raw.get(name, ""),
        "error": errors.get(name, ""),
        "widget": widget,
        "inputmode": {"decimal": "decimal", "integer": "numeric"}.get(widget, "text"),
        "input_type": "date" if widget == "date" else "text",
    }
