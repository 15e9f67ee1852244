"""The reply page of a conversation: its messages read-only, the replies written so far, the
"someone is replying" marker, the form with the live standards check and saved responses, and
each reply's own page with its actions (send, approve or reject, retry, withdraw)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.inbox.models import Conversation, Reply
from herald.inbox.replies import checking, presenters, rules, selectors, services
from herald.inbox.replies.errors import OtherReplies
from herald.inbox.replies.forms import DecisionForm, ReplyForm
from herald.inbox.replies.workflow import EDITABLE

if TYPE_CHECKING:
    from uuid import UUID

    from herald.councils.context import CouncilContext

R = Reply.Status


def actor_for(request: HttpRequest) -> Actor:
    context = current_context(request)
    return Actor(user=context.membership.user, ip_address=client_ip(request))


def reply_url(reply: Reply) -> str:
    return reverse(
        "inbox:reply_detail",
        kwargs={"public_id": reply.conversation.public_id, "reply_id": reply.public_id},
    )


def _may_write(context: CouncilContext, conversation: Conversation) -> bool:
    return context.has_any(*rules.REPLIERS) and rules.may_reply_on(
        council=context.council, user=context.membership.user, account_id=conversation.account_id
    )


def _form(request: HttpRequest, conversation: Conversation, **kwargs: Any) -> ReplyForm:
    saved = list(
        selectors.saved_responses(council=conversation.council, service_id=conversation.service_id)
    )
    return ReplyForm(request.POST or None, saved=saved, **kwargs)


def _page(
    request: HttpRequest,
    conversation: Conversation,
    *,
    form: ReplyForm | None,
    reply: Reply | None = None,
    others: list[Reply] | None = None,
    decision: DecisionForm | None = None,
) -> HttpResponse:
    context = current_context(request)
    replies = selectors.conversation_replies(conversation=conversation)
    findings = reply.findings if reply is not None else []
    return render(
        request,
        "inbox/replies/reply.jinja",
        {
            "conversation": conversation,
            "messages_shown": presenters.message_items(
                selectors.conversation_messages(conversation=conversation)
            ),
            "reply_rows": presenters.reply_rows(replies, reply_url),
            "someone_replying": selectors.someone_replying(
                conversation=conversation, user=context.membership.user
            ),
            "may_moderate": context.has_any(*rules.MODERATORS),
            "my_drafts": []
            if reply
            else list(replies.filter(status=R.DRAFT, author=context.membership.user)),
            "reply_form": form,
            # The form whose errors the page's error summary lists.
            "form": decision if decision is not None and decision.errors else form,
            "reply": reply,
            "status_tag": presenters.status_tag(reply) if reply else "",
            "findings": presenters.finding_items(findings),
            "others": others or [],
            "decision": decision,
            "may_decide": _may_decide(context, reply),
            "may_retry": reply is not None
            and reply.status == R.FAILED
            and _may_write(context, conversation),
            "may_withdraw": _may_withdraw(context, reply),
            "history": list(reply.status_changes.order_by("created_at", "id")) if reply else [],
            "attempts": list(reply.attempts_made.all()) if reply else [],
            "action": reply_url(reply)
            if reply
            else reverse("inbox:reply", args=[conversation.public_id]),
        },
    )


def _may_decide(context: CouncilContext, reply: Reply | None) -> bool:
    return (
        reply is not None
        and reply.status == R.AWAITING_APPROVAL
        and context.has_any(*rules.APPROVERS)
        and reply.author != context.membership.user
    )


def _may_withdraw(context: CouncilContext, reply: Reply | None) -> bool:
    if reply is None or reply.status not in (R.DRAFT, R.AWAITING_APPROVAL, R.APPROVED, R.FAILED):
        return False
    return reply.author == context.membership.user or context.has_any(*rules.APPROVERS)


@council_required(*rules.READERS)
def reply_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A new reply: the conversation, the form and the live check."""
    context = current_context(request)
    conversation = selectors.conversation_in(council=context.council, public_id=public_id)
    writable = _may_write(context, conversation)
    form = _form(request, conversation) if writable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if request.POST.get("then") == "insert":
            return _insert(request, conversation, form, None)
        if form.is_valid():
            try:
                reply = services.start_reply(
                    conversation=conversation,
                    text=form.cleaned_data["text"],
                    actor=actor_for(request),
                )
            except DomainError as error:
                form.add_error("text", error.message)
            else:
                return _after_save(request, conversation, reply, form)
    return _page(request, conversation, form=form)


