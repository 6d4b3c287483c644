"""Members of the editorial team, for admin tests (fixtures `editor` and `validator` in
tests/conftest.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user
