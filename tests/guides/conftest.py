import io

import pytest


@pytest.fixture
def guide(db, settings, tmp_path):
    """The site's own demo content and the guide's (without the other apps' loaders)."""
    from centre import demo as centre_demo
    from guides import demo as guides_demo
    from guides.models import GuideIndexPage

    settings.MEDIA_ROOT = tmp_path / "media"
    centre_demo.load(io.StringIO())
    guides_demo.load(io.StringIO())
    return GuideIndexPage.objects.get()


@pytest.fixture
def edition_2026(guide):
    from guides.models import GuideEditionPage

    return GuideEditionPage.objects.get(year=2026)


@pytest.fixture
def edition_2025(guide):
    from guides.models import GuideEditionPage

    return GuideEditionPage.objects.get(year=2025)
