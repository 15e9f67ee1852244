"""Drafting, approving and scheduling over the API: the same services, role rules and council
scoping as the pages. Business-rule failures are JSON with a stable ``code``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.fields import QueryUUIDField
from herald.api.pagination import Pagination, paginated_response
from herald.api.schema import ErrorSerializer, error_responses
from herald.audit.services import Actor
from herald.councils.roles import Role
from herald.publishing import rules, selectors, services
from herald.publishing.models import Post, PostVariant, SignOff


def _one_of(values: list[str]) -> dict[str, str]:
    """A choice as a pattern: an enum component per field name would collide with other
    contexts' "status" and "category" enums in the schema."""
    return {
        "type": "string",
        "pattern": "^(" + "|".join(values) + ")$",
        "description": "One of: " + ", ".join(f"`{v}`" for v in values) + ".",
    }


@extend_schema_field(_one_of(list(Post.Status.values)))
class StatusField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Post.Status.choices, **kwargs)


@extend_schema_field(_one_of(list(Post.Category.values)))
class CategoryField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Post.Category.choices, **kwargs)


DOMAIN_ERROR = OpenApiResponse(
    response=ErrorSerializer,
    description="A business rule refused it (codes such as `invalid_post`, `not_ready`, "
    "`not_allowed`, `own_post`, `sign_off_needed`, `blocking_findings`, "
    "`status_changed_meanwhile`, `transition_not_allowed`, `hold_active`); nothing changed.",
    examples=[
        OpenApiExample(
            "own_post",
            value={
                "code": "own_post",
                "message": "You wrote this post: someone else must approve it",
            },
        )
    ],
)


class _MediaOut(serializers.Serializer[Any]):
    item = serializers.UUIDField(source="item.public_id")
    alt_text = serializers.CharField()

    class Meta:
        ref_name = "PublishingMediaUse"


class _VariantOut(serializers.Serializer[PostVariant]):
    account = serializers.UUIDField(source="account.public_id")
    account_name = serializers.CharField(source="account.name")
    text = serializers.CharField()
    link = serializers.CharField()
    first_comment = serializers.CharField()
    video_title = serializers.CharField()
    media = _MediaOut(many=True)
    findings = serializers.ListField(child=serializers.DictField())

    class Meta:
        ref_name = "PublishingVariant"


class _StatusChangeOut(serializers.Serializer[Any]):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(source="actor_label")
    note = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")

    class Meta:
        ref_name = "PublishingStatusChange"


class PostOut(serializers.Serializer[Post]):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    status = StatusField()
    category = CategoryField()
    campaign = serializers.UUIDField(source="campaign.public_id", allow_null=True)
    scheduled_for = serializers.DateTimeField(allow_null=True)
    revision = serializers.IntegerField()
    approval_steps_required = serializers.IntegerField()
    author = serializers.CharField(source="author.display_name")
    variants = _VariantOut(many=True)

    class Meta:
        ref_name = "PublishingPost"


class PostDetailOut(PostOut):
    status_history = _StatusChangeOut(many=True, source="status_changes.all")

    class Meta:
        ref_name = "PublishingPostDetail"


class _MediaIn(serializers.Serializer[Any]):
    item = serializers.UUIDField()
    alt_text = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "PublishingMediaUseInput"


class _VariantIn(serializers.Serializer[Any]):
    account = serializers.UUIDField(help_text="The register account's id.")
    text = serializers.CharField(required=False, allow_blank=True, default="")
    link = serializers.URLField(required=False, allow_blank=True, default="", max_length=2000)
    first_comment = serializers.CharField(required=False, allow_blank=True, default="")
    video_title = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100
    )
    media = _MediaIn(many=True, required=False, default=list)

    class Meta:
        ref_name = "PublishingVariantInput"


class PostIn(serializers.Serializer[Any]):
    title = serializers.RegexField(
        r"\S", max_length=200, help_text="For the calendar and the approvers; not published."
    )
    category = CategoryField(default=Post.Category.GENERAL)

    campaign = serializers.UUIDField(required=False, allow_null=True, default=None)
    scheduled_for = serializers.DateTimeField(required=False, allow_null=True, default=None)
    variants = serializers.ListField(child=_VariantIn(), min_length=1, max_length=50)

    class Meta:
        ref_name = "PublishingPostInput"


