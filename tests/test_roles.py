"""Each editorial group can do its job and nothing more."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Workflow

from centre.models import StandardPage
from core import roles


def member_of(group_name):
    user = get_user_model().objects.create_user(username=group_name[:20], password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def guide(home):
    """An editorial page of the demo (any page type would do)."""
    return StandardPage.objects.get(slug="mentions-legales")


def test_groups_exist_after_migrate(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.EDITORS, roles.VALIDATORS, roles.DIRECTORY_MANAGERS} <= names


def test_editor_writes_but_cannot_publish(guide, client):
    editor = member_of(roles.EDITORS)
    permissions = guide.permissions_for_user(editor)
    assert permissions.can_edit()
    assert permissions.can_add_subpage()
    assert not permissions.can_publish()
    assert not permissions.can_delete()
    assert not editor.has_perm("auth.change_user")

    client.force_login(editor)
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code == 200
    assert client.get("/admin/users/").status_code == 302  # sent away: no user management


def test_editor_submission_goes_to_validators(guide, client):
    editor = member_of(roles.EDITORS)
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{guide.pk}/edit/",
        {
            "title": "Mentions légales (révisées)",
            "slug": guide.slug,
            "intro": guide.intro,
            "body-count": "0",
            "action-submit": "Soumettre à la modération",
        },
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.title == "Mentions légales"  # the live page is unchanged
    workflow_state = guide.current_workflow_state
    assert workflow_state is not None
    assert workflow_state.workflow.name == roles.WORKFLOW_NAME
    task = workflow_state.current_task_state.task.specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.VALIDATORS]


def test_validator_publishes_and_approves(guide):
    validator = member_of(roles.VALIDATORS)
    assert guide.permissions_for_user(validator).can_publish()
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    task = workflow.tasks.first().specific
    assert validator.groups.filter(pk__in=task.groups.all()).exists()


def test_directory_manager_has_directory_only(guide, client):
    manager = member_of(roles.DIRECTORY_MANAGERS)
    assert not guide.permissions_for_user(manager).can_edit()
    directory_perms = Permission.objects.filter(content_type__app_label="directory")
    for permission in directory_perms:
        assert manager.has_perm(f"directory.{permission.codename}")
    assert not manager.has_perm("wagtailcore.change_page")
    assert not manager.has_perm("centre.change_siteidentity")
    client.force_login(manager)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code == 302


def test_directory_manager_keeps_the_sector_list(guide, client):
    # The sectors moved to core (contracts and good practices share them): still theirs to keep.
    manager = member_of(roles.DIRECTORY_MANAGERS)
    for action in ("add", "change", "delete"):
        assert manager.has_perm(f"core.{action}_sector")
    client.force_login(manager)
    assert client.get("/admin/snippets/core/sector/").status_code == 200
    assert client.get("/admin/snippets/core/sector/add/").status_code == 200


def test_roles_are_idempotent(db):
    before = Permission.objects.filter(group__name=roles.VALIDATORS).count()
    roles.ensure_roles()
    roles.ensure_roles()
    assert Permission.objects.filter(group__name=roles.VALIDATORS).count() == before
    assert Workflow.objects.filter(name=roles.WORKFLOW_NAME).count() == 1
