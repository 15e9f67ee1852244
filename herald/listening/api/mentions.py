"""Mentions over the API: the filtered list (keyset paged: ``next`` is a cursor, ``count``
capped) and one mention. Readers as on the pages; authors only where
the council recorded why it needs them, as in the export."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.schema import error_responses
from herald.listening.api.filters import MentionFilterIn, filters_of
from herald.listening.insight import mentions as selectors
from herald.listening.insight.privacy import settings_for
from herald.listening.insight.roles import READERS
from herald.listening.models import Mention


class _Version(serializers.CharField):
    """The version of the model or ruleset that produced one enrichment result."""

    def __init__(self, analyser: str) -> None:
        super().__init__(allow_null=True)
        self.analyser = analyser

    def get_attribute(self, instance: Mention) -> str | None:
        return (instance.enrichment_versions or {}).get(self.analyser)


class _SentimentOut(serializers.Serializer[Mention]):
    # DRF takes declared fields off the class, so "label" and "source" may name fields; mypy
    # sees them shadow Field's own attributes.
    label = serializers.CharField(source="sentiment", help_text="Blank until enriched.")  # type: ignore[assignment]
    score = serializers.FloatField(source="sentiment_score", allow_null=True)
    version = _Version("sentiment")

    class Meta:
        ref_name = "ListeningSentiment"


class _OffensiveOut(serializers.Serializer[Mention]):
    flag = serializers.BooleanField(source="offensive", allow_null=True)
    score = serializers.FloatField(source="offensive_score", allow_null=True)
    version = _Version("offensive")

    class Meta:
        ref_name = "ListeningOffensive"


class _PersonalDataOut(serializers.Serializer[Mention]):
    found = serializers.ListField(
        source="personal_data",
        child=serializers.DictField(),
        help_text="Each kind found and where (`kind`, `rule`, `start`, `end`), never the data.",
    )
    version = _Version("personal_data")

    class Meta:
        ref_name = "ListeningPersonalData"


class _SafeguardingOut(serializers.Serializer[Mention]):
    flag = serializers.BooleanField(source="safeguarding", allow_null=True)
    reasons = serializers.ListField(source="safeguarding_reasons", child=serializers.CharField())
    version = _Version("safeguarding")

    class Meta:
        ref_name = "ListeningSafeguarding"


class _ServiceOut(serializers.Serializer[Mention]):
    label = serializers.CharField(source="service_label")  # type: ignore[assignment]
    confidence = serializers.FloatField(source="service_confidence", allow_null=True)
    version = _Version("service")

    class Meta:
        ref_name = "ListeningServiceRoute"


class _EngagementOut(serializers.Serializer[Mention]):
    likes = serializers.IntegerField()
    shares = serializers.IntegerField()
    replies = serializers.IntegerField()

    class Meta:
        ref_name = "ListeningEngagement"


class _AuthorOut(serializers.Serializer[Mention]):
    handle = serializers.CharField(source="author_handle")
    name = serializers.CharField(source="author_name")

    class Meta:
        ref_name = "ListeningAuthor"

    def get_attribute(self, instance: Mention) -> Mention | None:
        # Minimised unless the council's privacy settings record why it needs authors: the same
        # switch as the export's author columns.
        return instance if self.context.get("authors_shown") else None


class _NamedRefOut(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField()

    class Meta:
        ref_name = "ListeningSourceRef"


class _QueryRefOut(_NamedRefOut):
    topic = serializers.CharField()

    class Meta:
        ref_name = "ListeningQueryRef"


class MentionOut(serializers.Serializer[Mention]):
    network = serializers.CharField()
    key = serializers.SerializerMethodField(
        help_text="The mention's id on its network, base64url: with `network`, its address."
    )
    source = _NamedRefOut()  # type: ignore[assignment]
    kind = serializers.CharField()
    url = serializers.CharField()
    text = serializers.CharField()
    posted_at = serializers.DateTimeField()
    language = serializers.CharField()
    is_repost = serializers.BooleanField()
    engagement = _EngagementOut(source="*")
    author = _AuthorOut(
        source="*",
        allow_null=True,
        help_text="Null unless the council's privacy settings allow authors in exports.",
    )
    sentiment = _SentimentOut(source="*")
    offensive = _OffensiveOut(source="*")
    personal_data = _PersonalDataOut(source="*")
    safeguarding = _SafeguardingOut(source="*")
    service = _ServiceOut(source="*")
    enriched_at = serializers.DateTimeField(allow_null=True)
    queries = _QueryRefOut(many=True, source="queries.all")
    deleted_on_network_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "ListeningMention"

    def get_key(self, mention: Mention) -> str:
        return selectors.mention_key(mention)


class MentionPageOut(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    count_capped = serializers.BooleanField()
    next = serializers.CharField(allow_null=True)
    results = MentionOut(many=True)

    class Meta:
        ref_name = "ListeningMentionPage"


def _authors_shown(request: Request) -> dict[str, bool]:
    council = token_auth(request).context.council
    return {"authors_shown": settings_for(council).authors_in_exports}


class MentionListApi(APIView):
    allowed_roles = READERS

    @extend_schema(
        operation_id="listening_mentions_list",
        summary="The council's mentions, newest first, with the mentions page's filters",
        tags=["listening"],
        parameters=[MentionFilterIn],
        responses={
            200: MentionPageOut,
            **error_responses(
                invalid={"sentiment": ['"cross" is not a valid choice.']},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        params = filters_of(request, MentionFilterIn)
        page = selectors.mention_page(
            params.council,
            params.mention_filters(),
            cursor=params.validated_data["after"],
            size=params.validated_data["page_size"],
        )
        results = MentionOut(page.items, many=True, context=_authors_shown(request))  # type: ignore[arg-type]
        return Response(
            {
                "count": page.count,
                "count_capped": page.count_capped,
                "next": page.next_cursor or None,
                "results": results.data,
            }
        )


class MentionDetailApi(APIView):
    allowed_roles = READERS

    @extend_schema(
        operation_id="listening_mentions_retrieve",
        summary="One mention, by its network and key",
        tags=["listening"],
        responses={200: MentionOut, **error_responses(forbidden=True, not_found=True)},
    )
    def get(self, request: Request, network: str, key: str) -> Response:
        council = token_auth(request).context.council
        mention = selectors.mention_of(council, network, key)
        return Response(MentionOut(mention, context=_authors_shown(request)).data)
