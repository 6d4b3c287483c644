"""Named blanks in clause texts ({acheteur}, {heures}…): checking, splitting, filling."""

import re

from django.core.exceptions import ValidationError

PLACEHOLDERS = {
    "acheteur": "nom de l'acheteur",
    "objet": "objet du marché",
    "lot": "numéro et intitulé du lot",
    "montant": "montant estimé en euros HT",
    "heures": "nombre d'heures d'insertion",
    "heures_travail": "nombre d'heures de travail estimé",
    "taux": "taux d'insertion en %",
    "duree": "durée du marché en mois",
    "publics": "publics visés",
    "facilitateur": "structure chargée du suivi (facilitateur)",
    "suivi": "modalités et fréquence du compte rendu",
    "penalite": "montant de la pénalité par heure manquante",
}

PATTERN = re.compile(r"\{([a-z_]+)\}")


def validate_template(text):
    unknown = sorted({name for name in PATTERN.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            "Champs inconnus : %(names)s. Champs possibles : %(known)s.",
            params={
                "names": ", ".join("{" + n + "}" for n in unknown),
                "known": ", ".join("{" + n + "}" for n in PLACEHOLDERS),
            },
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
