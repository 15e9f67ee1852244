"""Query-string filters refuse a blank value rather than dropping the filter."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from rest_framework import serializers

from herald.api.fields import QueryChoiceField, QueryUUIDField


class _Filters(serializers.Serializer[Any]):
    origin = QueryUUIDField(required=False)
    status = QueryChoiceField(choices=["open", "closed"], required=False)


def test_a_blank_filter_is_refused_and_an_absent_one_is_no_filter() -> None:
    blank = _Filters(data=QueryDict("origin=&status="))
    assert not blank.is_valid()
    assert set(blank.errors) == {"origin", "status"}
    assert _Filters(data=QueryDict("")).is_valid()
    given = _Filters(data=QueryDict("origin=6f1c7f0e-52a4-4f6e-9a43-2d8d3c1d8a11&status=open"))
    assert given.is_valid()
    assert str(given.validated_data["origin"]) == "6f1c7f0e-52a4-4f6e-9a43-2d8d3c1d8a11"
