"""Writing many demo organisations without the per-row work that save signals do.

Each save of an organisation indexes it for the site search and records its references for
Wagtail's "usage" counts, one row at a time (a dozen queries). The demo writes its rows first,
then records every reference in one go; the search demo (search/demo/) indexes every source
again at the end of `load_demo`, as it does for every bulk write.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def quiet_saves(models):
    """Saves of these models update neither the search index nor the reference index."""
    from modelsearch.signal_handlers import post_save_signal_handler

    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def record_references(objects):
    """What the skipped signals would have recorded in Wagtail's reference index, for objects
    that have no reference recorded yet: the rows ReferenceIndex.create_or_update_for_object
    writes, in one insert instead of two queries an object."""
    rows = []
    for obj in objects:
        content_types = [
            ContentType.objects.get_for_model(model, for_concrete_model=False)
            for model in [obj, *obj._meta.get_parent_list()]
        ]
        references = set(ReferenceIndex._extract_references_from_object(obj))
        rows += [
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=obj.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references
        ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
