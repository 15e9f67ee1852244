"""Reading the routing rules and models: a council's own, and the deployment's default."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Max
from django.shortcuts import get_object_or_404

from herald.councils.roles import Role
from herald.listening.models import RouterModel, RoutingKeyword
from herald.listening.models.routing import RouterTraining

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from herald.councils.models import Council

ROUTING_READERS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN, Role.APPROVER, Role.ACCOUNT_OWNER)
ROUTING_EDITORS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)


def keyword_rules(council: Council) -> QuerySet[RoutingKeyword]:
    return council.routing_keywords.all()


def keyword_rule(council: Council, public_id: UUID) -> RoutingKeyword:
    return get_object_or_404(council.routing_keywords, public_id=public_id)


def router_models(council: Council) -> QuerySet[RouterModel]:
    """The council's own trained versions, newest first (without their weights)."""
    return council.router_models.defer("weights")


def default_router_models() -> QuerySet[RouterModel]:
    """The deployment's default versions (trained without a council), newest first."""
    return RouterModel.objects.filter(council__isnull=True).defer("weights")


def router_model(council: Council, public_id: UUID) -> RouterModel:
    return get_object_or_404(council.router_models.defer("weights"), public_id=public_id)


def active_router(council_id: int | None) -> RouterModel | None:
    """The router enrichment uses: the council's active one, else the deployment default's."""
    if council_id is not None:
        own = RouterModel.objects.filter(council_id=council_id, is_active=True).first()
        if own is not None:
            return own
    return RouterModel.objects.filter(council__isnull=True, is_active=True).first()


def next_version(council: Council | None) -> int:
    scope = RouterModel.objects.filter(council=council)
    return int(scope.aggregate(top=Max("version"))["top"] or 0) + 1


def trainings(council: Council) -> QuerySet[RouterTraining]:
    return council.router_trainings.defer("content")


def keyword_rules_data(council_id: int) -> list[tuple[str, list[str]]]:
    """The council's rules as (service label, keywords) in the order they apply."""
    rows = RoutingKeyword.objects.filter(council_id=council_id).order_by("service_label", "id")
    return [(label, list(words)) for label, words in rows.values_list("service_label", "keywords")]


class CouncilNeeded(Exception):
    """Which council a command means is ambiguous or unknown."""


def council_for_command(slug: str | None) -> Council | None:
    """The council a command's ``--council`` names; without it, the only council (or none), since
    only a deployment with several councils needs telling which one is meant."""
    from herald.councils.models import Council  # noqa: PLC0415
    from herald.councils.selectors import council_by_slug  # noqa: PLC0415

    if slug:
        council = council_by_slug(slug=slug)
        if council is None:
            raise CouncilNeeded(f"There is no council with the slug '{slug}'.")
        return council
    active = list(Council.objects.filter(is_active=True)[:2])
    if len(active) > 1:
        raise CouncilNeeded(
            "This deployment has more than one council: say which with --council SLUG."
        )
    return active[0] if active else None
