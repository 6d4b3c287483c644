"""The valideur's approval button says what it does: « Approuver et publier » on a page of the
edition in force, « Approuver » on a page of an edition not in force yet, which then waits for
its edition (issue 15, wording)."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Group

from core.roles import EDITORS, VALIDATORS
from guides.admin_views import copy_edition
from guides.models import GuideChapterPage


@pytest.fixture
def users(django_user_model):
    redacteur = django_user_model.objects.create_user("redactrice", password="x")
    redacteur.groups.add(Group.objects.get(name=EDITORS))
    valideur = django_user_model.objects.create_user("valideuse", password="x")
    valideur.groups.add(Group.objects.get(name=VALIDATORS))
    return redacteur, valideur


def approval_labels(client, chapter):
    page = html.unescape(client.get(f"/admin/pages/{chapter.pk}/edit/").content.decode())
    buttons = re.findall(r'data-workflow-action-name="approve"[^>]*>(.*?)</button>', page, re.S)
    labels = [re.sub(r"<[^>]+>|\s+", " ", button).strip() for button in buttons]
    return labels


def submitted_chapter(edition, redacteur):
    chapter = GuideChapterPage.objects.child_of(edition).order_by("path").first()
    chapter.save_revision(user=redacteur)
    chapter.get_workflow().start(chapter, redacteur)
    return chapter


def test_approving_in_the_edition_in_force_publishes(client, users, edition_2026):
    redacteur, valideur = users
    chapter = submitted_chapter(edition_2026, redacteur)
    client.force_login(valideur)
    assert approval_labels(client, chapter) == [
        "Approuver et publier",
        "Approuver avec un commentaire et publier",
    ]


def test_approving_in_an_edition_not_in_force_only_approves(client, users, edition_2026):
    redacteur, valideur = users
    draft = copy_edition(edition_2026, 2027, datetime.date(2027, 1, 1))
    chapter = submitted_chapter(draft, redacteur)
    client.force_login(valideur)
    assert approval_labels(client, chapter) == ["Approuver", "Approuver avec un commentaire"]
