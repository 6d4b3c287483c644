"""Insertion-hours arithmetic and the parsing of the figures people type, as pure functions.

Method (IGAS report 2015-169R, worked example): amount excl. tax × labour share ÷ hourly labour
cost = hours of work; × insertion rate = insertion hours. 1 200 000 € × 40 % ÷ 30 €/h = 16 000 h,
× 5 % = 800 h. Everything is Decimal: no binary rounding ever reaches a figure shown to a buyer.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from core.numbers import format_number

# Hours in one full-time equivalent (annual working time, 35 h × 52 weeks minus leave and holidays).
ANNUAL_HOURS_FTE = Decimal(1607)
# Recommended minimum length of one person's pathway: 8 weeks, about 300 hours.
MIN_PATHWAY_HOURS = Decimal(300)
# Example values of the IGAS worked example: shown as examples, never as norms.
EXAMPLE_SHARE = Decimal(40)
EXAMPLE_HOURLY_COST = Decimal(30)
EXAMPLE_RATE = Decimal(5)

HUNDRED = Decimal(100)
MAX_INPUT_LENGTH = 40

# Spaces people (and spreadsheets) put between thousands: normal, non-breaking, narrow, thin.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009']+")
# Units a person may type after the figure.
_UNITS = re.compile(
    r"(?:€\s*/\s*h(?:eure)?|euros?\s*/\s*h(?:eure)?|€\s*ht|euros?\s*ht|€|euros?|eur|ht|%|"
    r"pour\s*cent|heures?|h|mois)$",
    re.IGNORECASE,
)


class ParseError(ValueError):
    """A figure that cannot be read, with the French message shown next to the field."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    minimum: Decimal
    maximum: Decimal
    unit: str
    max_decimals: int = 2
    example: str = "12,5"
    allow_zero: bool = False


FIELDS = {
    "montant": FieldSpec(
        "montant",
        "Montant estimé du marché",
        Decimal("0.01"),
        Decimal("50000000000"),
        "€ HT",
        example="1 200 000 ou 1 200 000,50",
    ),
    "part": FieldSpec(
        "part", "Part de main-d'œuvre", Decimal("0.01"), HUNDRED, "%", example="40 ou 37,5"
    ),
    "cout_horaire": FieldSpec(
        "cout_horaire",
        "Coût horaire de la main-d'œuvre",
        Decimal(1),
        Decimal(1000),
        "€/h",
        example="30 ou 32,50",
    ),
    "taux": FieldSpec(
        "taux", "Taux d'insertion", Decimal("0.01"), HUNDRED, "%", example="5 ou 7,5"
    ),
    "heures": FieldSpec(
        "heures",
        "Nombre d'heures d'insertion",
        Decimal(1),
        Decimal(100_000_000),
        "h",
        0,
        example="800",
    ),
    "duree": FieldSpec(
        "duree", "Durée du marché", Decimal(1), Decimal(600), "mois", 0, example="18"
    ),
    "heures_travail": FieldSpec(
        "heures_travail",
        "Nombre d'heures de travail estimé",
        Decimal(1),
        Decimal(1_000_000_000),
        "h",
        0,
        example="16 000",
    ),
    "penalite": FieldSpec(
        "penalite",
        "Pénalité par heure manquante",
        Decimal("0.01"),
        Decimal(100_000),
        "€",
        example="30 ou 12,50",
    ),
}


def _group_ok(groups):
    """Thousands groups after the first must have exactly three digits."""
    return all(g.isdigit() for g in groups) and all(len(g) == 3 for g in groups[1:]) and groups[0]


def parse_number(raw, example="1 200 000 ou 12,5"):
    """Read a non-negative figure as a French person writes it; raise ParseError otherwise.

    Accepts "1 200 000", "1 200 000,50" (normal, non-breaking or narrow spaces), "1.200.000,50",
    "1200000.50", "40 %", "30 €/h". Refuses signs, exponents, words and ambiguous "1.200".
    """
    text = _bare_figure(raw, example)
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        whole, fraction = _split_with_both_separators(text)
    elif commas or dots:
        whole, fraction = _split_with_one_separator(text, "," if commas else ".", raw)
    else:
        whole, fraction = text, ""
    if not (whole or fraction) or not (whole + fraction).isdigit():
        raise ParseError(f"Saisissez un nombre, par exemple {example}.")
    try:
        return Decimal(f"{whole or '0'}.{fraction or '0'}").normalize()
    except InvalidOperation as error:  # pragma: no cover - the regexes above exclude it
        raise ParseError(f"Saisissez un nombre, par exemple {example}.") from error


def _bare_figure(raw, example):
    """The digits and separators typed, without spaces, unit or "+"; refuses anything else."""
    if raw is None:
        raise ParseError("Ce champ est vide.")
    text = str(raw).strip()
    if not text:
        raise ParseError("Ce champ est vide.")
    if len(text) > MAX_INPUT_LENGTH:
        raise ParseError("Ce nombre est trop long : saisissez un nombre raisonnable.")
    text = _UNITS.sub("", text.lower()).strip()
    text = _SPACES.sub("", text)
    if text.startswith(("-", "\u2212")):
        raise ParseError("Saisissez un nombre positif.")
    text = text.removeprefix("+")
    if not text or not re.fullmatch(r"[0-9.,]+", text) or not re.search(r"[0-9]", text):
        raise ParseError(f"Saisissez un nombre, par exemple {example}.")
    return text


