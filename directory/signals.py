"""Keep each activity's served départements in step when editors change it in the admin."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import Activity, FacilitatorStructure


@receiver(post_save, sender=Activity)
def activity_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from .coverage import refresh_activity

        refresh_activity(instance)


def _territory_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Activity):
        from .coverage import refresh_activity

        refresh_activity(instance)


for relation in (Activity.regions, Activity.departments, Activity.communes):
    m2m_changed.connect(_territory_changed, sender=relation.through, weak=False)


def _facilitator_territory_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, FacilitatorStructure
    ):
        from .coverage import refresh_facilitator

        refresh_facilitator(instance)


m2m_changed.connect(
    _facilitator_territory_changed, sender=FacilitatorStructure.covered_communes.through, weak=False
)
