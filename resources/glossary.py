"""Glossary helpers for the other apps.

``annotate_first_uses(html)`` — for the guide (and any rich text): marks the **first** use of each
glossary term in a piece of HTML.

* An acronym (a term with an expansion, e.g. « SIAE ») becomes
  ``<a class="lib-glossary-link" href="/glossaire/#terme-siae"><abbr title="structure d'insertion
  par l'activité économique">SIAE</abbr></a>``: the expansion is available to assistive
  technologies and on hover, the link leads to the definition.
* A plain term (e.g. « heures d'insertion ») becomes a link to its definition, without ``<abbr>``
  (it is not an abbreviation).
* Acronyms match case-sensitively as whole words (« EA » never matches inside « EAU »), and so do
  their acronym-like variants (« Siae »); plain terms match their variants too, case-insensitively,
  and either apostrophe (' or ’).
* Text inside links, headings, ``abbr``, ``code``/``pre`` and form controls is never touched;
  terms whose « Signaler dans le guide » box is unchecked (ambiguous acronyms such as « AI ») are
  skipped. Each term is marked at most once per call: call it once per page (or section) HTML.

Usage (guide developer)::

    from resources.glossary import annotate_first_uses
    html = annotate_first_uses(paragraphs_html)              # terms read from the database
    html = annotate_first_uses(html, base_url="https://…/glossaire/")  # absolute links (PDF)

``search_synonyms()`` — for the search app: ``{term: [expansion, variants…]}``, e.g.
``{"SIAE": ["structure d'insertion par l'activité économique", "Siae", …]}``; with
``both_ways=True`` each expansion and variant also maps back to the term.
"""

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString

SKIPPED_TAGS = {
    "a", "abbr", "acronym", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6",
    "kbd", "label", "option", "pre", "samp", "script", "select", "style", "textarea", "title",
}  # fmt: skip
GLOSSARY_URL = "/glossaire/"


@dataclass(frozen=True)
class Entry:
    term: str
    expansion: str
    anchor: str
    patterns: tuple  # surface forms matched in text
    case_sensitive: bool


def _entries(terms):
    entries = []
    for term in terms:
        if not term.annotate:
            continue
        if term.is_acronym:
            forms = [term.term] + [v for v in term.variant_list if " " not in v]
        else:
            forms = [term.term] + term.variant_list
        entries.append(Entry(term.term, term.expansion, term.anchor, tuple(forms), term.is_acronym))
    return entries


def _form_regex(form):
    parts = []
    for char in form:
        if char in "'’":
            parts.append("['’]")
        elif char.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _compile(entries):
    """One regex per case mode; each alternative is a named group mapped back to its entry."""
    by_group = {}
    parts = {True: [], False: []}
    forms = []
    for index, entry in enumerate(entries):
        for form in entry.patterns:
            forms.append((len(form), index, form, entry.case_sensitive))
    for _, index, form, case_sensitive in sorted(forms, reverse=True):  # longest first
        group = f"g{len(by_group)}"
        by_group[group] = entries[index]
        parts[case_sensitive].append(f"(?P<{group}>{_form_regex(form)})")
    compiled = []
    for case_sensitive, alternatives in parts.items():
        if alternatives:
            flags = 0 if case_sensitive else re.IGNORECASE
            body = "|".join(alternatives)
            compiled.append(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags))
    return compiled, by_group


def _skipped(node):
    return any(parent.name in SKIPPED_TAGS for parent in node.parents)


def annotate_first_uses(html, terms=None, base_url=GLOSSARY_URL):
    """Return `html` with the first use of each glossary term marked (see the module docstring)."""
    if terms is None:
        terms = _cached_terms()
    entries = _entries(terms)
    if not html or not entries:
        return html
    regexes, by_group = _compile(entries)
    soup = BeautifulSoup(html, "html.parser")
    done = set()
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or _skipped(node):
            continue  # comments, CDATA…, or text inside a link, heading…
        pieces = []
        cursor = 0
        text = str(node)
        for match in _sorted_matches(text, regexes):
            entry = by_group[match.lastgroup]
            if entry.term in done or match.start() < cursor:
                continue
            done.add(entry.term)
            pieces.append(text[cursor : match.start()])
            pieces.append(_glossary_link(soup, entry, match.group(0), base_url))
            cursor = match.end()
        if pieces:
            pieces.append(text[cursor:])
            _replace_node(node, pieces)
    return str(soup)


def _cached_terms():
    """The terms, read once per content generation (any content save starts a new one)."""
    from django.core.cache import cache

    from core.cache import content_generation

    from .models import GlossaryTerm

    key = f"glossary:terms:{content_generation()}"
    terms = cache.get(key)
    if terms is None:
        terms = list(GlossaryTerm.objects.public())
        cache.set(key, terms, 24 * 3600)
    return terms


def _sorted_matches(text, regexes):
    """Every match in reading order; at one place, the longest first."""
    matches = [match for regex in regexes for match in regex.finditer(text)]
    return sorted(matches, key=lambda m: (m.start(), -(m.end() - m.start())))


def _glossary_link(soup, entry, wording, base_url):
    link = soup.new_tag("a", href=f"{base_url}#{entry.anchor}")
    link["class"] = "lib-glossary-link"
    if entry.expansion:
        abbr = soup.new_tag("abbr", title=entry.expansion)
        abbr.string = wording
        link.append(abbr)
    else:
        link.string = wording
    return link


def _replace_node(node, pieces):
    """Put the pieces (strings and tags) in the place of a text node."""
    for piece in pieces:
        node.insert_before(NavigableString(piece) if isinstance(piece, str) else piece)
    node.extract()


def search_synonyms(both_ways=False):
    """Equivalent wordings for the search engine: {term: [expansion, variants…]}."""
    from .models import GlossaryTerm

    synonyms = {}
    for term in GlossaryTerm.objects.public():
        equivalents = [w for w in [term.expansion, *term.variant_list] if w]
        if not equivalents:
            continue
        synonyms.setdefault(term.term, [])
        synonyms[term.term].extend(w for w in equivalents if w not in synonyms[term.term])
        if both_ways:
            for wording in equivalents:
                synonyms.setdefault(wording, [])
                if term.term not in synonyms[wording]:
                    synonyms[wording].append(term.term)
    return synonyms
