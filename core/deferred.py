"""Deferred fields read for many objects at once.

Django reads a deferred field on first access, one query per object and field: fine for one
object, slow for the twenty a search scores on their text. `load_deferred` reads the deferred
fields of many objects in one query per class.
"""


def load_deferred(objects):
    """Fill in the deferred fields of `objects` (of any classes): one query per class."""
    by_class = {}
    for obj in objects:
        if obj.get_deferred_fields():
            by_class.setdefault(type(obj), []).append(obj)
    for model, group in by_class.items():
        fresh = model._base_manager.using(group[0]._state.db).in_bulk([obj.pk for obj in group])
        for obj in group:
            loaded = fresh.get(obj.pk)
            if loaded is None:
                continue  # deleted meanwhile: its fields stay deferred, as Django would leave them
            for attname in obj.get_deferred_fields():
                setattr(obj, attname, getattr(loaded, attname))
