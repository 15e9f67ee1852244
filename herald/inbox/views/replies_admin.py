"""Around the replies: the queue of replies waiting for an approver or failed, saved responses,
each account's reply settings (approval, the out-of-hours acknowledgement) and moderation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.selectors import council_services
from herald.inbox.models import Message, SavedResponse
from herald.inbox.replies import moderation, presenters, rules, saved, selectors
from herald.inbox.replies.forms import ModerationForm, ReplySettingsForm, SavedResponseForm
from herald.inbox.replies.out_of_hours import save_account_reply_settings
from herald.inbox.views.replies import actor_for, reply_url

if TYPE_CHECKING:
    from uuid import UUID

REPLY_HEAD = [{"text": "Reply"}, {"text": "Author"}, {"text": "Status"}, {"text": "Changed"}]


@council_required(*rules.READERS)
def reply_queue(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    waiting = selectors.awaiting_approval(council=council)[:200]
    failed = selectors.failed_replies(council=council)[:200]
    return render(
        request,
        "inbox/replies/queue.jinja",
        {
            "head": REPLY_HEAD,
            "waiting": presenters.reply_rows(waiting, reply_url),
            "failed": presenters.reply_rows(failed, reply_url),
        },
    )


# -- saved responses ----------------------------------------------------------------------------


@council_required(*rules.READERS)
def saved_response_list(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    return render(
        request,
        "inbox/replies/saved_responses.jinja",
        {
            "responses": selectors.saved_responses(council=context.council),
            "archived": selectors.saved_responses(council=context.council, archived=True),
            "may_manage": context.has_any(*rules.MANAGERS),
        },
    )


def _saved_form(request: HttpRequest, **kwargs: object) -> SavedResponseForm:
    council = current_context(request).council
    return SavedResponseForm(
        request.POST or None, services=list(council_services(council=council)), **kwargs
    )


@council_required(*rules.MANAGERS)
def saved_response_new(request: HttpRequest) -> HttpResponse:
    form = _saved_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            saved.create_saved_response(
                council=current_context(request).council,
                service=form.chosen_service(),
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                actor=actor_for(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Saved response added")
            return redirect("inbox:saved_responses")
    return render(
        request,
        "inbox/replies/saved_response_form.jinja",
        {"form": form, "title": "Add a saved response"},
    )


@council_required(*rules.MANAGERS)
def saved_response_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.saved_response_in(council=council, public_id=public_id)
    initial = {
        "title": found.title,
        "text": found.text,
        "service": str(found.service.public_id) if found.service else "",
    }
    form = _saved_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved.update_saved_response(
                saved=found,
                service=form.chosen_service(),
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                actor=actor_for(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Saved response changed")
            return redirect("inbox:saved_responses")
    return render(
        request,
        "inbox/replies/saved_response_form.jinja",
        {"form": form, "title": f"Change {found.title}", "saved": found},
    )


@require_POST
@council_required(*rules.MANAGERS)
def saved_response_archive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found: SavedResponse = selectors.saved_response_in(
        council=current_context(request).council, public_id=public_id
    )
    saved.archive_saved_response(saved=found, actor=actor_for(request))
    messages.success(request, f"{found.title} archived")
    return redirect("inbox:saved_responses")


# -- each account's reply settings --------------------------------------------------------------


@council_required(*rules.MANAGERS)
def reply_settings(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    by_account = selectors.reply_settings_by_account(council=council)
    rows = [
        {"account": account, "settings": by_account.get(account.pk)}
        for account in council.social_accounts.open().order_by("name", "pk")
    ]
    return render(request, "inbox/replies/reply_settings.jinja", {"rows": rows})


@council_required(*rules.MANAGERS)
def reply_settings_account(request: HttpRequest, account_id: UUID) -> HttpResponse:
    council = current_context(request).council
    account = selectors.account_in(council=council, public_id=account_id)
    current = selectors.reply_settings_for(account=account)
    initial = {
        "replies_need_approval": bool(current and current.replies_need_approval),
        "out_of_hours_enabled": bool(current and current.out_of_hours_enabled),
        "out_of_hours_text": current.out_of_hours_text if current else "",
    }
    form = ReplySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_account_reply_settings(
                account=account, actor=actor_for(request), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error("out_of_hours_text", error.message)
        else:
            messages.success(request, f"Reply settings for {account.name} saved")
            return redirect("inbox:reply_settings")
    findings = presenters.finding_items(current.out_of_hours_findings) if current else []
    return render(
        request,
        "inbox/replies/reply_settings_form.jinja",
        {"form": form, "account": account, "findings": findings},
    )


# -- moderation ---------------------------------------------------------------------------------


@council_required(*rules.MODERATORS)
def moderate(request: HttpRequest, public_id: UUID, message_id: int) -> HttpResponse:
    council = current_context(request).council
    conversation = selectors.conversation_in(council=council, public_id=public_id)
    message: Message = selectors.message_in(conversation=conversation, message_id=message_id)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = moderation.moderate_message(
                message=message,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                actor=actor_for(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, outcome.message)
            return redirect("inbox:reply", public_id=conversation.public_id)
    return render(
        request,
        "inbox/replies/moderate.jinja",
        {
            "form": form,
            "conversation": conversation,
            "item": presenters.message_items([message])[0],
            "history": message.moderation.select_related("actor").order_by("created_at", "id"),
        },
    )


@council_required(*rules.MODERATORS)
def moderation_log(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    return render(
        request,
        "inbox/replies/moderation.jinja",
        {"actions": selectors.moderation_actions(council=council)[:200]},
    )
