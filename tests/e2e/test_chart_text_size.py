"""Chart labels read like the text around them: at least 12 px on a phone (issue 16 point 11),
and on a desktop no larger than a figure's title. The drawings scale with their width, so a
chart stretched across a wide column had labels of about 22 px, bigger than its heading."""

from .conftest import screenshot

STATISTICS = "/ressources/statistiques/"

# Each chart text's font size times the drawing's scale on screen, in CSS pixels, and the size
# of the figures' titles.
SIZES = """() => {
    const texts = [...document.querySelectorAll('.lib-chart text')].map(t =>
        parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a);
    const title = document.querySelector('.lib-chart').closest('figure, section, article')
        .querySelector('h2, h3, h4, figcaption');
    return {smallest: Math.min(...texts), largest: Math.max(...texts),
            title: parseFloat(getComputedStyle(title).fontSize)};
}"""


def test_chart_labels_are_no_larger_than_titles_on_a_desktop(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + STATISTICS)
    sizes = page.evaluate(SIZES)
    assert sizes["largest"] <= max(sizes["title"], 18), sizes
    assert sizes["smallest"] >= 12, sizes
    screenshot(page, "statistiques-graphiques-1280")


def test_chart_labels_stay_legible_on_a_phone(page):
    for width in (320, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(page.base_url + STATISTICS)
        sizes = page.evaluate(SIZES)
        assert sizes["smallest"] >= 12, (width, sizes)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
