"""Editorial roles: who writes, who publishes, who keeps the directory.

Applied after every `migrate` (idempotent: it adds what is missing, removes nothing), so that a
fresh database, the test database and production all have the same groups and workflow.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS = "Rédacteurs"
VALIDATORS = "Valideurs"
DIRECTORY_MANAGERS = "Gestionnaires de l'annuaire"
WORKFLOW_NAME = "Validation éditoriale"
TASK_NAME = "Relecture par un valideur"

# Apps whose models the directory managers administer, and the shared lists they keep (the
# sectors live in core because contracts and good practices point to them too), and nothing else.
DIRECTORY_APPS = ["directory"]
DIRECTORY_SHARED_MODELS = [("core", "sector")]

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
VALIDATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["publish_page", "bulk_delete_page"]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_pages(group, root, codenames):
    from wagtail.models import GroupPagePermission

    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=_permission("wagtailcore", codename)
        )


def _grant_media(group, root_collection):
    from wagtail.models import GroupCollectionPermission

    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(app_label, codename),
            )


def _ensure_workflow(root, validators):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.add(validators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def ensure_roles():
    """Create or complete the three editorial groups and the moderation workflow."""
    from wagtail.models import Collection, Page

    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root is None or root_collection is None:
        return
    admin_access = _permission("wagtailadmin", "access_admin")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    validators, _ = Group.objects.get_or_create(name=VALIDATORS)
    directory_managers, _ = Group.objects.get_or_create(name=DIRECTORY_MANAGERS)
    for group in (editors, validators, directory_managers):
        group.permissions.add(admin_access)

    _grant_pages(editors, root, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(validators, root, VALIDATOR_PAGE_PERMISSIONS)
    for group in (editors, validators):
        _grant_media(group, root_collection)

    shared = Q()
    for app_label, model in DIRECTORY_SHARED_MODELS:
        shared |= Q(content_type__app_label=app_label, content_type__model=model)
    directory_permissions = Permission.objects.filter(
        Q(content_type__app_label__in=DIRECTORY_APPS) | shared
    )
    directory_managers.permissions.add(*directory_permissions)

    _ensure_workflow(root, validators)


def ensure_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # Run once per migrate, after the last app: permissions of every app must exist first.
    configs_with_models = [c for c in global_apps.get_app_configs() if c.models_module]
    if app_config is None or app_config.label != configs_with_models[-1].label:
        return
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    ensure_roles()