class NoteIn(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "PublishingNote"


class DecisionIn(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=["approve", "return", "reject"])
    note = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "PublishingDecision"


@extend_schema_field(_one_of(list(SignOff.Kind.values)))
class SignOffKindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=SignOff.Kind.choices, **kwargs)


class SignOffIn(serializers.Serializer[Any]):
    kind = SignOffKindField()
    subject = serializers.CharField(
        max_length=100,
        help_text="The finding's rule id, or the hold's id (pre-election, mourning).",
    )
    note = serializers.RegexField(r"\S", help_text="Why it may go out.")

    class Meta:
        ref_name = "PublishingSignOff"


class ScheduleIn(serializers.Serializer[Any]):
    scheduled_for = serializers.DateTimeField()

    class Meta:
        ref_name = "PublishingSchedule"


def _actor(request: Request) -> Actor:
    return Actor(user=token_auth(request).context.membership.user)


def _post_input(council: Any, data: dict[str, Any]) -> services.PostInput:
    """Ids to the council's own objects: anything else is a 400 with a code, not a 500."""
    accounts = {
        a.public_id: a
        for a in council.social_accounts.filter(
            public_id__in=[v["account"] for v in data["variants"]]
        )
    }
    media_ids = [m["item"] for v in data["variants"] for m in v["media"]]
    media = {m.public_id: m for m in council.media_items.filter(public_id__in=media_ids)}
    campaign = None
    if data.get("campaign"):
        campaign = council.campaigns.filter(public_id=data["campaign"]).first()
        if campaign is None:
            raise NotFound("No such campaign in this council.")
    variants = []
    for given in data["variants"]:
        account = accounts.get(given["account"])
        if account is None:
            raise NotFound("No such account in this council.")
        uses = []
        for use in given["media"]:
            item = media.get(use["item"])
            if item is None:
                raise NotFound("No such media item in this council.")
            uses.append(services.MediaUse(item=item, alt_text=use["alt_text"]))
        variants.append(
            services.VariantInput(
                account=account,
                text=given["text"],
                link=given["link"],
                first_comment=given["first_comment"],
                video_title=given["video_title"],
                media=tuple(uses),
            )
        )
    return services.PostInput(
        title=data["title"],
        category=data["category"],
        campaign=campaign,
        scheduled_for=data.get("scheduled_for"),
        variants=tuple(variants),
    )


def _detail(post: Post) -> Response:
    post.refresh_from_db()
    return Response(PostDetailOut(post).data)


