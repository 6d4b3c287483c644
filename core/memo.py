"""Values read from the content alone (the synonyms, the guide's editions, which pages are
visible), computed once per content generation rather than on every request: core.cache moves
the generation on at every save, publish or unpublish, so a change is seen by the next one."""

import functools

from .cache import content_generation

MAX_KEYS = 64  # arguments remembered per function (a date, a few names): a bound, not a cache


def per_generation(function=None, *, key=None, size=MAX_KEYS):
    """`function(*args)`, remembered until the content changes, for at most `size` different
    arguments (beyond, the least recently used is forgotten: a search at 10 000 entries reads
    more hits than fit, and forgetting them all at once made one search in a few read them all
    again). `key(*args)` names what the value depends on, when that is not the arguments
    themselves (an object and its publication time, say)."""
    if function is None:
        return functools.partial(per_generation, key=key, size=size)
    memory = {"generation": None, "values": {}}

    def current():
        generation = content_generation()
        if memory["generation"] != generation:
            memory["generation"], memory["values"] = generation, {}
        return memory["values"]

    def name(args):
        return args if key is None else key(*args)

    @functools.wraps(function)
    def remembered(*args):
        values, wanted = current(), name(args)
        # Popped and put back: a dict keeps its order of insertion, the oldest use first.
        value = values.pop(wanted) if wanted in values else function(*args)
        values[wanted] = value
        if len(values) > size:
            del values[next(iter(values))]
        return value

    def knows(*args):
        """Whether the value for `args` is remembered (what it needs need not be read)."""
        return name(args) in current()

    def forget():
        memory["values"] = {}

    remembered.forget = forget
    remembered.knows = knows
    return remembered
