"""Replies over the API: draft a reply to a conversation, submit it, approve or reject it, retry
a failed one, list a conversation's replies. The same services, role rules and council scoping as
the pages; business-rule failures are JSON with a stable ``code``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.schema import ErrorSerializer, error_responses
from herald.audit.services import Actor
from herald.inbox.models import Reply
from herald.inbox.replies import rules, selectors, services
from herald.inbox.replies.errors import OtherReplies

DOMAIN_ERROR = OpenApiResponse(
    response=ErrorSerializer,
    description="A business rule refused it (codes such as `invalid_reply`, `not_allowed`, "
    "`own_reply`, `blocking_findings`, `note_required`, `status_changed_meanwhile`, "
    "`transition_not_allowed`); nothing changed.",
)


class _FindingOut(serializers.Serializer[Any]):
    rule = serializers.CharField()
    category = serializers.CharField()
    severity = serializers.CharField()
    message = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()

    class Meta:
        ref_name = "InboxReplyFinding"


class ReplyOut(serializers.Serializer[Reply]):
    id = serializers.UUIDField(source="public_id")
    conversation = serializers.UUIDField(source="conversation.public_id")
    text = serializers.CharField()
    status = serializers.CharField()
    author = serializers.SerializerMethodField()
    is_automatic = serializers.BooleanField()
    findings = _FindingOut(many=True)
    remote_id = serializers.CharField()
    remote_url = serializers.CharField()
    last_error = serializers.CharField(help_text="Why it failed, when it did.")
    attempts = serializers.IntegerField()
    sent_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    class Meta:
        ref_name = "InboxReply"

    def get_author(self, reply: Reply) -> str:
        return reply.author.display_name if reply.author else "Herald (automatic)"


class ReplyIn(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=5000)

    class Meta:
        ref_name = "InboxReplyDraft"


class SubmitIn(serializers.Serializer[Any]):
    confirm_others = serializers.BooleanField(
        default=False,
        help_text="Send even though another officer's reply went or is going to this resident.",
    )

    class Meta:
        ref_name = "InboxReplySubmit"


class DecisionIn(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=["approve", "reject"])
    note = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "InboxReplyDecision"


def _actor(request: Request) -> Actor:
    return Actor(user=token_auth(request).context.membership.user)


def _reply(request: Request, public_id: UUID) -> Reply:
    return selectors.reply_of_council(
        council=token_auth(request).context.council, public_id=public_id
    )


def _out(reply: Reply, code: int = status.HTTP_200_OK) -> Response:
    reply.refresh_from_db()
    return Response(ReplyOut(reply).data, status=code)


class ConversationRepliesApi(APIView):
    allowed_roles = rules.READERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="inbox_conversation_replies_list",
        summary="A conversation's replies, oldest first, with their status",
        tags=["inbox"],
        responses={200: ReplyOut(many=True), **error_responses(forbidden=True, not_found=True)},
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        council = token_auth(request).context.council
        found = selectors.conversation_in(council=council, public_id=public_id)
        replies = selectors.conversation_replies(conversation=found)
        return Response([ReplyOut(reply).data for reply in replies])

    @extend_schema(
        operation_id="inbox_conversation_replies_create",
        summary="Draft a reply (checked by the standards engine; not sent until submitted)",
        tags=["inbox"],
        request=ReplyIn,
        responses={
            201: ReplyOut,
            400: DOMAIN_ERROR,
            **error_responses(forbidden=True, not_found=True),
        },
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        council = token_auth(request).context.council
        found = selectors.conversation_in(council=council, public_id=public_id)
        body = ReplyIn(data=request.data)
        body.is_valid(raise_exception=True)
        reply = services.start_reply(
            conversation=found, text=body.validated_data["text"], actor=_actor(request)
        )
        return _out(reply, status.HTTP_201_CREATED)


class ReplyApi(APIView):
    allowed_roles = rules.READERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="inbox_replies_retrieve",
        summary="One reply with its findings, status and why it failed",
        tags=["inbox"],
        responses={200: ReplyOut, **error_responses(forbidden=True, not_found=True)},
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        return _out(_reply(request, public_id))


_ACTION = {200: ReplyOut, 400: DOMAIN_ERROR, **error_responses(forbidden=True, not_found=True)}


class SubmitApi(APIView):
    allowed_roles = rules.REPLIERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="inbox_replies_submit",
        summary="Send a draft on: to an approver where needed, else to the outbox. 409 "
        "`other_replies` when another officer replied meanwhile (confirm to send anyway)",
        tags=["inbox"],
        request=SubmitIn,
        responses={**_ACTION, 409: ErrorSerializer},
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        reply = _reply(request, public_id)
        body = SubmitIn(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.submit_reply(
                reply=reply,
                actor=_actor(request),
                confirm_others=body.validated_data["confirm_others"],
            )
        except OtherReplies as error:
            return Response(
                {
                    "code": error.code,
                    "message": error.message,
                    "others": [ReplyOut(other).data for other in error.others],
                },
                status=status.HTTP_409_CONFLICT,
            )
        return _out(reply)


class DecisionApi(APIView):
    allowed_roles = rules.APPROVERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="inbox_replies_decide",
        summary="Approve (it joins the outbox) or reject a reply; never one's own",
        tags=["inbox"],
        request=DecisionIn,
        responses=_ACTION,
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        reply = _reply(request, public_id)
        body = DecisionIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["decision"] == "approve":
            services.approve_reply(reply=reply, actor=_actor(request), note=data["note"])
        else:
            services.reject_reply(reply=reply, actor=_actor(request), note=data["note"])
        return _out(reply)


class RetryApi(APIView):
    allowed_roles = rules.REPLIERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="inbox_replies_retry",
        summary="Send a failed reply again (same idempotency key)",
        tags=["inbox"],
        request=None,
        responses=_ACTION,
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        reply = _reply(request, public_id)
        services.retry_reply(reply=reply, actor=_actor(request))
        return _out(reply)
