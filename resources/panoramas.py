"""Sections that other apps add to the statistics page (/ressources/statistiques/).

An app of a higher rank (the national statistics base) registers a function
`section(request) -> dict | None`; the page's template renders each dict's "template" with it.
The library keeps no dependency on those apps.
"""

_SECTIONS = []


def register_panorama(section):
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def panorama_sections(request):
    found = []
    for section in _SECTIONS:
        context = section(request)
        if context:
            found.append(context)
    return found
