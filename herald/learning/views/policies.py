"""Policy pages: the list, a document, a readable version, comparison, drafting, approval, reading."""

from __future__ import annotations

import datetime
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.learning import presenters, selectors
from herald.learning.forms import AcknowledgeForm, ApproveForm, DocumentForm, DraftForm
from herald.learning.services import policies as services
from herald.learning.services.errors import VersionNotCurrent
from herald.learning.views.common import COMPLIANCE_VIEWERS, CONTENT_EDITORS, actor_for, posted


@council_required()
def policy_list(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    documents = selectors.policy_documents(council=context.council)
    return render(
        request,
        "learning/policy_list.jinja",
        {
            "documents": documents,
            "can_edit": context.has_any(*CONTENT_EDITORS),
            # Flag documents whose review falls within the next month, so it can be scheduled.
            "review_horizon": timezone.localdate() + datetime.timedelta(days=31),
        },
    )


@council_required(*CONTENT_EDITORS)
def policy_create(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    form = DocumentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_document(
                council=context.council, actor=actor_for(request, context), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("learning:policy_draft", public_id=document.public_id)
    return render(request, "learning/policy_form.jinja", {"form": form})


@council_required(*CONTENT_EDITORS)
def policy_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Change a document's title, scope or next review date; its text changes by new versions."""
    context = current_context(request)
    document = selectors.policy_document(council=context.council, public_id=public_id)
    initial = {
        "kind": document.kind,
        "title": document.title,
        "acknowledgement_scope": document.acknowledgement_scope,
        "next_review_on": document.next_review_on,
    }
    form = DocumentForm(posted(request), initial=initial)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_document(
            document=document,
            title=data["title"],
            acknowledgement_scope=data["acknowledgement_scope"],
            next_review_on=data["next_review_on"],
            actor=actor_for(request, context),
        )
        messages.success(request, f"Saved the details of {document.title}")
        return redirect("learning:policy", public_id=document.public_id)
    return render(request, "learning/policy_form.jinja", {"form": form, "document": document})


@council_required()
def policy_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    document = selectors.policy_document(council=context.council, public_id=public_id)
    versions = list(document.versions.all())
    can_edit = context.has_any(*CONTENT_EDITORS)
    if not can_edit:
        versions = [v for v in versions if v.status != v.Status.DRAFT]
    return render(
        request,
        "learning/policy_detail.jinja",
        {
            "document": document,
            "versions": versions,
            "can_edit": can_edit,
            "tag": presenters.status_tag,
        },
    )


@council_required(*CONTENT_EDITORS)
def policy_draft(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Write the document's next version (or rewrite its draft); approval makes it count."""
    context = current_context(request)
    document = selectors.policy_document(council=context.council, public_id=public_id)
    draft = document.versions.filter(status="draft").first()
    source = draft or document.versions.exclude(status="draft").first()
    initial = (
        {"body": source.body, "change_summary": draft.change_summary if draft else ""}
        if source
        else {}
    )
    form = DraftForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        version = services.draft_version(
            document=document, actor=actor_for(request, context), **form.cleaned_data
        )
        messages.success(request, f"Saved draft version {version.number}")
        return redirect("learning:version", public_id=version.public_id)
    return render(request, "learning/draft_form.jinja", {"form": form, "document": document})


@council_required()
def version_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A version to read, with the acknowledgement form when it is in force and not yet read."""
    context = current_context(request)
    version = selectors.policy_version(council=context.council, public_id=public_id)
    can_edit = context.has_any(*CONTENT_EDITORS)
    if version.status == version.Status.DRAFT and not can_edit:
        raise Http404
    acknowledgement = selectors.acknowledgement_of(
        version=version, staff_member=context.membership.staff_member
    )
    form = AcknowledgeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        staff = context.membership.staff_member
        if staff is None:
            raise Http404
        try:
            services.acknowledge_version(
                version=version,
                staff_member=staff,
                actor=actor_for(request, context),
                user_agent=request.headers.get("user-agent", ""),
            )
        except VersionNotCurrent as error:
            form.add_error("confirm", error.message)
            if error.current is not None:
                messages.info(request, error.message)
                return redirect("learning:version", public_id=error.current.public_id)
        else:
            messages.success(request, f"You have acknowledged {version}")
            return redirect("learning:my_learning")
    return render(
        request,
        "learning/version_detail.jinja",
        {
            "version": version,
            "document": version.document,
            "body": presenters.render_markdown(version.body),
            "tag": presenters.status_tag(version.status, version.get_status_display()),
            "acknowledgement": acknowledgement,
            "form": form,
            "can_edit": can_edit,
            "can_see_outstanding": context.has_any(*COMPLIANCE_VIEWERS),
            "others": version.document.versions.exclude(pk=version.pk).exclude(status="draft"),
        },
    )


@council_required()
def version_compare(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """What changed between this version and another of the same document (``?with=``)."""
    context = current_context(request)
    version = selectors.policy_version(council=context.council, public_id=public_id)
    other = selectors.policy_version(council=context.council, public_id=request.GET.get("with", ""))
    drafts_hidden = not context.has_any(*CONTENT_EDITORS)
    if other.document_id != version.document_id or (
        drafts_hidden and "draft" in (version.status, other.status)
    ):
        raise Http404
    older, newer = sorted((version, other), key=lambda v: v.number)
    lines = presenters.compare_texts(older.body, newer.body)
    return render(
        request,
        "learning/version_compare.jinja",
        {
            "older": older,
            "newer": newer,
            "document": version.document,
            "rows": presenters.diff_table_rows(lines),
        },
    )


@council_required(*CONTENT_EDITORS)
def version_approve(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Record the committee's approval of a draft: it comes into force and staff are asked to read it."""
    context = current_context(request)
    version = selectors.policy_version(council=context.council, public_id=public_id)
    form = ApproveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.approve_version(
                version=version, actor=actor_for(request, context), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, f"{version} is now in force. Staff have been asked to acknowledge it."
            )
            return redirect("learning:version", public_id=version.public_id)
    return render(request, "learning/approve_form.jinja", {"form": form, "version": version})


@council_required(*COMPLIANCE_VIEWERS)
def version_outstanding(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Who has been asked to acknowledge this version and has not, and the evidence kept for
    those who have."""
    context = current_context(request)
    version = selectors.policy_version(council=context.council, public_id=public_id)
    people = selectors.outstanding_for_version(council=context.council, version=version)[:500]
    evidence = version.acknowledgements.select_related("staff_member", "user").order_by(
        "-acknowledged_at"
    )[:500]
    return render(
        request,
        "learning/version_outstanding.jinja",
        {"version": version, "people": people, "evidence": evidence},
    )