class PostListApi(APIView):
    allowed_roles = rules.READERS
    parser_classes = [JSONParser]
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer[Any]):
        status = StatusField(required=False)

        account = QueryUUIDField(required=False)
        campaign = QueryUUIDField(required=False)

    @extend_schema(
        operation_id="publishing_posts_list",
        summary="The council's posts, newest change first",
        tags=["publishing"],
        parameters=[FilterSerializer],
        responses={
            200: PostOut(many=True),
            **error_responses(
                invalid={"status": ['"lost" is not a valid choice.']},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        auth = token_auth(request)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        found = selectors.posts(
            council=auth.context.council,
            status=data.get("status", ""),
            account=str(data.get("account") or ""),
            campaign=str(data.get("campaign") or ""),
        ).prefetch_related("variants__media__item")
        return paginated_response(
            request=request, view=self, queryset=found, serializer_class=PostOut
        )

    @extend_schema(
        operation_id="publishing_posts_create",
        summary="Draft a post to one or more accounts (a variant per account)",
        tags=["publishing"],
        request=PostIn,
        responses={
            201: PostDetailOut,
            **error_responses(forbidden=True, not_found=True),
            400: DOMAIN_ERROR,
        },
    )
    def post(self, request: Request) -> Response:
        auth = token_auth(request)
        if not auth.context.has_any(*rules.DRAFTERS):
            return Response(
                {
                    "code": "role_not_allowed",
                    "message": "Drafting needs an editor, account owner or digital team token",
                },
                status=status.HTTP_403_FORBIDDEN,
            )
        body = PostIn(data=request.data)
        body.is_valid(raise_exception=True)
        post = services.create_post(
            council=auth.context.council,
            author=auth.context.membership.user,
            data=_post_input(auth.context.council, body.validated_data),
            actor=_actor(request),
        )
        return Response(PostDetailOut(post).data, status=status.HTTP_201_CREATED)


class PostDetailApi(APIView):
    allowed_roles = rules.READERS
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="publishing_posts_retrieve",
        summary="One post with its variants, findings and status history",
        tags=["publishing"],
        responses={200: PostDetailOut, **error_responses(forbidden=True, not_found=True)},
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        auth = token_auth(request)
        return _detail(selectors.visible_post(council=auth.context.council, public_id=public_id))

    @extend_schema(
        operation_id="publishing_posts_update",
        summary="Save new content as the next revision (approval starts again)",
        tags=["publishing"],
        request=PostIn,
        responses={
            200: PostDetailOut,
            400: DOMAIN_ERROR,
            **error_responses(forbidden=True, not_found=True),
        },
    )
    def put(self, request: Request, public_id: UUID) -> Response:
        auth = token_auth(request)
        post = selectors.visible_post(council=auth.context.council, public_id=public_id)
        body = PostIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.update_post(
            post=post,
            data=_post_input(auth.context.council, body.validated_data),
            actor=_actor(request),
        )
        return _detail(post)


class _PostActionApi(APIView):
    allowed_roles: tuple[Role, ...] = rules.READERS
    parser_classes = [JSONParser]

    def _post(self, request: Request, public_id: UUID) -> Post:
        auth = token_auth(request)
        return selectors.visible_post(council=auth.context.council, public_id=public_id)


_ACTION_RESPONSES: dict[int, Any] = {
    200: PostDetailOut,
    **error_responses(forbidden=True, not_found=True),
    400: DOMAIN_ERROR,
}


class SubmitApi(_PostActionApi):
    @extend_schema(
        operation_id="publishing_posts_submit",
        summary="Submit for approval (or straight to approved/scheduled where the rules allow)",
        tags=["publishing"],
        request=NoteIn,
        responses=_ACTION_RESPONSES,
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        post = self._post(request, public_id)
        body = NoteIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.submit_post(post=post, actor=_actor(request), note=body.validated_data["note"])
        return _detail(post)


class DecisionApi(_PostActionApi):
    allowed_roles = rules.APPROVERS

    @extend_schema(
        operation_id="publishing_posts_decide",
        summary="Approve this step, return with changes, or reject (two approvers at once: one wins)",
        tags=["publishing"],
        request=DecisionIn,
        responses=_ACTION_RESPONSES,
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        post = self._post(request, public_id)
        body = DecisionIn(data=request.data)
        body.is_valid(raise_exception=True)
        decide = {
            "approve": services.approve_post,
            "return": services.return_post,
            "reject": services.reject_post,
        }[body.validated_data["decision"]]
        decide(post=post, actor=_actor(request), note=body.validated_data["note"])
        return _detail(post)


class SignOffApi(_PostActionApi):
    @extend_schema(
        operation_id="publishing_posts_sign_off",
        summary="Sign off a finding, a pre-election period or national mourning for this revision",
        tags=["publishing"],
        request=SignOffIn,
        responses=_ACTION_RESPONSES,
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        post = self._post(request, public_id)
        body = SignOffIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.sign_off(
            post=post,
            actor=_actor(request),
            kind=data["kind"],
            subject=data["subject"],
            note=data["note"],
        )
        return _detail(post)


class ScheduleApi(_PostActionApi):
    @extend_schema(
        operation_id="publishing_posts_schedule",
        summary="Schedule an approved post, or move a scheduled one (every check runs first)",
        tags=["publishing"],
        request=ScheduleIn,
        responses=_ACTION_RESPONSES,
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        post = self._post(request, public_id)
        body = ScheduleIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.schedule_post(
            post=post, when=body.validated_data["scheduled_for"], actor=_actor(request)
        )
        return _detail(post)


class WithdrawApi(_PostActionApi):
    @extend_schema(
        operation_id="publishing_posts_withdraw",
        summary="Withdraw the post for good (anything queued is cancelled; the record stays)",
        tags=["publishing"],
        request=NoteIn,
        responses=_ACTION_RESPONSES,
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        post = self._post(request, public_id)
        body = NoteIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.withdraw_post(post=post, actor=_actor(request), note=body.validated_data["note"])
        return _detail(post)
