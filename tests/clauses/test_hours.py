"""The hours arithmetic and the parsing of typed figures (pure functions, property-based)."""

from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clauses.hours import (
    ANNUAL_HOURS_FTE,
    ParseError,
    compute,
    format_input,
    format_number,
    parse_field,
    parse_number,
    parse_params,
)


def test_igas_worked_example_comes_out_exactly():
    result = compute(Decimal(1_200_000), Decimal(40), Decimal(30), Decimal(5))
    assert result.labour_cost == 480_000
    assert result.work_hours == 16_000
    assert result.insertion_hours == 800
    assert result.insertion_hours_exact == 800
    assert result.annual_hours == 1607
    assert result.insertion_fte == Decimal("0.50")
    assert result.work_fte == Decimal("9.96")


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("1200000", Decimal(1_200_000)),
        ("1 200 000", Decimal(1_200_000)),
        ("1\u00a0200\u00a0000", Decimal(1_200_000)),
        ("1\u202f200\u202f000,50", Decimal("1200000.5")),
        ("1 200 000,50", Decimal("1200000.5")),
        ("1.200.000,50", Decimal("1200000.5")),
        ("1,200,000.50", Decimal("1200000.5")),
        ("1200000.50", Decimal("1200000.5")),
        ("1 200 000 € HT", Decimal(1_200_000)),
        ("40 %", Decimal(40)),
        ("40%", Decimal(40)),
        ("12,5", Decimal("12.5")),
        ("0,4", Decimal("0.4")),
        ("30 €/h", Decimal(30)),
        (" 5 ", Decimal(5)),
        ("+5", Decimal(5)),
    ],
)
def test_figures_are_read_as_a_french_person_means_them(typed, expected):
    assert parse_number(typed) == expected


@pytest.mark.parametrize(
    "typed,message",
    [
        ("-5", "positif"),
        ("abc", "Saisissez un nombre"),
        ("1e6", "Saisissez un nombre"),
        ("NaN", "Saisissez un nombre"),
        ("Infinity", "Saisissez un nombre"),
        ("1.200", "ambigu"),
        ("1,2,3", "milliers"),
        ("1,20,000.5", "milliers"),
        ("", "vide"),
        ("9" * 60, "trop long"),
        ("12\x00", "Saisissez un nombre"),
    ],
)
def test_unreadable_figures_are_refused_with_a_french_reason(typed, message):
    with pytest.raises(ParseError) as error:
        parse_number(typed)
    assert message in error.value.message


@pytest.mark.parametrize(
    "name,typed,message",
    [
        ("montant", "0", "supérieur à zéro"),
        ("montant", "999 999 999 999", "maximale"),
        ("part", "140", "maximale"),
        ("taux", "0", "supérieur à zéro"),
        ("cout_horaire", "0,5", "minimale"),
        ("heures", "12,5", "entier"),
        ("montant", "10,555", "2 chiffres"),
    ],
)
def test_out_of_bounds_fields_are_refused(name, typed, message):
    with pytest.raises(ParseError) as error:
        parse_field(name, typed)
    assert message in error.value.message


def test_parse_params_keeps_good_fields_and_reports_bad_ones():
    values, errors = parse_params({"montant": "1 200 000", "part": "quarante", "taux": ""})
    assert values == {"montant": Decimal(1_200_000)}
    assert set(errors) == {"part"}


def test_few_hours_warn_about_the_minimum_pathway():
    result = compute(Decimal(100_000), Decimal(40), Decimal(30), Decimal(5))
    assert result.insertion_hours == 67
    assert any("8 semaines" in w for w in result.warnings)


def test_french_display():
    assert format_number(Decimal(16000)) == "16\u202f000"
    assert format_number(Decimal("1200000.5")) == "1\u202f200\u202f000,5"
    assert format_number(Decimal("0.5"), 2) == "0,50"
    assert format_input(Decimal(1_200_000)) == "1 200 000"


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000000000"), places=2)
percents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2)
costs = st.decimals(min_value=Decimal(1), max_value=Decimal(1000), places=2)


@given(amounts, percents, costs, percents)
def test_computation_follows_the_formula(amount, share, cost, rate):
    result = compute(amount, share, cost, rate)
    with localcontext() as ctx:
        ctx.prec = 60
        assert result.labour_cost == amount * share / 100
        exact = amount * share / 100 / cost * rate / 100
        # Far below the half hour the result is rounded to.
        assert abs(result.insertion_hours_exact - exact) < Decimal("1e-12")
    assert abs(result.insertion_hours - result.insertion_hours_exact) <= Decimal("0.5")
    assert result.insertion_hours >= 0
    assert result.insertion_hours_exact <= result.work_hours
    assert result.insertion_fte == (result.insertion_hours / ANNUAL_HOURS_FTE).quantize(
        Decimal("0.01")
    ) or abs(result.insertion_fte - result.insertion_hours / ANNUAL_HOURS_FTE) <= Decimal("0.005")


@given(amounts, amounts, percents, costs, percents)
def test_a_bigger_contract_never_needs_fewer_hours(a, b, share, cost, rate):
    small, big = sorted((a, b))
    assert (
        compute(small, share, cost, rate).insertion_hours
        <= compute(big, share, cost, rate).insertion_hours
    )


@given(amounts, percents, costs, costs, percents)
def test_a_dearer_hour_never_gives_more_hours(amount, share, c1, c2, rate):
    cheap, dear = sorted((c1, c2))
    assert (
        compute(amount, share, dear, rate).work_hours
        <= compute(amount, share, cheap, rate).work_hours
    )


@given(amounts)
def test_displayed_figures_read_back_to_the_same_value(amount):
    assert parse_number(format_number(amount)) == amount
    assert parse_number(format_input(amount)) == amount
    assert parse_number(format_number(amount).replace("\u202f", "\u00a0")) == amount


@settings(max_examples=300)
@given(st.text(max_size=45))
def test_any_text_is_either_a_positive_figure_or_a_french_error(text):
    try:
        value = parse_number(text)
    except ParseError as error:
        assert error.message
    else:
        assert value >= 0
        assert value.is_finite()


@given(st.text(max_size=45), st.sampled_from(["montant", "part", "cout_horaire", "taux", "heures"]))
def test_any_field_value_is_within_bounds_or_refused(text, name):
    values, errors = parse_params({name: text})
    if name in values:
        from clauses.hours import FIELDS

        assert FIELDS[name].minimum <= values[name] <= FIELDS[name].maximum
    else:
        assert name in errors or not text.strip()
