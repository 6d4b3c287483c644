"""Values read from the content alone (the synonyms, the guide's editions, which pages are
visible), computed once per content generation rather than on every request: core.cache moves
the generation on at every save, publish or unpublish, so a change is seen by the next one."""

import functools

from .cache import content_generation

MAX_KEYS = 64  # arguments remembered per function (a date, a few names): a bound, not a cache


class GenerationMemory:
    """Values remembered until the content changes, at most `size` of them: beyond, the least
    recently used is forgotten (a search at 10 000 entries reads more hits than fit, and
    forgetting them all at once made one search in a few read them all again)."""

    LARGE = 5000  # for search hits: a few hundred per search, a few KB at most each

    def __init__(self, size=MAX_KEYS):
        self.size = size
        self.generation, self.values = None, {}

    def current(self):
        try:
            generation = content_generation()
        except Exception:  # noqa: BLE001 - a failing cache, which /sante/ reports
            generation = object()  # equal to no other: nothing is remembered meanwhile
        if self.generation != generation:
            self.generation, self.values = generation, {}
        return self.values

    def __contains__(self, key):
        return key in self.current()

    def get(self, key, compute):
        """The value for `key`, computed by `compute()` if not remembered."""
        values = self.current()
        # Popped and put back: a dict keeps its order of insertion, the oldest use first.
        value = values.pop(key) if key in values else compute()
        self.put(key, value)
        return value

    def found(self, keys):
        """{key: value} of the `keys` remembered."""
        return self.found_or_read(keys, lambda missing: {})

    def found_or_read(self, keys, read_missing):
        """{key: value} of `keys`: those remembered, and the others read together by
        `read_missing(missing keys)` ({key: value}, without the keys that have none), then
        remembered."""
        values = self.current()
        found = {}
        for key in keys:
            if key in values:
                found[key] = values.pop(key)
                values[key] = found[key]  # used now: forgotten last
        missing = [key for key in keys if key not in found]
        if missing:
            for key, value in read_missing(missing).items():
                self.put(key, value)
                found[key] = value
        return found

    def put(self, key, value):
        values = self.current()
        values.pop(key, None)
        values[key] = value
        if len(values) > self.size:
            del values[next(iter(values))]

    def forget(self):
        self.values = {}


def per_generation(function=None, *, key=None, size=MAX_KEYS):
    """`function(*args)`, remembered until the content changes, for at most `size` different
    arguments (GenerationMemory). `key(*args)` names what the value depends on, when that is
    not the arguments themselves (an object and its publication time, say)."""
    if function is None:
        return functools.partial(per_generation, key=key, size=size)
    memory = GenerationMemory(size)

    def name(args):
        return args if key is None else key(*args)

    @functools.wraps(function)
    def remembered(*args):
        return memory.get(name(args), lambda: function(*args))

    def knows(*args):
        """Whether the value for `args` is remembered (what it needs need not be read)."""
        return name(args) in memory

    remembered.forget = memory.forget
    remembered.knows = knows
    return remembered
