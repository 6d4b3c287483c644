"""Guide hits come from the edition in force unless the visitor picks another one."""

from bs4 import BeautifulSoup


def guide_urls(client, **params):
    data = client.get(
        "/api/recherche/", {"q": "marchés réservés", "type": "guide", **params}
    ).json()
    return [result["url"] for result in data["results"]], data


def test_edition_in_force_by_default(client, demo):
    urls, data = guide_urls(client)
    assert urls and all(url.startswith("/guide/2026/") for url in urls)
    assert data["edition"] == 2026
    assert set(data["facets"]["edition"]) == {"2025", "2026"}  # JSON keys are strings


def test_other_edition_or_all_on_request(client, demo):
    urls_2025, _ = guide_urls(client, edition="2025")
    assert urls_2025 and all(url.startswith("/guide/2025/") for url in urls_2025)
    all_urls, data = guide_urls(client, edition="toutes")
    assert {url.split("/")[2] for url in all_urls} == {"2025", "2026"}
    assert data["edition"] is None


def test_edition_facet_on_the_page_keeps_the_choice(client, demo):
    response = client.get("/recherche/", {"q": "marchés réservés", "edition": "2025"})
    html = BeautifulSoup(response.content, "html.parser")
    current = html.select(
        "nav[aria-labelledby=titre-facette-type] a[aria-current],"
        " nav[aria-labelledby=titre-editions] a[aria-current]"
    )
    assert [a.get_text(" ", strip=True).split(" (")[0] for a in current] == [
        "Tous les contenus",
        "Édition 2025",
    ]
    type_links = [a["href"] for a in html.select("nav[aria-labelledby=titre-facette-type] a")]
    assert all("edition=2025" in href for href in type_links)
    assert "édition 2025" in html.select_one(".fr-search-results").get_text()


def test_unknown_edition_falls_back_to_edition_in_force(client, demo):
    for value in ("1999", "abcd", "20255"):
        urls, data = guide_urls(client, edition=value)
        assert data["edition"] == 2026