def _split_with_both_separators(text):
    """(whole, fraction) of "1.200.000,50" or "1,200,000.50": the last separator is decimal."""
    decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
    thousands_sep = "." if decimal_sep == "," else ","
    if text.count(decimal_sep) != 1:
        raise ParseError("Ce nombre a plusieurs séparateurs décimaux.")
    whole, fraction = text.split(decimal_sep)
    if not _group_ok(whole.split(thousands_sep)):
        raise ParseError("Les séparateurs de milliers sont mal placés.")
    return whole.replace(thousands_sep, ""), fraction


def _split_with_one_separator(text, sep, raw):
    """(whole, fraction) of "12,5", "1.200.000" or "0.125"; refuses the ambiguous "1.200"."""
    parts = text.split(sep)
    if len(parts) > 2:
        if not _group_ok(parts):
            raise ParseError("Les séparateurs de milliers sont mal placés.")
        return "".join(parts), ""
    whole, fraction = parts
    if sep == "." and len(fraction) == 3 and whole and whole != "0":
        raise ParseError(
            f"« {raw.strip()} » est ambigu : écrivez {whole} {fraction} pour des milliers "
            f"ou {whole},{fraction} pour un nombre décimal."
        )
    return whole, fraction


def parse_field(name, raw):
    """Parse and check one named calculator field against its bounds."""
    spec = FIELDS[name]
    value = parse_number(raw, spec.example)
    if value == 0 and not spec.allow_zero:
        raise ParseError("Saisissez un nombre supérieur à zéro.")
    exponent = value.as_tuple().exponent
    decimals = -exponent if exponent < 0 else 0
    if decimals > spec.max_decimals:
        if spec.max_decimals == 0:
            raise ParseError("Saisissez un nombre entier.")
        raise ParseError(f"Saisissez au plus {spec.max_decimals} chiffres après la virgule.")
    if value < spec.minimum:
        raise ParseError(f"La valeur minimale est {format_number(spec.minimum)} {spec.unit}.")
    if value > spec.maximum:
        raise ParseError(f"La valeur maximale est {format_number(spec.maximum)} {spec.unit}.")
    return value


def parse_params(params, names=tuple(FIELDS)):
    """Parse the named fields present and non-blank in a mapping (e.g. request.GET).

    Returns (values, errors): values maps a name to a Decimal, errors maps a name to a French message.
    """
    values, errors = {}, {}
    for name in names:
        raw = params.get(name)
        if raw is None or not str(raw).strip():
            continue
        try:
            values[name] = parse_field(name, raw)
        except ParseError as error:
            errors[name] = error.message
    return values, errors


def round_hours(value):
    """Whole hours, half up (0.5 h counts as one hour)."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Computation:
    amount: Decimal
    share: Decimal  # percent
    hourly_cost: Decimal
    rate: Decimal  # percent
    labour_cost: Decimal
    work_hours: Decimal
    insertion_hours_exact: Decimal
    insertion_hours: Decimal  # whole hours
    work_fte: Decimal
    insertion_fte: Decimal
    annual_hours: Decimal = ANNUAL_HOURS_FTE
    warnings: list = field(default_factory=list)


def compute(amount, share, hourly_cost, rate, annual_hours=ANNUAL_HOURS_FTE):
    """The four steps of the method. Percentages are given as percents (40 for 40 %)."""
    for value in (amount, share, hourly_cost, rate, annual_hours):
        if not isinstance(value, Decimal):
            raise TypeError("compute() takes Decimal values only")
    if amount <= 0 or share <= 0 or hourly_cost <= 0 or rate <= 0 or annual_hours <= 0:
        raise ValueError("every figure must be strictly positive")
    if share > HUNDRED or rate > HUNDRED:
        raise ValueError("a percentage cannot exceed 100")
    with localcontext() as ctx:
        ctx.prec = 40
        labour_cost = amount * share / HUNDRED
        work_hours = labour_cost / hourly_cost
        insertion_exact = work_hours * rate / HUNDRED
        insertion = round_hours(insertion_exact)
        work_fte = (work_hours / annual_hours).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        insertion_fte = (insertion / annual_hours).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    warnings = []
    if insertion < 1:
        warnings.append(
            "Le calcul donne moins d'une heure d'insertion : une clause d'heures n'a pas de sens "
            "pour ce marché. Envisagez plutôt un lot réservé ou un autre levier."
        )
    elif insertion < MIN_PATHWAY_HOURS:
        warnings.append(
            f"Moins de {format_number(MIN_PATHWAY_HOURS)} heures : c'est moins qu'un parcours "
            "d'insertion de 8 semaines à temps plein, durée minimale recommandée. Pensez à "
            "regrouper ces heures avec celles d'autres marchés (mutualisation)."
        )
    if share < 1:
        warnings.append(
            f"Part de main-d'œuvre de {format_number(share)} % : vérifiez qu'il ne s'agit pas "
            f"de {format_number(share * HUNDRED)} %."
        )
    if rate < 1:
        warnings.append(
            f"Taux d'insertion de {format_number(rate)} % : vérifiez qu'il ne s'agit pas "
            f"de {format_number(rate * HUNDRED)} %."
        )
    return Computation(
        amount=amount,
        share=share,
        hourly_cost=hourly_cost,
        rate=rate,
        labour_cost=labour_cost,
        work_hours=work_hours,
        insertion_hours_exact=insertion_exact,
        insertion_hours=insertion,
        work_fte=work_fte,
        insertion_fte=insertion_fte,
        annual_hours=annual_hours,
        warnings=warnings,
    )


def format_input(value):
    """A value written back into a form field: plain French figure with normal spaces."""
    return format_number(value, space=" ")
