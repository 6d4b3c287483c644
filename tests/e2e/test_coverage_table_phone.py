"""The coverage map's table on a phone: it scrolls sideways inside its own region, so its cells
need not wrap. Wrapped into columns of about 120 px, « 100 % de la population, 391 communes
sur 391 » took five lines and each of the hundred rows about 176 px (a 17 800 px table)."""

from .conftest import screenshot

ROW_HEIGHTS = """() => [...document.querySelectorAll('#tableau-couverture tbody tr')]
    .map(row => Math.round(row.getBoundingClientRect().height))"""


def test_each_row_of_the_coverage_table_is_one_line_at_375_px(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + "/annuaire/carte/")
    heights = page.evaluate(ROW_HEIGHTS)
    assert len(heights) > 90  # every département
    line = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#tableau-couverture td')).lineHeight)"
    )
    assert max(heights) < 2 * line + 20, (max(heights), line)
    # The page itself still fits: the table scrolls inside its region.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    region = page.locator("[role=region][aria-labelledby=tableau-couverture-titre]")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    screenshot(page, "carte-tableau-375")
