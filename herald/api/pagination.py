"""Page-numbered lists: ``{count, next, previous, results}``.

Paging is strict: a page or page size that is not a whole number in range is a 400 naming the
parameter (a silent fallback would hide a client's bug); a page past the end is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

MAX_PAGE_SIZE = 200


class PageParamsSerializer(serializers.Serializer[Any]):
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def get_page_size(self, request: Request) -> int:
        # DRF asks for the page size first, so both parameters are checked here, before any query.
        params = PageParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        self._params = params.validated_data
        size: int = self._params.get("page_size", self.page_size)
        return size

    def get_page_number(self, request: Request, paginator: Paginator[Any]) -> int:
        number: int = self._params["page"]
        return number

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        limits = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": MAX_PAGE_SIZE},
        }
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(limits.get(parameter["name"], {}))
        return parameters


def paginated_response(
    *,
    request: Request,
    view: APIView,
    queryset: QuerySet[Any],
    serializer_class: type[BaseSerializer[Any]],
) -> Response:
    """One page of ``queryset`` through the view's paginator (so the schema documents it too)."""
    paginator: Pagination = getattr(view, "pagination_class", Pagination)()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)
