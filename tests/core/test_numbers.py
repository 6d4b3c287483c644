"""French numbers (core/numbers.py), as the calculator, the charts and the import reports show
them."""

from decimal import Decimal

from core.numbers import NARROW_NBSP, NBSP, format_number

N = NARROW_NBSP


def test_thousands_are_separated_by_a_narrow_no_break_space():
    assert format_number(0) == "0"
    assert format_number(999) == "999"
    assert format_number(1500) == f"1{N}500"
    assert format_number(-1234567) == f"-1{N}234{N}567"
    assert format_number(Decimal(16000)) == f"16{N}000"


def test_decimals_take_a_comma_and_lose_their_useless_zeros():
    assert format_number(Decimal("1200000.5")) == f"1{N}200{N}000,5"
    assert format_number(Decimal("16.50")) == "16,5"
    assert format_number(Decimal("1000.00")) == f"1{N}000"
    assert format_number("0.30") == "0,3"
    assert format_number(0.1) == "0,1"  # a float as it is written, not its binary expansion


def test_fixed_decimals_are_rounded_half_up_and_all_shown():
    assert format_number(Decimal("0.5"), 2) == "0,50"
    assert format_number(Decimal("2.345"), 2) == "2,35"
    assert format_number(Decimal("15999.5"), 0) == f"16{N}000"
    assert format_number(7, 1) == "7,0"


def test_the_separator_can_be_a_no_break_space_or_a_plain_space():
    assert format_number(9166788, space=NBSP) == f"9{NBSP}166{NBSP}788"
    assert format_number(Decimal("12345.5"), space=" ") == "12 345,5"


def test_the_four_former_formatters_now_give_the_same_figures():
    from clauses.hours import format_input
    from clauses.templatetags.clauses_tags import fr_decimal, fr_number
    from core.progress import format_count
    from resources.charts import fr_number as chart_number

    assert format_count(1500) == f"1{N}500"
    assert fr_number(Decimal("16000")) == f"16{N}000"
    assert fr_decimal(Decimal("1.005"), "2") == "1,01"
    assert format_input(Decimal("1200000")) == "1 200 000"
    assert chart_number(Decimal("12345.50")) == f"12{NBSP}345,5"
