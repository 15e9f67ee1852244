"""Writing queries: what a council watches, as boolean keyword expressions checked by the
parser before they are saved (its errors go on the form, in the error summary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.listening.models import Query
from herald.listening.query_language import InvalidQuery, parse

if TYPE_CHECKING:
    from herald.councils.models import Council, Service


class InvalidQueryForm(DomainError):
    code = "invalid_query"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _checked(
    council: Council,
    *,
    name: str,
    topic: str,
    expression: str,
    exclusions: str,
    service: Service | None,
    exclude_pk: int | None = None,
) -> dict[str, object]:
    name = name.strip()
    if not name:
        raise InvalidQueryForm("Enter a name for the query", field="name")
    if council.listening_queries.filter(name__iexact=name).exclude(pk=exclude_pk or 0).exists():
        raise InvalidQueryForm("The council already has a query with that name", field="name")
    if topic not in Query.Topic.values:
        raise InvalidQueryForm("Choose what the query is about", field="topic")
    if service is not None and service.council_id != council.pk:
        raise InvalidQueryForm("Choose one of the council's services", field="service")
    for field, text in (("expression", expression), ("exclusions", exclusions)):
        if field == "exclusions" and not text.strip():
            continue
        try:
            parse(text)
        except InvalidQuery as error:
            raise InvalidQueryForm(error.message, field=field) from None
    return {
        "name": name[:200],
        "topic": topic,
        "expression": expression.strip(),
        "exclusions": exclusions.strip(),
        "service": service,
    }


@transaction.atomic
def create_query(
    *,
    council: Council,
    name: str,
    topic: str,
    expression: str,
    actor: Actor,
    exclusions: str = "",
    service: Service | None = None,
) -> Query:
    """A new query; matched against every mention ingested from now on."""
    values = _checked(
        council,
        name=name,
        topic=topic,
        expression=expression,
        exclusions=exclusions,
        service=service,
    )
    query = Query.objects.create(council=council, **values)
    record(
        council=council,
        actor=actor,
        action="listening.query_added",
        summary=f"Added the listening query {query.name}",
        target=query,
        changes={"expression": query.expression, "exclusions": query.exclusions},
    )
    return query


@transaction.atomic
def update_query(
    *,
    query: Query,
    name: str,
    topic: str,
    expression: str,
    actor: Actor,
    exclusions: str = "",
    service: Service | None = None,
    is_active: bool = True,
) -> Query:
    """Change a query (mentions already matched keep their match)."""
    before = {"expression": query.expression, "exclusions": query.exclusions}
    values = _checked(
        query.council,
        name=name,
        topic=topic,
        expression=expression,
        exclusions=exclusions,
        service=service,
        exclude_pk=query.pk,
    )
    for key, value in values.items():
        setattr(query, key, value)
    query.is_active = is_active
    query.save()
    record(
        council=query.council,
        actor=actor,
        action="listening.query_changed",
        summary=f"Changed the listening query {query.name}",
        target=query,
        changes={
            "before": before,
            "after": {"expression": query.expression, "exclusions": query.exclusions},
        },
    )
    return query
