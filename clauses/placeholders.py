"""Named blanks in clause texts ({acheteur}, {heures}…): checking, splitting, filling.

Each blank has a kind that decides the form field a buyer fills in: free text, a number, a date
or a lot (its number and its title). Only the exact names below are blanks: anything else between
braces is refused when the clause is saved, so that no stray brace reaches a buyer's document.
"""

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from core.text import fold


@dataclass(frozen=True)
class Placeholder:
    name: str
    label: str  # what the blank stands for, shown as "[à compléter : …]"
    kind: str = "text"  # "text", "long_text", "number", "date" or "lot"


KINDS = (
    Placeholder("acheteur", "nom de l'acheteur"),
    Placeholder("objet", "objet du marché"),
    Placeholder("lot", "numéro et intitulé du lot", "lot"),
    Placeholder("montant", "montant estimé en euros HT", "number"),
    Placeholder("heures", "nombre d'heures d'insertion", "number"),
    Placeholder("heures_travail", "nombre d'heures de travail estimé", "number"),
    Placeholder("taux", "taux d'insertion en %", "number"),
    Placeholder("duree", "durée du marché en mois", "number"),
    Placeholder("date_debut", "date prévisionnelle de début d'exécution", "date"),
    Placeholder("publics", "publics visés", "long_text"),
    Placeholder("facilitateur", "structure chargée du suivi (facilitateur)"),
    Placeholder("suivi", "modalités et fréquence du compte rendu", "long_text"),
    Placeholder("penalite", "montant de la pénalité par heure manquante", "number"),
)
BY_NAME = {placeholder.name: placeholder for placeholder in KINDS}
PLACEHOLDERS = {placeholder.name: placeholder.label for placeholder in KINDS}

PATTERN = re.compile(r"\{([a-z_]+)\}")
# Anything that looks like a blank: one or more braces around a short run without line breaks.
_BRACED = re.compile(r"\{+[^{}\n]{0,60}\}+")


def names_in(text):
    """The blanks of a clause, in order of first appearance, each once."""
    seen = []
    for name in PATTERN.findall(text or ""):
        if name in PLACEHOLDERS and name not in seen:
            seen.append(name)
    return seen


def suggestion(written):
    """The blank a mistyped one was probably meant to be ("{ Pénalité }" -> "penalite")."""
    key = re.sub(r"[\s-]+", "_", fold(written.strip("{} \t")).strip())
    if key in PLACEHOLDERS:
        return key
    close = difflib.get_close_matches(key, PLACEHOLDERS, n=1, cutoff=0.75)
    return close[0] if close else None


def template_problems(text):
    """French messages, one per faulty blank or stray brace (empty when the text is right)."""
    problems = []
    for match in _BRACED.finditer(text or ""):
        written = match.group(0)
        exact = PATTERN.fullmatch(written)
        if exact and exact.group(1) in PLACEHOLDERS:
            continue
        near = suggestion(written)
        if near:
            problems.append(f"« {written} » n'est pas un champ : vouliez-vous dire {{{near}}} ?")
        else:
            problems.append(f"« {written} » n'est pas un champ connu.")
    leftover = _BRACED.sub("", text or "")
    if "{" in leftover or "}" in leftover:
        problems.append(
            "Une accolade est isolée : les accolades ne servent qu'à entourer un champ, "
            "par exemple {acheteur}."
        )
    return problems


def validate_template(text):
    problems = template_problems(text)
    if problems:
        known = ", ".join("{" + n + "}" for n in PLACEHOLDERS)
        raise ValidationError(
            "%(problems)s Champs possibles, écrits exactement ainsi (minuscules, sans accent "
            "ni espace) : %(known)s.",
            params={"problems": " ".join(dict.fromkeys(problems)), "known": known},
        )


def paragraphs(text):
    return [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]


def segments(paragraph, values):
    """Split a paragraph into literal text and placeholders, filled from `values` when given.

    Each segment is a dict: {"text": …} for literal text, or {"name", "label", "value"} where
    value is None for a blank left to the buyer.
    """
    result, position = [], 0
    for match in PATTERN.finditer(paragraph):
        name = match.group(1)
        if name not in PLACEHOLDERS:
            continue
        if match.start() > position:
            result.append({"text": paragraph[position : match.start()]})
        value = values.get(name) or None
        result.append({"name": name, "label": PLACEHOLDERS[name], "value": value})
        position = match.end()
    if position < len(paragraph):
        result.append({"text": paragraph[position:]})
    return result


def blank(label):
    return f"[à compléter : {label}]"


def filled_paragraphs(text, values):
    """Paragraphs as lists of segments, ready for HTML, PDF and DOCX rendering."""
    return [segments(p, values) for p in paragraphs(text)]


def plain_text(text, values):
    """The clause as plain text, blanks shown as [à compléter : …] (for copying)."""
    out = []
    for parts in filled_paragraphs(text, values):
        out.append(
            "".join(
                seg["text"]
                if "text" in seg
                else (seg["value"] if seg["value"] else blank(seg["label"]))
                for seg in parts
            )
        )
    return "\n\n".join(out)