def _insert(
    request: HttpRequest, conversation: Conversation, form: ReplyForm, reply: Reply | None
) -> HttpResponse:
    """Without JavaScript: the saved response added to the text, nothing saved yet."""
    data = {"text": form.inserted_text(), "saved_response": ""}
    saved = list(form.saved_by_id.values())
    filled = ReplyForm(data, saved=saved)
    filled.is_valid()
    return _page(request, conversation, form=filled, reply=reply)


def _after_save(
    request: HttpRequest, conversation: Conversation, reply: Reply, form: ReplyForm
) -> HttpResponse:
    if request.POST.get("then") != "send":
        messages.success(request, "Draft saved")
        return redirect(reply_url(reply))
    try:
        services.submit_reply(
            reply=reply,
            actor=actor_for(request),
            confirm_others=bool(form.cleaned_data.get("confirm_others")),
        )
    except OtherReplies as error:
        form.add_error("confirm_others", error.message)
        return _page(request, conversation, form=form, reply=reply, others=error.others)
    except DomainError as error:
        form.add_error("text", error.message)
        return _page(request, conversation, form=form, reply=reply)
    messages.success(request, _sent_message(reply))
    return redirect(reply_url(reply))


def _sent_message(reply: Reply) -> str:
    if reply.status == R.AWAITING_APPROVAL:
        return "Reply sent to an approver"
    return "Reply queued to send"


@council_required(*rules.READERS)
def reply_detail(request: HttpRequest, public_id: UUID, reply_id: UUID) -> HttpResponse:
    """One reply: its status, findings, history and attempts; its author edits a draft here."""
    context = current_context(request)
    conversation = selectors.conversation_in(council=context.council, public_id=public_id)
    reply = selectors.reply_in(conversation=conversation, public_id=reply_id)
    editable = reply.status in EDITABLE and reply.author == context.membership.user
    form = None
    if editable:
        form = _form(request, conversation, initial={"text": reply.text})
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if request.POST.get("then") == "insert":
            return _insert(request, conversation, form, reply)
        if form.is_valid():
            try:
                services.update_reply(
                    reply=reply, text=form.cleaned_data["text"], actor=actor_for(request)
                )
            except DomainError as error:
                form.add_error("text", error.message)
            else:
                return _after_save(request, conversation, reply, form)
    decision = DecisionForm() if _may_decide(context, reply) else None
    return _page(request, conversation, form=form, reply=reply, decision=decision)


@require_POST
@council_required(*rules.REPLIERS)
def check_fragment(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The live standards check as the officer types (nothing saved but the "replying" marker)."""
    context = current_context(request)
    conversation = selectors.conversation_in(council=context.council, public_id=public_id)
    text = str(request.POST.get("text", ""))
    findings = checking.reply_findings(
        council=context.council, account=conversation.account, text=text
    )
    reply_id = request.POST.get("reply", "")
    if reply_id:
        reply = conversation.replies_written.filter(
            public_id=reply_id, author=context.membership.user
        ).first()
        if reply is not None:
            services.mark_editing(reply=reply)
    return render(
        request,
        "inbox/replies/_findings.jinja",
        {"findings": presenters.finding_items(findings), "length": len(text), "live": True},
    )


def _action(request: HttpRequest, public_id: UUID, reply_id: UUID) -> tuple[Conversation, Reply]:
    context = current_context(request)
    conversation = selectors.conversation_in(council=context.council, public_id=public_id)
    return conversation, selectors.reply_in(conversation=conversation, public_id=reply_id)


@require_POST
@council_required(*rules.APPROVERS)
def decide(request: HttpRequest, public_id: UUID, reply_id: UUID) -> HttpResponse:
    conversation, reply = _action(request, public_id, reply_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.approve_reply(reply=reply, actor=actor_for(request), note=data["note"])
            else:
                services.reject_reply(reply=reply, actor=actor_for(request), note=data["note"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Reply {R(reply.status).label.lower()}")
            return redirect(reply_url(reply))
    return _page(request, conversation, form=None, reply=reply, decision=form)


@require_POST
@council_required(*rules.REPLIERS)
def retry(request: HttpRequest, public_id: UUID, reply_id: UUID) -> HttpResponse:
    _, reply = _action(request, public_id, reply_id)
    try:
        services.retry_reply(reply=reply, actor=actor_for(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Reply queued to send again")
    return redirect(reply_url(reply))


@require_POST
@council_required(*rules.READERS)
def withdraw(request: HttpRequest, public_id: UUID, reply_id: UUID) -> HttpResponse:
    _, reply = _action(request, public_id, reply_id)
    try:
        services.withdraw_reply(reply=reply, actor=actor_for(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Reply withdrawn")
    return redirect(reply_url(reply))
