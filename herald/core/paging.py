"""GOV.UK pagination parameters for a Django page, keeping the other query parameters."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property


def govuk_pagination(page: Page[Any], **query: str) -> dict[str, Any]:
    """Previous/next links for govukPagination; ``query`` (e.g. a search) is carried along."""
    kept = {key: value for key, value in query.items() if value}
    items: dict[str, Any] = {}
    if page.has_previous():
        items["previous"] = {"href": "?" + urlencode({**kept, "page": page.previous_page_number()})}
    if page.has_next():
        items["next"] = {"href": "?" + urlencode({**kept, "page": page.next_page_number()})}
    return items


class CountedPaginator(Paginator[Any]):
    """A paginator told its total, for lists whose count another (cached) figure already has."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count
