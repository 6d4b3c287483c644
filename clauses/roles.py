"""Who may write and publish model clauses and the référentiel, and the moderation of clauses.

Same groups and workflow as the guide (core.roles): editors draft and submit, validators
publish. Applied after every `migrate`, idempotent (adds what is missing, removes nothing).
"""

from django.apps import apps as global_apps

from core.roles import EDITORS, TASK_NAME, VALIDATORS, WORKFLOW_NAME

EDITOR_CODENAMES = ["add_modelclause", "change_modelclause", "lock_modelclause"]
VALIDATOR_CODENAMES = EDITOR_CODENAMES + [
    "publish_modelclause",
    "unlock_modelclause",
    "delete_modelclause",
    "add_laboursharerow",
    "change_laboursharerow",
    "delete_laboursharerow",
]


def ensure_clause_moderation():
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    from .models import ModelClause

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    validators, _ = Group.objects.get_or_create(name=VALIDATORS)
    for group, codenames in ((editors, EDITOR_CODENAMES), (validators, VALIDATOR_CODENAMES)):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="clauses", codename__in=codenames)
        )
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.add(validators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(ModelClause),
        defaults={"workflow": workflow},
    )


def after_migrate(sender, app_config=None, using="default", **kwargs):
    configs_with_models = [c for c in global_apps.get_app_configs() if c.models_module]
    if app_config is None or app_config.label != configs_with_models[-1].label:
        return
    ensure_clause_moderation()
