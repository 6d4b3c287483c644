"""Who may import yearly returns, and for which structures.

- "Gestionnaires des statistiques" import and withdraw the returns of every structure
  (`import_any_return`), as do superusers.
- "Facilitateurs (bilans statistiques)" import the returns of the structures their account
  belongs to (the facilitator accounts of the directory, `memberships`), and no other.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission

MANAGERS = "Gestionnaires des statistiques"
FACILITATORS = "Facilitateurs (bilans statistiques)"
ANY = "statsbase.import_any_return"


def can_import_any(user):
    return user.is_active and (user.is_superuser or user.has_perm(ANY))


def importable_structures(user):
    """The facilitator structures this account may import returns for (None: the command)."""
    from directory.models import FacilitatorStructure

    if user is None or can_import_any(user):
        return FacilitatorStructure.objects.all()
    # The accounts of a structure are its "memberships" (the facilitator accounts' model).
    return FacilitatorStructure.objects.filter(memberships__user=user).distinct()


def ensure_statistics_roles():
    model = global_apps.get_model("statsbase", "AnnualReturn")
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    permissions = {p.codename: p for p in Permission.objects.filter(content_type=content_type)}
    if not permissions:
        return
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    managers, _ = Group.objects.get_or_create(name=MANAGERS)
    managers.permissions.add(
        permissions["add_annualreturn"],
        permissions["change_annualreturn"],
        permissions["import_any_return"],
    )
    facilitators, _ = Group.objects.get_or_create(name=FACILITATORS)
    facilitators.permissions.add(permissions["add_annualreturn"])
    if access_admin:
        managers.permissions.add(access_admin)
        facilitators.permissions.add(access_admin)


def ensure_statistics_roles_after_migrate(sender, app_config=None, **kwargs):
    # Our app is listed before auth and contenttypes: their own handlers create the
    # permissions, so the groups are set up after the last app's signal.
    configs_with_models = [c for c in global_apps.get_app_configs() if c.models_module]
    if app_config is not None and app_config.label == configs_with_models[-1].label:
        ensure_statistics_roles()
