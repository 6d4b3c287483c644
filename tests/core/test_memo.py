"""core.memo: values read once per content generation, and read again after any content change."""

import pytest

from core.cache import content_changed
from core.memo import GenerationMemory, per_generation


@pytest.mark.django_db  # a content change moves the generation inside a transaction
def test_a_value_is_read_once_until_the_content_changes():
    reads = []

    @per_generation
    def years():
        reads.append(1)
        return [2025, 2026]

    assert years() == years() == [2025, 2026]
    assert len(reads) == 1
    content_changed()
    years()
    assert len(reads) == 2


def test_the_key_names_what_the_value_depends_on():
    reads = []

    @per_generation(key=lambda text, version: (version,))
    def words(text, version):
        reads.append(text)
        return text.split()

    assert words("heures insertion", 1) == ["heures", "insertion"]
    # Same version: the remembered value, whatever the other argument.
    assert words("autre texte", 1) == ["heures", "insertion"]
    assert words("autre texte", 2) == ["autre", "texte"]
    assert reads == ["heures insertion", "autre texte"]


def test_beyond_its_size_the_least_recently_used_is_forgotten():
    reads = []

    @per_generation(size=3)
    def double(number):
        reads.append(number)
        return number * 2

    for number in [0, 1, 2, 0, 3]:  # 0 used again, then 3 pushes out 1, the least recent
        double(number)
    assert reads == [0, 1, 2, 3]
    assert double(0) == 0 and double(2) == 4 and reads == [0, 1, 2, 3]
    double(1)
    assert reads == [0, 1, 2, 3, 1]


@pytest.mark.django_db
def test_it_tells_whether_a_value_is_remembered_without_reading_it():
    reads = []

    @per_generation(key=lambda text, version: (version,))
    def words(text, version):
        reads.append(text)
        return text.split()

    assert not words.knows("heures", 1)
    words("heures", 1)
    assert words.knows("autre", 1) and not words.knows("autre", 2)
    content_changed()
    assert not words.knows("heures", 1)
    assert reads == ["heures"]


@pytest.mark.django_db
def test_a_memory_gives_the_values_it_holds_and_forgets_them_at_a_content_change():
    memory = GenerationMemory(size=3)
    for key in "abc":
        memory.put(key, key.upper())
    assert memory.found(["a", "z", "c"]) == {"a": "A", "c": "C"}
    memory.put("d", "D")  # "b", the least recently used ("a" and "c" were just found), goes
    assert memory.found("abcd") == {"a": "A", "c": "C", "d": "D"}
    content_changed()
    assert memory.found("acd") == {}


@pytest.mark.django_db
def test_a_memory_reads_together_only_the_values_it_does_not_hold():
    memory = GenerationMemory(size=10)
    asked = []

    def read(missing):
        asked.append(list(missing))
        return {key: key.upper() for key in missing if key != "x"}  # "x" has no value

    assert memory.found_or_read(["a", "b"], read) == {"a": "A", "b": "B"}
    assert memory.found_or_read(["b", "c", "x"], read) == {"b": "B", "c": "C"}
    assert asked == [["a", "b"], ["c", "x"]]
    content_changed()
    memory.found_or_read(["a"], read)
    assert asked[-1] == ["a"]


@pytest.mark.django_db
def test_a_memory_remembers_nothing_while_the_cache_fails(settings):
    from tests.test_health import MISSING_CACHE_TABLE

    settings.CACHES = MISSING_CACHE_TABLE
    reads = []

    @per_generation
    def value(key):
        reads.append(key)
        return key.upper()

    assert [value("a"), value("a")] == ["A", "A"]
    assert reads == ["a", "a"]
