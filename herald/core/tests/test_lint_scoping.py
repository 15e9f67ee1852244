from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from herald.core.management.commands.lint_scoping import council_owned_model_names, violations_in

UNSCOPED = """
from django.shortcuts import get_object_or_404
from herald.people.models import StaffMember

def view(request, pk):
    one = StaffMember.objects.get(pk=pk)
    two = get_object_or_404(StaffMember, pk=pk)
    return one, two
"""

SCOPED = """
def view(request, pk):
    return request.council.staff_members.get(public_id=pk)
"""


def test_staff_member_is_council_owned_and_user_is_not() -> None:
    names = council_owned_model_names()
    assert {"StaffMember", "Council", "AuditEvent", "Membership"} <= names
    assert "User" not in names


def test_unscoped_manager_and_shortcut_access_are_reported(tmp_path: Path) -> None:
    module = tmp_path / "views.py"
    module.write_text(UNSCOPED)
    found = violations_in(module, council_owned_model_names())
    assert [(v.line, v.model) for v in found] == [(6, "StaffMember"), (7, "StaffMember")]


def test_access_through_the_council_passes(tmp_path: Path) -> None:
    module = tmp_path / "views.py"
    module.write_text(SCOPED)
    assert violations_in(module, council_owned_model_names()) == []


def test_command_fails_on_a_tree_with_an_unscoped_view(tmp_path: Path) -> None:
    context = tmp_path / "estate"
    context.mkdir()
    (context / "views.py").write_text(UNSCOPED)
    with pytest.raises(CommandError, match="2 unscoped"):
        call_command("lint_scoping", str(tmp_path))


def test_the_herald_tree_has_no_unscoped_access() -> None:
    call_command("lint_scoping")
