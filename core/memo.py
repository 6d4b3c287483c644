"""Values read from the content alone (the synonyms, the guide's editions, which pages are
visible), computed once per content generation rather than on every request: core.cache moves
the generation on at every save, publish or unpublish, so a change is seen by the next one."""

import functools

from .cache import content_generation

MAX_KEYS = 64  # arguments remembered per function (a date, a few names): a bound, not a cache


def per_generation(function=None, *, key=None, size=MAX_KEYS):
    """`function(*args)`, remembered until the content changes, for at most `size` different
    arguments (then forgotten all at once). `key(*args)` names what the value depends on, when
    that is not the arguments themselves (an object and its publication time, say)."""
    if function is None:
        return functools.partial(per_generation, key=key, size=size)
    memory = {}

    def current():
        generation = content_generation()
        if memory.get("generation") != generation or len(memory) > size:
            memory.clear()
            memory["generation"] = generation
        return memory

    def name(args):
        return ("value", *(args if key is None else key(*args)))

    @functools.wraps(function)
    def remembered(*args):
        values = current()
        if name(args) not in values:
            values[name(args)] = function(*args)
        return values[name(args)]

    def knows(*args):
        """Whether the value for `args` is remembered (what it needs need not be read)."""
        return name(args) in current()

    remembered.forget = memory.clear
    remembered.knows = knows
    return remembered
