"""Every public page type (centre/page_types.py) fits a phone: no horizontal scroll at 320 and
375 px (RGAA 10.11). Tables wider than the screen scroll inside their own region, which is
labelled by the table's caption, instead of widening the page."""

from centre.page_types import PAGES

from .conftest import screenshot

WIDTHS = (320, 375)

# What overflows: the page's width and the outermost elements wider than the screen.
MEASURE = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0 && getComputedStyle(element).position !== 'fixed') {
            const parentWide = element.parentElement && element.parentElement.getBoundingClientRect().right > width + 1;
            if (!parentWide && !element.closest('.ctr-scroll, .fr-table, [data-scroll-region]')) {
                wide.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
                    + (element.className && typeof element.className === 'string'
                        ? '.' + element.className.trim().split(/\\s+/).join('.') : '')
                    + ' (' + Math.round(box.right) + ' px)');
            }
        }
    }
    return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 4)};
}"""


def overflow_report(tab, base_url, path, width):
    """ "" when the page at `path` fits `width`, else a line saying what is too wide."""
    tab.set_viewport_size({"width": width, "height": 800})
    response = tab.goto(base_url + path)
    status = response.status if response is not None else 0
    if status >= 500:
        return f"{path} à {width} px : erreur {status}"
    measure = tab.evaluate(MEASURE)
    if measure["scroll"] <= width:
        return ""
    return f"{path} à {width} px : {measure['scroll']} px de large ; {', '.join(measure['wide'])}"


def test_every_public_page_type_fits_a_phone(page):
    failures, visited = [], 0
    for page_type in PAGES:
        for path in page_type.addresses():
            if not path:
                failures.append(
                    f"{page_type.name} : aucun exemple dans le contenu de démonstration"
                )
                continue
            for width in WIDTHS:
                visited += 1
                problem = overflow_report(page, page.base_url, path, width)
                if problem:
                    owner = f" [{page_type.owner}]" if page_type.owner else ""
                    failures.append(f"{page_type.name}{owner} — {problem}")
                    screenshot(
                        page, f"trop-large-{width}-{path.strip('/').replace('/', '-') or 'accueil'}"
                    )
    assert visited >= 2 * len(PAGES)
    assert not failures, "\n".join(failures)


def test_a_wide_table_scrolls_in_its_own_labelled_region(page):
    """The labour-share référentiel is the widest table: on a phone it scrolls by itself, with
    a keyboard-focusable region named by its caption, and the page does not."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + "/main-d-oeuvre/")
    region = page.locator("[data-scroll-region]").first
    table = region.locator("table")
    assert table.locator("caption").inner_text().strip()
    assert region.get_attribute("role") == "region"
    # It does scroll (the premise), so the keyboard can reach it.
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "tableau-defilant-375")
