"""Reading the fill-in and calculator query parameters (URLS.md) into values, errors and hours."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from . import hours

FILL_PARAMS = ("acheteur", "objet", "montant", "part", "cout_horaire", "taux", "heures", "duree")
NUMBER_PARAMS = ("montant", "part", "cout_horaire", "taux", "heures", "duree")
TEXT_PARAMS = {"acheteur": "Nom de l'acheteur", "objet": "Objet du marché"}
TEXT_MAX_LENGTH = 200
# Characters XML (hence DOCX and PDF) cannot hold, and other control characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Fill:
    raw: dict  # what the person typed, to write back into the form
    numbers: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
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
    def placeholder_values(self):
        """Display strings for the clause's blanks (absent when the buyer gave nothing)."""
        values = dict(self.texts)
        if "montant" in self.numbers:
            values["montant"] = hours.format_number(self.numbers["montant"])
        if "taux" in self.numbers:
            values["taux"] = hours.format_number(self.numbers["taux"])
        if "duree" in self.numbers:
            values["duree"] = hours.format_number(self.numbers["duree"])
        if self.insertion_hours is not None:
            values["heures"] = hours.format_number(self.insertion_hours)
        if self.computation is not None:
            values["heures_travail"] = hours.format_number(
                hours.round_hours(self.computation.work_hours)
            )
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


def clean_text(value):
    return " ".join(_CONTROL.sub("", value).split())


def read_fill(params):
    """Parse the fill-in parameters of a clause page, PDF or DOCX."""
    raw = {name: str(params.get(name, ""))[:500] for name in FILL_PARAMS}
    fill = Fill(raw=raw)
    for name in TEXT_PARAMS:
        text = clean_text(raw[name])
        if len(text) > TEXT_MAX_LENGTH:
            fill.errors[name] = f"Saisissez au plus {TEXT_MAX_LENGTH} caractères."
        elif text:
            fill.texts[name] = text
    fill.numbers, number_errors = hours.parse_params(raw, NUMBER_PARAMS)
    fill.errors.update(number_errors)
    needed = ("montant", "part", "cout_horaire", "taux")
    if all(name in fill.numbers for name in needed):
        fill.computation = hours.compute(*(fill.numbers[name] for name in needed))
    if "heures" in fill.numbers:
        fill.hours_source = "saisie"
    elif fill.computation is not None:
        fill.hours_source = "calcul"
    return fill
