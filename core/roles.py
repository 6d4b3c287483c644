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
# Editorial snippets both groups keep up (app label, model). Rédacteurs add and change; Valideurs
# also delete and, for the models with drafts (legal bases, glossary, publications, statistics
# series), publish. Rédacteurs also lock and unlock what they edit (models with locking).
EDITORIAL_MODELS = [
    ("guides", "legalbasis"),
    ("resources", "glossaryterm"),
    ("resources", "publication"),
    ("resources", "audience"),
    ("resources", "dataseries"),
]
EDITOR_ACTIONS = ["add", "change", "lock", "unlock"]
VALIDATOR_ACTIONS = EDITOR_ACTIONS + ["delete", "publish"]
# Snippets reviewed through the same workflow as the pages: a rédacteur submits, a valideur
# approves and publishes.
MODERATED_MODELS = [("guides", "legalbasis"), ("resources", "glossaryterm")]

# What Wagtail's own migrations create in English and the site does not use: removed when
# nobody depends on them, renamed in French otherwise.
WAGTAIL_DEFAULT_GROUPS = {
    "Editors": "Éditeurs (groupe d'origine de Wagtail)",
    "Moderators": "Modérateurs (groupe d'origine de Wagtail)",
}
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_WORKFLOW_FRENCH = "Approbation des modérateurs (circuit d'origine de Wagtail)"
ROOT_TITLE = "Racine"

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


def _grant_editorial_models(editors, validators):
    """Each action that exists for the model (no `publish_…` on a model without drafts)."""
    for group, actions in ((editors, EDITOR_ACTIONS), (validators, VALIDATOR_ACTIONS)):
        for app_label, model in EDITORIAL_MODELS:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=codenames,
                )
            )


def _ensure_workflow(root, validators):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.add(validators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    _assign_workflow_to_snippets(workflow)
    return workflow


def _assign_workflow_to_snippets(workflow):
    """The moderated snippets go through the editorial workflow, unless an administrator chose
    another one for them (kept)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    for app_label, model in MODERATED_MODELS:
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None:
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


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

    _grant_editorial_models(editors, validators)
    _ensure_workflow(root, validators)
    _retire_wagtail_defaults(root)


def _retire_wagtail_defaults(root):
    """No English left from Wagtail's initial data: the root page's title, the two default
    groups (deleted when nobody belongs to them) and the default workflow and its task (deleted
    when nothing was ever moderated with them)."""
    from wagtail.models import Page, Task, Workflow

    Page.objects.filter(pk=root.pk, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
    for english, french in WAGTAIL_DEFAULT_GROUPS.items():
        group = Group.objects.filter(name=english).first()
        if group is None:
            continue
        if group.user_set.exists():
            Group.objects.filter(pk=group.pk).update(name=french)
        else:
            group.delete()
    for model in (Workflow, Task):
        for item in model.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
            _retire_default(model, item)


def _retire_default(model, item):
    from wagtail.models import Task

    states = item.task_states if model is Task else item.workflow_states
    in_use = states.exists() or (
        model is not Task and (item.workflow_pages.exists() or item.workflow_content_types.exists())
    )
    if in_use:
        model.objects.filter(pk=item.pk).update(name=WAGTAIL_DEFAULT_WORKFLOW_FRENCH)
    else:
        item.delete()


def ensure_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # Run once per migrate, after the last app: permissions of every app must exist first.
    configs_with_models = [c for c in global_apps.get_app_configs() if c.models_module]
    if app_config is None or app_config.label != configs_with_models[-1].label:
        return
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    ensure_roles()
