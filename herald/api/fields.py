"""Fields for query-string filters.

DRF reads a query string with HTML form semantics: a blank value for a field that is not
required (``?source=``) is taken as absent, so the filter the caller meant is quietly dropped and
every record answers. These fields refuse a blank like any other value that is not one of theirs
(a 400 naming the parameter), as the schema says they should.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers


def _raw(field: serializers.Field[Any, Any, Any, Any], dictionary: Mapping[Any, Any]) -> Any:
    if dictionary.get(field.field_name) == "":
        return ""
    return serializers.Field.get_value(field, dictionary)


class QueryUUIDField(serializers.UUIDField):
    def get_value(self, dictionary: Mapping[Any, Any]) -> Any:
        return _raw(self, dictionary)


class QueryChoiceField(serializers.ChoiceField):
    def get_value(self, dictionary: Mapping[Any, Any]) -> Any:
        return _raw(self, dictionary)
