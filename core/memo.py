"""Values read from the content alone (the synonyms, the guide's editions, which pages are
visible), computed once per content generation rather than on every request: core.cache moves
the generation on at every save, publish or unpublish, so a change is seen by the next one."""

import functools

from .cache import content_generation

MAX_KEYS = 64  # arguments remembered per function (a date, a few names): a bound, not a cache


def per_generation(function):
    """`function(*args)`, remembered until the content changes."""
    memory = {}

    @functools.wraps(function)
    def remembered(*args):
        generation = content_generation()
        if memory.get("generation") != generation or len(memory) > MAX_KEYS:
            memory.clear()
            memory["generation"] = generation
        key = ("value", *args)
        if key not in memory:
            memory[key] = function(*args)
        return memory[key]

    remembered.forget = memory.clear
    return remembered
