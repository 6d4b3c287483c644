"""French text for every app: accent folding, query cleaning, excerpts with highlighted terms."""

import bisect
import html
import re
import unicodedata

from django.utils.html import escape, strip_tags

EXCERPT_LENGTH = 260
MAX_QUERY_LENGTH = 200
MIN_TERM_LENGTH = 2


def _fold_character(ch):
    decomposed = unicodedata.normalize("NFD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return kept[:1] or " "


class _FoldTable(dict):
    """str.translate's table for fold, filled on first sight of each character: one lookup in C
    per character instead of a Python loop (fold runs thousands of times per search)."""

    def __missing__(self, codepoint):
        folded = self[codepoint] = _fold_character(chr(codepoint))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text):
    """Lowercase without accents: 'Marché' -> 'marche'. Keeps the string's length, one character
    for one, so positions found in the folded text apply to the original."""
    text = text or ""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


# Letters that PostgreSQL's unaccent spells out in two: the database fold (core.filters.Fold)
# and this one agree.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold_for_match(text):
    """Lowercase, without accents, ligatures spelled out: 'Main-d'Œuvre' -> "main-d'oeuvre"."""
    return fold(text).translate(LIGATURES)


def clean_query(raw, length=MAX_QUERY_LENGTH):
    """Strip NUL and control characters (PostgreSQL rejects NUL) and bound the length."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:length]


def query_terms(query):
    """The words of a query, folded, without operators and very short words."""
    words = re.findall(r"\w+", fold(query))
    return [word for word in words if len(word) >= MIN_TERM_LENGTH]


def _term_pattern(terms):
    # A crude French stem: match the start of the word, so that "insertions" marks
    # "insertion" and "reserve" marks "réservés".
    stems = sorted({term[:-1] if len(term) > 4 else term for term in terms}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(stem) for stem in stems) + r")\w*")


def plain_text(html_or_text):
    return " ".join(html.unescape(strip_tags(html_or_text or "")).split())


# An HTML tag: "<" then a letter, "/" or "!" ("a < b" is text).
TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def words_of_markup(html_or_text):
    """The text of some HTML for looking up its words (a WordSet), not for showing: each tag
    becomes a space ("<p>a</p><p>b</p>": two words), entities are decoded. Four times as fast
    as `plain_text`, whose tag stripping took a quarter of the time of reading a hit's words."""
    return html.unescape(TAG.sub(" ", html_or_text or ""))


def excerpt(text, query, length=EXCERPT_LENGTH):
    """An HTML-safe excerpt around the first match, with matched words in <mark>."""
    text = plain_text(text)
    if not text:
        return ""
    terms = query_terms(query)
    if not terms:
        return escape(text[:length]) + ("…" if len(text) > length else "")
    pattern = _term_pattern(terms)
    folded = fold(text)
    first = pattern.search(folded)
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    parts = []
    cursor = start
    for match in pattern.finditer(folded, start, end):
        parts.append(escape(text[cursor : match.start()]))
        parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        cursor = match.end()
    parts.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(parts) + suffix


def matches(text, query):
    terms = query_terms(query)
    return bool(terms) and bool(_term_pattern(terms).search(fold(plain_text(text))))


# fmt: off
STOP_WORDS = {
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "en", "et",
    "la", "le", "les", "leur", "ou", "par", "pour", "sur", "un", "une",
}
# fmt: on


# Feminine endings, read as the masculine: facilitatrice, inclusive, publique.
FEMININE_ENDINGS = (("trice", "teur"), ("euse", "eur"), ("ive", "if"), ("ique", "ic"))
# Endings that differ between the forms of one word once plural and feminine are gone:
# social / sociaux, travail / travaux, calcul / calculer, réservé / réserver.
STEM_ENDINGS = ("ail", "al", "au", "er")


def base_form(word):
    """A folded word without its plural or feminine ending, so that the forms of one word meet:
    'penalites' and 'penalite'; 'reserve', 'reservee' and 'reserves' (réservé, réservée,
    réservés); 'sociaux' and 'sociale'. A longer word stays longer: 'traitance' is not
    'trait'."""
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    for feminine, masculine in FEMININE_ENDINGS:
        if word.endswith(feminine):
            word = word[: -len(feminine)] + masculine
            break
    for _ in range(2):  # réservée, folded: 'reservee'
        if len(word) > 3 and word.endswith("e"):
            word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] in "lnst":
        word = word[:-1]  # professionnelle, bonne: one consonant, as in the masculine
    for ending in STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _same_stem(a, b):
    """Two forms of one word: 'insertions'~'insertion', 'marche'~'marches'."""
    return a == b or base_form(a) == base_form(b)


class WordSet:
    """The words of a text, folded, for quick "does it hold this word (or a close form)?"."""

    def __init__(self, text):
        self.words = sorted(set(re.findall(r"\w+", fold(text))))

    def holds(self, term):
        if len(term) < 4:
            i = bisect.bisect_left(self.words, term)
            return i < len(self.words) and self.words[i] == term
        # Every close form shares the first four letters: check that (short) run of words.
        prefix = term[:4]
        i = bisect.bisect_left(self.words, prefix)
        while i < len(self.words) and self.words[i].startswith(prefix):
            if _same_stem(term, self.words[i]):
                return True
            i += 1
        return False

    def found(self, terms):
        return {term for term in terms if self.holds(term)}


def meaningful_terms(query):
    return [term for term in query_terms(query) if term not in STOP_WORDS]


def share_of_words_found(variants, text):
    """Share (0 to 1) of a query's meaningful words found in a text, best over the variants."""
    words = WordSet(text)
    best = 0.0
    for variant in variants:
        terms = meaningful_terms(variant)
        if terms:
            best = max(best, len(words.found(terms)) / len(terms))
    return best
