import pytest

from conftest import Personas
from herald.councils.selectors import council_context
from herald.home.navigation import navigation_items

pytestmark = pytest.mark.django_db


def _active(personas: Personas, path: str) -> list[object]:
    context = council_context(membership=personas.admin)
    return [i["text"] for i in navigation_items(context=context, current_path=path) if i["active"]]


def test_the_most_specific_section_is_marked_current(personas: Personas) -> None:
    assert _active(personas, "/staff/import/") == ["Import staff"]
    assert _active(personas, "/staff/3f2c/") == ["Staff"]
    assert _active(personas, "/") == ["Home"]
    assert _active(personas, "/accessibility/") == []


def test_signed_out_visitors_get_no_navigation() -> None:
    assert navigation_items(context=None, current_path="/") == []
