"""Who may edit upcoming contracts, and for which buyers.

- Rédacteurs and Valideurs (core.roles) edit every contract; Valideurs publish. Both get the
  `manage_all_territories` permission.
- The "Facilitateurs (marchés à venir)" group adds, edits and publishes contracts, but only for
  the buyers whose département is covered by a structure the account belongs to
  (`FacilitatorMembership`). Everything else (listing, editing, deleting, unpublishing, history,
  workflow actions) is filtered or refused for other buyers' contracts.
- Changes go through the "Validation éditoriale" workflow, assigned to this model here.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from wagtail.permission_policies.base import ModelPermissionPolicy

FACILITATORS = "Facilitateurs (marchés à venir)"
ALL_TERRITORIES = "manage_all_territories"
MODEL_CODENAMES = ["add", "change", "delete", "publish", "lock", "unlock"]
FACILITATOR_CODENAMES = ["add", "change", "publish", "lock", "unlock"]


def _contract_model():
    return global_apps.get_model("contracts", "UpcomingContract")


def has_all_territories(user):
    return user.is_active and (user.is_superuser or user.has_perm(f"contracts.{ALL_TERRITORIES}"))


def territory_department_ids(user):
    """Départements covered by the facilitator structures this account belongs to."""
    from directory.models import Department

    return set(
        Department.objects.filter(facilitators__memberships__user=user).values_list("id", flat=True)
    )


def allowed_buyers(user):
    from directory.models import PublicBuyer

    if has_all_territories(user):
        return PublicBuyer.objects.all()
    return PublicBuyer.objects.filter(department_id__in=territory_department_ids(user))


def restrict_to_territory(queryset, user):
    if has_all_territories(user):
        return queryset
    return queryset.filter(buyer__department_id__in=territory_department_ids(user))


class ContractPermissionPolicy(ModelPermissionPolicy):
    """Model permissions as usual, plus the territory rule on every instance."""

    def in_territory(self, user, instance):
        """Whether the instance's buyer lies in the user's territory (the admin views ask too)."""
        if has_all_territories(user):
            return True
        buyer = getattr(instance, "buyer", None)
        department_id = getattr(buyer, "department_id", None) if buyer else None
        return department_id is not None and department_id in territory_department_ids(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(
            user, action, instance
        ) and self.in_territory(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and self.in_territory(user, instance)

    def instances_user_has_permission_for(self, user, action):
        return restrict_to_territory(super().instances_user_has_permission_for(user, action), user)

    def instances_user_has_any_permission_for(self, user, actions):
        return restrict_to_territory(
            super().instances_user_has_any_permission_for(user, actions), user
        )


def ensure_contract_roles():
    from wagtail.models import Workflow, WorkflowContentType

    from core.roles import EDITORS, VALIDATORS, WORKFLOW_NAME

    model = _contract_model()
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    permissions = {p.codename: p for p in Permission.objects.filter(content_type=content_type)}
    if not permissions:
        return

    def codenames(actions):
        return [permissions[f"{action}_upcomingcontract"] for action in actions]

    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    editors = Group.objects.filter(name=EDITORS).first()
    validators = Group.objects.filter(name=VALIDATORS).first()
    if editors:
        editors.permissions.add(
            *codenames(["add", "change", "lock", "unlock"]), permissions[ALL_TERRITORIES]
        )
    if validators:
        validators.permissions.add(*codenames(MODEL_CODENAMES), permissions[ALL_TERRITORIES])
    facilitators, _ = Group.objects.get_or_create(name=FACILITATORS)
    facilitators.permissions.add(*codenames(FACILITATOR_CODENAMES))
    if access_admin:
        facilitators.permissions.add(access_admin)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow and not WorkflowContentType.objects.filter(content_type=content_type).exists():
        WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)


def ensure_contract_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    configs_with_models = [c for c in global_apps.get_app_configs() if c.models_module]
    if app_config is None or app_config.label != configs_with_models[-1].label:
        return
    ensure_contract_roles()
