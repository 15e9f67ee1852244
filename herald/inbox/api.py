"""Conversations over the API: the list with the pages' filters (keyset paged: ``next`` is a
cursor, ``count`` capped), one conversation in full, and the triage actions, through the same
services, role rules and council scoping as the pages. Refusals are JSON with a stable code."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.fields import QueryChoiceField, QueryUUIDField
from herald.api.schema import ErrorSerializer, error_responses
from herald.audit.services import Actor
from herald.inbox import selectors, services
from herald.inbox.models import Conversation, Escalation

DOMAIN_ERROR = OpenApiResponse(
    response=ErrorSerializer,
    description="A business rule refused it (codes such as `invalid_triage`, "
    "`transition_not_allowed`, `status_changed_meanwhile`, `foi_needs_real_name`, "
    "`already_escalated`, `not_found`); nothing changed.",
)


class _MessageOut(serializers.Serializer[Any]):
    direction = serializers.CharField()
    author = serializers.CharField(source="author_handle")
    text = serializers.CharField()
    sent_at = serializers.DateTimeField()
    url = serializers.CharField()
    deleted_on_network_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "InboxMessage"


class _EscalationOut(serializers.Serializer[Escalation]):
    id = serializers.UUIDField(source="public_id")
    kind = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "InboxEscalation"


class ConversationOut(serializers.Serializer[Conversation]):
    id = serializers.UUIDField(source="public_id")
    account = serializers.UUIDField(source="account.public_id")
    network = serializers.CharField()
    kind = serializers.CharField()
    resident_handle = serializers.CharField()
    resident_name = serializers.CharField()
    subject = serializers.CharField()
    status = serializers.CharField()
    priority = serializers.CharField()
    service = serializers.CharField(source="service.name", allow_null=True, default=None)
    team = serializers.CharField(source="team.name", allow_null=True, default=None)
    assignee = serializers.CharField(source="assignee.display_name", allow_null=True, default=None)
    tags = serializers.ListField(child=serializers.CharField())
    last_message_at = serializers.DateTimeField()
    first_response_due_at = serializers.DateTimeField(allow_null=True)
    resolution_due_at = serializers.DateTimeField(allow_null=True)
    next_due_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField()

    class Meta:
        ref_name = "InboxConversation"


class ConversationDetailOut(ConversationOut):
    messages = _MessageOut(many=True, source="messages.all")
    escalations = _EscalationOut(many=True, source="escalations.all")

    class Meta:
        ref_name = "InboxConversationDetail"


class ConversationPageOut(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    count_capped = serializers.BooleanField()
    next = serializers.CharField(allow_null=True)
    results = ConversationOut(many=True)

    class Meta:
        ref_name = "InboxConversationPage"


def _actor(request: Request) -> Actor:
    return Actor(user=token_auth(request).context.membership.user)


def _conversation(request: Request, public_id: UUID) -> Conversation:
    try:
        return selectors.conversation(
            council=token_auth(request).context.council, public_id=public_id
        )
    except Conversation.DoesNotExist as missing:
        raise NotFound("No such conversation in this council.") from missing


def _detail(conversation: Conversation) -> Response:
    conversation.refresh_from_db()
    return Response(ConversationDetailOut(conversation).data)


class ConversationListApi(APIView):
    allowed_roles = selectors.WORKERS
    parser_classes = [JSONParser]

    class FilterSerializer(serializers.Serializer[Any]):
        view = serializers.ChoiceField(choices=list(selectors.VIEWS), required=False, default="")
        status = serializers.ChoiceField(
            choices=["open", "closed", "all", *Conversation.Status.values],
            required=False,
            default="open",
        )
        service = QueryUUIDField(required=False)
        team = QueryUUIDField(required=False)
        priority = QueryChoiceField(choices=Conversation.Priority.values, required=False)
        # Blank means no filter (a form or Power BI sends "tag=" for "any").
        tag = serializers.CharField(required=False, allow_blank=True, max_length=40)
        after = serializers.CharField(required=False, allow_blank=True, max_length=100)

        class Meta:
            ref_name = "InboxConversationFilters"

    @extend_schema(
        operation_id="inbox_conversations_list",
        summary="The council's conversations, newest first (overdue view: most overdue first)",
        tags=["inbox"],
        parameters=[FilterSerializer],
        responses={
            200: ConversationPageOut,
            **error_responses(
                invalid={"status": ['"lost" is not a valid choice.']},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        context = token_auth(request).context
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        council = context.council
        service = (
            council.services.filter(public_id=data["service"]).first()
            if data.get("service")
            else None
        )
        team = council.teams.filter(public_id=data["team"]).first() if data.get("team") else None
        if (data.get("service") and service is None) or (data.get("team") and team is None):
            raise NotFound("No such service or team in this council.")
        staff = context.membership.staff_member
        page = selectors.conversation_page(
            council=council,
            filters=selectors.Filters(
                view=data["view"],
                status=data["status"],
                service_id=service.pk if service else None,
                team_id=team.pk if team else None,
                priority=data.get("priority", ""),
                tag=data.get("tag", "").lower(),
            ),
            user=context.membership.user,
            team=staff.team if staff is not None else None,
            cursor=data.get("after", ""),
        )
        return Response(
            {
                "count": page.count,
                "count_capped": page.count_capped,
                "next": page.next_cursor or None,
                "results": ConversationOut(page.items, many=True).data,  # type: ignore[arg-type]
            }
        )


class ConversationDetailApi(APIView):
    allowed_roles = selectors.WORKERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="inbox_conversations_retrieve",
        summary="One conversation with its messages and escalations",
        tags=["inbox"],
        responses={200: ConversationDetailOut, **error_responses(forbidden=True, not_found=True)},
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        return _detail(_conversation(request, public_id))


class TriageIn(serializers.Serializer[Any]):
    action = serializers.ChoiceField(
        choices=["assign", "priority", "tags", "note", "answered", "close", "reopen", "escalate"]
    )
    service = serializers.UUIDField(required=False, allow_null=True)
    team = serializers.UUIDField(required=False, allow_null=True)
    assignee = serializers.UUIDField(required=False, allow_null=True)
    priority = serializers.ChoiceField(choices=Conversation.Priority.values, required=False)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=10
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=["resolved", "no_action"], required=False)
    outcome = serializers.ChoiceField(choices=Conversation.Outcome.values, required=False)
    satisfaction = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=5
    )
    kind = serializers.ChoiceField(choices=Escalation.Kind.values, required=False)

    class Meta:
        ref_name = "InboxTriage"


class TriageApi(APIView):
    allowed_roles = selectors.WORKERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="inbox_conversations_triage",
        summary="Assign, set priority or tags, add a note, record an answer, close with an "
        "outcome, reopen or escalate",
        tags=["inbox"],
        request=TriageIn,
        responses={
            200: ConversationDetailOut,
            400: DOMAIN_ERROR,
            **error_responses(forbidden=True, not_found=True),
        },
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        conversation = _conversation(request, public_id)
        body = TriageIn(data=request.data)
        body.is_valid(raise_exception=True)
        _ACTIONS[body.validated_data["action"]](request, conversation, body.validated_data)
        return _detail(conversation)


def _owned(request: Request, data: dict[str, Any], name: str) -> Any:
    council = token_auth(request).context.council
    value = data.get(name)
    if not value:
        return None
    found: Any
    if name == "assignee":
        member = council.memberships.filter(user__public_id=value).select_related("user").first()
        found = member.user if member else None
    else:
        found = getattr(council, f"{name}s").filter(public_id=value).first()
    if found is None:
        raise NotFound(f"No such {name} in this council.")
    return found


def _required(data: dict[str, Any], name: str) -> Any:
    if data.get(name) in (None, ""):
        raise serializers.ValidationError({name: ["This field is required for this action."]})
    return data[name]


def _assign(request: Request, conversation: Conversation, data: dict[str, Any]) -> None:
    services.assign_conversation(
        conversation=conversation,
        service=_owned(request, data, "service"),
        team=_owned(request, data, "team"),
        assignee=_owned(request, data, "assignee"),
        actor=_actor(request),
    )


def _close(request: Request, conversation: Conversation, data: dict[str, Any]) -> None:
    closing = services.Closing(
        status=_required(data, "status"),
        outcome=_required(data, "outcome"),
        service=_owned(request, data, "service"),
        satisfaction=data.get("satisfaction"),
        note=data["text"],
    )
    services.close_conversation(conversation=conversation, closing=closing, actor=_actor(request))


_ACTIONS: dict[str, Any] = {
    "assign": _assign,
    "priority": lambda r, c, d: services.set_priority(
        conversation=c, priority=_required(d, "priority"), actor=_actor(r)
    ),
    "tags": lambda r, c, d: services.set_tags(
        conversation=c, tags=services.clean_tags(",".join(d.get("tags", []))), actor=_actor(r)
    ),
    "note": lambda r, c, d: services.add_note(
        conversation=c,
        author=token_auth(r).context.membership.user,
        text=d["text"],
        actor=_actor(r),
    ),
    "answered": lambda r, c, d: services.record_response(
        conversation=c, actor=_actor(r), note=d["text"]
    ),
    "close": _close,
    "reopen": lambda r, c, d: services.reopen_conversation(
        conversation=c, actor=_actor(r), note=d["text"]
    ),
    "escalate": lambda r, c, d: services.raise_escalation(
        conversation=c, kind=_required(d, "kind"), reason=d["text"], actor=_actor(r)
    ),
}
