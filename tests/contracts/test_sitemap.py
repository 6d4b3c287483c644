"""Sitemap: live contract pages are listed, drafts are not, and no placeholder page remains."""

import pytest

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_contracts_only(client, make_contract):
    live = make_contract(title="Publié")
    draft = make_contract(title="Brouillon", publish=False)
    content = client.get("/sitemap.xml").content.decode()
    assert live.get_absolute_url() in content
    assert draft.get_absolute_url() not in content


def test_site_sitemap_has_no_placeholder_page_at_the_list_path(client):
    # The session demo ran the contracts loader, which removed the foundation's placeholder.
    content = client.get("/sitemap.xml").content.decode()
    assert "/marches-a-venir/</loc>" not in content
