"""Posts: the list, the composer, the live standards check, the preview and the detail page
with its actions (submit, decide, sign off, schedule, take back, withdraw)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.roles import Role
from herald.publishing import presenters, rules, selectors, services
from herald.publishing.forms import (
    ComposerForm,
    DecisionForm,
    NoteForm,
    PostFilterForm,
    ScheduleForm,
    SignOffForm,
    council_campaigns,
)
from herald.publishing.models import Post
from herald.publishing.services.validation import findings_for, pre_election_holds
from herald.publishing.views.common import actor_for, page, show_error
from herald.standards.selectors import rule_pack_for

if TYPE_CHECKING:
    from uuid import UUID

    from herald.councils.context import CouncilContext

P = Post.Status
LIST_HEAD = presenters.head("Post", "Accounts", "Status", "Time to post", "Author")


@council_required(*rules.READERS)
def post_list(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    filters = PostFilterForm(request.GET)
    filters.is_valid()
    data = filters.cleaned_data if filters.is_valid() else {}
    view = data.get("view", "")
    if view == "awaiting":
        found: Any = selectors.awaiting_approval_by(
            council=context.council, user=context.membership.user
        )
    else:
        found = selectors.posts(
            council=context.council,
            status=P.DRAFT if view == "mine" else data.get("status", ""),
            account=data.get("account", ""),
            campaign=data.get("campaign", ""),
            author=context.membership.user if view == "mine" else None,
        )
    listing = Paginator(found, 50).get_page(request.GET.get("page"))
    accounts = list(rules.draftable_accounts(context)) if context.has_any(*rules.DRAFTERS) else []
    all_accounts = context.council.social_accounts.open().order_by("name")
    return page(
        request,
        "publishing/posts.jinja",
        {
            "head": LIST_HEAD,
            "rows": presenters.post_rows(listing.object_list),
            "listing": listing,
            "filters": data,
            "view": view,
            "status_items": _items([("", "Any status"), *P.choices], data.get("status", "")),
            "account_items": _items(
                [("", "Any account")] + [(str(a.public_id), a.name) for a in all_accounts],
                data.get("account", ""),
            ),
            "campaign_items": _items(
                [("", "Any campaign")]
                + [(str(c.public_id), c.name) for c in council_campaigns(context.council)],
                data.get("campaign", ""),
            ),
            "can_draft": bool(accounts),
        },
    )


def _items(choices: list[tuple[str, str]], selected: str) -> list[dict[str, Any]]:
    return [{"value": v, "text": t, "selected": v == selected} for v, t in choices]


def _composer(request: HttpRequest, context: CouncilContext, **kwargs: Any) -> ComposerForm:
    return ComposerForm(
        request.POST or None,
        accounts=rules.draftable_accounts(context),
        media=selectors.usable_media(council=context.council),
        campaigns=council_campaigns(context.council),
        **kwargs,
    )


@council_required(*rules.DRAFTERS)
def new_post(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    form = _composer(request, context)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(
                council=context.council,
                author=context.membership.user,
                data=form.post_input(),
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            return _after_save(request, post)
    return page(request, "publishing/composer.jinja", {"form": form, "title": "Write a post"})


@council_required(*rules.DRAFTERS)
def edit_post(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    post = selectors.visible_post(council=context.council, public_id=public_id)
    if not services.may_edit(post, context.membership.user):
        raise Http404
    form = _composer(request, context, initial=ComposerForm.initial_for(post))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_post(post=post, data=form.post_input(), actor=actor_for(request))
        except DomainError as error:
            show_error(form, error)
        else:
            return _after_save(request, post)
    return page(
        request,
        "publishing/composer.jinja",
        {"form": form, "title": f"Change {post.title}", "post": post},
    )


def _after_save(request: HttpRequest, post: Post) -> HttpResponse:
    if request.POST.get("then") == "submit":
        try:
            services.submit_post(post=post, actor=actor_for(request))
        except DomainError as error:
            messages.error(request, f"Saved, but not submitted: {error.message}")
        else:
            messages.success(request, f"Post {Post.Status(post.status).label.lower()}")
            return redirect("publishing:post", public_id=post.public_id)
    else:
        messages.success(request, "Draft saved")
    return redirect("publishing:post", public_id=post.public_id)


@require_POST
@council_required(*rules.DRAFTERS)
def check_fragment(request: HttpRequest) -> HttpResponse:
    """The live standards check for the composer: findings per chosen account, nothing saved."""
    context = current_context(request)
    form = _composer(request, context)
    form.is_valid()
    data = form.cleaned_data
    results = []
    chosen = [
        form.accounts_by_id[k] for k in data.get("accounts") or [] if k in form.accounts_by_id
    ]
    pack = rule_pack_for(council=context.council)
    probe = Post(council=context.council, title="", scheduled_for=data.get("when"))
    for account in chosen:
        text = (data.get(f"text_{account.public_id}") or "").strip() or (data.get("text") or "")
        variant = _Probe(account=account, text=text, first_comment=data.get("first_comment") or "")
        findings = findings_for(probe, variant, pack=pack, holds=[])  # type: ignore[arg-type]
        results.append(
            {
                "account": account,
                "findings": presenters.finding_items(findings),
                "length": len(text),
            }
        )
    return render(request, "publishing/_findings.jinja", {"results": results, "live": True})


class _Probe:
    """A variant-shaped object for the live check (no media; nothing saved)."""

    def __init__(self, *, account: Any, text: str, first_comment: str) -> None:
        self.account = account
        self.account_id = account.pk
        self.text = text
        self.first_comment = first_comment

    class _NoMedia:
        def select_related(self, *_: str) -> list[Any]:
            return []

    media = _NoMedia()


@council_required(*rules.READERS)
def post_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    post = selectors.visible_post(council=context.council, public_id=public_id)
    bound: forms.Form | None = None
    if request.method == "POST":
        bound = _act(request, post)
        if bound is None:
            return redirect("publishing:post", public_id=post.public_id)
    return page(request, "publishing/post.jinja", _detail_values(context, post, bound))


def _detail_values(context: CouncilContext, post: Post, bound: forms.Form | None) -> dict[str, Any]:
    user = context.membership.user
    variants = list(post.variants.select_related("account").prefetch_related("media__item"))
    may_edit = services.may_edit(post, user)
    awaiting = post.status == P.AWAITING_APPROVAL
    may_decide = awaiting and rules.may_approve(post=post, user=user)
    needed = (
        services.needed_sign_offs(post)
        if post.status in (P.DRAFT, P.RETURNED, P.AWAITING_APPROVAL, P.HELD)
        else []
    )
    deliveries = selectors.deliveries_of(post)
    values: dict[str, Any] = {
        "post": post,
        "summary": presenters.post_summary(post),
        "variants": presenters.variant_views(variants),
        "history": presenters.history_rows(post.status_changes.all()),
        "approvals": presenters.approval_rows(post.approvals.select_related("approver")),
        "sign_offs": presenters.sign_off_rows(post.sign_offs.select_related("officer")),
        "revisions": presenters.revision_rows(post.revisions.select_related("editor")),
        "deliveries": presenters.delivery_rows(deliveries),
        "needed": [
            {"item": n, "form": SignOffForm(initial={"kind": n.kind, "subject": n.subject})}
            for n in needed
            if not n.done
        ],
        "done_sign_offs": [n for n in needed if n.done],
        "can_edit": may_edit
        and (post.status in ("draft", "returned") or post.status in services.posts.TAKE_BACK),
        "can_submit": may_edit and post.status in ("draft", "returned"),
        "can_take_back": may_edit and post.status in services.posts.TAKE_BACK,
        "decision_form": DecisionForm() if may_decide else None,
        "schedule_form": ScheduleForm(initial=_when_initial(post))
        if post.status in services.posts.SCHEDULABLE and services.may_schedule(post, user)
        else None,
        "can_withdraw": post.status in services.posts.WITHDRAWABLE
        and (may_edit or context.has_any(Role.APPROVER, Role.COUNCIL_ADMIN)),
        "note_form": NoteForm(),
        "pre_election": pre_election_holds(post),
    }
    if bound is not None:
        values["form"] = bound  # the error summary
        slot = {
            DecisionForm: "decision_form",
            ScheduleForm: "schedule_form",
            NoteForm: "note_form",
        }.get(type(bound))
        if slot:
            values[slot] = bound
    return values


def _when_initial(post: Post) -> dict[str, Any]:
    from django.utils import timezone  # noqa: PLC0415

    if post.scheduled_for is None:
        return {}
    local = timezone.localtime(post.scheduled_for)
    return {"day": local.date(), "time": f"{local:%H:%M}"}


def _decide(post: Post, actor: Actor, data: dict[str, Any]) -> None:
    decide = {
        "approve": services.approve_post,
        "return": services.return_post,
        "reject": services.reject_post,
    }[data["decision"]]
    decide(post=post, actor=actor, note=data["note"])


def _schedule(post: Post, actor: Actor, data: dict[str, Any]) -> None:
    services.schedule_post(post=post, when=data["when"], actor=actor)


def _sign_off(post: Post, actor: Actor, data: dict[str, Any]) -> None:
    services.sign_off(
        post=post, actor=actor, kind=data["kind"], subject=data["subject"], note=data["note"]
    )


def _submit(post: Post, actor: Actor, data: dict[str, Any]) -> None:
    services.submit_post(post=post, actor=actor, note=data["note"])


def _take_back(post: Post, actor: Actor, data: dict[str, Any]) -> None:
    services.take_back(post=post, actor=actor)


def _withdraw(post: Post, actor: Actor, data: dict[str, Any]) -> None:
    services.withdraw_post(post=post, actor=actor, note=data["note"])


ACTIONS: dict[str, tuple[type[forms.Form], Callable[[Post, Actor, dict[str, Any]], None]]] = {
    "decide": (DecisionForm, _decide),
    "schedule": (ScheduleForm, _schedule),
    "sign_off": (SignOffForm, _sign_off),
    "submit": (NoteForm, _submit),
    "take_back": (NoteForm, _take_back),
    "withdraw": (NoteForm, _withdraw),
}


def _act(request: HttpRequest, post: Post) -> forms.Form | None:
    """Carry out one action from the detail page; the bound form with errors if it failed."""
    chosen = ACTIONS.get(request.POST.get("action", ""))
    if chosen is None:
        raise Http404
    form_class, handler = chosen
    form = form_class(request.POST)
    if not form.is_valid():
        return form
    try:
        handler(post, actor_for(request), form.cleaned_data)
    except DomainError as error:
        post.refresh_from_db()
        show_error(form, error)
        return form
    messages.success(request, f"Post {Post.Status(post.status).label.lower()}")
    return None


@council_required(*rules.READERS)
def preview(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """How the post will look on each network, with what each network allows."""
    context = current_context(request)
    post = selectors.visible_post(council=context.council, public_id=public_id)
    variants = list(post.variants.select_related("account").prefetch_related("media__item"))
    problems = services.post_problems(post, scheduling=False)
    return page(
        request,
        "publishing/preview.jinja",
        {
            "post": post,
            "variants": presenters.variant_views(variants),
            "problems": problems,
            "author": context.council.name,
        },
    )
