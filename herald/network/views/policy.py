"""The policy pages: categories and actions, domain lists, groups and exceptions, versions."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.roles import Role
from herald.network import selectors, services
from herald.network.enforcement import write_squid_config
from herald.network.forms import (
    ActionForm,
    DomainForm,
    ExceptionForm,
    GroupForm,
    IdentityForm,
    ImportForm,
)
from herald.network.models import Action
from herald.network.selectors import POLICY_EDITORS, POLICY_READERS
from herald.network.views.common import actor_for, cell, head, show_error

DOMAINS_SHOWN = 500


def _can_edit(request: HttpRequest) -> bool:
    return current_context(request).has_any(*POLICY_EDITORS)


@council_required(*POLICY_READERS)
def overview(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    rows = []
    counts = selectors.domain_counts(council)
    for category in selectors.categories(council):
        link = format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            f"/network/categories/{category.public_id}/",
            category.name,
        )
        count = counts.get(category.pk, 0)
        rows.append(
            [
                cell(category.name, html=link),
                cell(category.get_action_display()),
                cell(count, numeric=True),
                cell(category.description),
            ]
        )
    latest = selectors.versions(council).first()
    return render(
        request,
        "network/overview.jinja",
        {
            "head": head("Category", "Action", "Domains", "About", numeric=(2,)),
            "rows": rows,
            "latest": latest,
            "can_edit": _can_edit(request),
        },
    )


@council_required(*POLICY_READERS)
def category(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.category(council, public_id)
    domains = found.domains.filter(removed_at__isnull=True)
    total = domains.count()
    return render(
        request,
        "network/category.jinja",
        {
            "category": found,
            "domains": list(domains[:DOMAINS_SHOWN]),
            "total": total,
            "shown": min(total, DOMAINS_SHOWN),
            "can_edit": _can_edit(request),
        },
    )


@council_required(*POLICY_EDITORS)
def change_action(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.category(council, public_id)
    posted = request.method == "POST"
    form = ActionForm(request.POST) if posted else ActionForm(initial={"action": found.action})
    if posted and form.is_valid():
        try:
            services.change_action(
                category=found,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{found.name}: {Action(found.action).label}")
            return redirect("network:category", public_id=found.public_id)
    return render(
        request,
        "network/form.jinja",
        {
            "form": form,
            "title": f"Change the action for {found.name}",
            "button": "Save the action",
            "back": (f"/network/categories/{found.public_id}/", found.name),
        },
    )


@council_required(*POLICY_EDITORS)
def add_domain(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.category(council, public_id)
    posted = request.method == "POST"
    form = DomainForm(request.POST) if posted else DomainForm()
    if posted and form.is_valid():
        try:
            services.add_domain(
                category=found, domain=form.cleaned_data["domain"], actor=actor_for(request)
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Added {form.cleaned_data['domain'].strip()}")
            return redirect("network:category", public_id=found.public_id)
    return render(
        request,
        "network/form.jinja",
        {
            "form": form,
            "title": f"Add a domain to {found.name}",
            "button": "Add the domain",
            "back": (f"/network/categories/{found.public_id}/", found.name),
        },
    )


@require_POST
@council_required(*POLICY_EDITORS)
def remove_domain(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.category(council, public_id)
    domain = request.POST.get("domain", "")
    try:
        services.remove_domain(category=found, domain=domain, actor=actor_for(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Removed {domain}")
    return redirect("network:category", public_id=found.public_id)


@council_required(*POLICY_EDITORS)
def import_domains(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.category(council, public_id)
    posted = request.method == "POST"
    form = ImportForm(request.POST) if posted else ImportForm()
    problems = None
    if posted and form.is_valid():
        result = services.import_domains(
            category=found,
            text=form.cleaned_data["domains"],
            actor=actor_for(request),
            note=form.cleaned_data["note"],
        )
        if result.applied:
            messages.success(
                request,
                f"Imported {len(result.added)} domains ({result.already_present} already listed)",
            )
            return redirect("network:category", public_id=found.public_id)
        form.add_error(
            "domains",
            f"{len(result.errors)} lines have a problem, so nothing was imported"
            if result.errors[0][0]
            else result.errors[0][2],
        )
        problems = [
            [cell(line, numeric=True), cell(text), cell(problem)]
            for line, text, problem in result.errors[:500]
            if line
        ]
    return render(
        request,
        "network/import.jinja",
        {
            "form": form,
            "category": found,
            "problems": problems,
            "problem_head": head("Line", "Text", "Problem", numeric=(0,)),
        },
    )


@council_required(*POLICY_READERS)
def groups(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    group_rows = [
        [
            cell(group.name),
            cell(", ".join(s.name for s in group.services.all()) or "None"),
            cell(", ".join(Role(r).label for r in group.roles if r in Role.values) or "None"),
            cell(", ".join(m.full_name for m in group.members.all()) or "None"),
        ]
        for group in selectors.groups(council)
    ]
    exception_rows = [
        {
            "item": item,
            "state": "Revoked" if item.revoked_at else f"Until {item.expires_on:%-d %B %Y}",
        }
        for item in selectors.exceptions(council)
    ]
    return render(
        request,
        "network/groups.jinja",
        {
            "group_head": head("Group", "Services", "Roles", "People"),
            "group_rows": group_rows,
            "exception_rows": exception_rows,
            "can_edit": _can_edit(request),
        },
    )


@council_required(*POLICY_EDITORS)
def new_group(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    posted = request.method == "POST"
    form = GroupForm(request.POST if posted else None, council=council)
    if posted and form.is_valid():
        try:
            services.create_group(
                council=council,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                services=form.cleaned_data["services"],
                members=[],
                roles=form.cleaned_data["roles"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Created the group {form.cleaned_data['name']}")
            return redirect("network:groups")
    return render(
        request,
        "network/form.jinja",
        {
            "form": form,
            "title": "Add a staff group",
            "button": "Add the group",
            "back": ("/network/groups/", "Groups and exceptions"),
        },
    )


@council_required(*POLICY_EDITORS)
def new_exception(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    posted = request.method == "POST"
    form = ExceptionForm(request.POST if posted else None, council=council)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_exception(
                group=data["group"],
                category=data["category"],
                action=data["action"],
                business_reason=data["business_reason"],
                approver=data["approver"],
                expires_on=data["expires_on"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Exception added")
            return redirect("network:groups")
    return render(
        request,
        "network/form.jinja",
        {
            "form": form,
            "title": "Add an exception",
            "lede": "An exception gives one group a different action for one category. It needs "
            "a business reason, an approver and an expiry date.",
            "button": "Add the exception",
            "back": ("/network/groups/", "Groups and exceptions"),
        },
    )


@require_POST
@council_required(*POLICY_EDITORS)
def revoke_exception(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    services.revoke_exception(
        exception=selectors.exception(council, public_id), actor=actor_for(request)
    )
    messages.success(request, "Exception revoked")
    return redirect("network:groups")


@council_required(*POLICY_READERS)
def identities(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    posted = request.method == "POST"
    if posted and not context.has_any(*POLICY_EDITORS):
        raise PermissionDenied
    form = IdentityForm(request.POST if posted else None, council=context.council)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.map_identity(
                council=context.council,
                kind=data["kind"],
                value=data["value"],
                staff_member=data["staff_member"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{data['value'].strip()} is {data['staff_member']}")
            return redirect("network:identities")
    rows = [
        [
            cell(item.value),
            cell(item.get_kind_display()),
            cell(item.staff_member.full_name),
        ]
        for item in selectors.identities(context.council)[:500]
    ]
    return render(
        request,
        "network/identities.jinja",
        {
            "form": form,
            "rows": rows,
            "head": head("User name or address", "Kind", "Staff member"),
            "can_edit": _can_edit(request),
        },
    )


@council_required(*POLICY_READERS)
def versions(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    rows = [
        [
            cell(version.number, numeric=True),
            cell(f"{version.created_at:%-d %B %Y %H:%M}"),
            cell(version.author_label),
            cell(version.note),
        ]
        for version in selectors.versions(council)[:200]
    ]
    numbers = list(selectors.versions(council).values_list("number", flat=True)[:200])
    return render(
        request,
        "network/versions.jinja",
        {
            "head": head("Version", "When", "Who", "Change", numeric=(0,)),
            "rows": rows,
            "numbers": numbers,
        },
    )


def _number(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


@council_required(*POLICY_READERS)
def compare(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    before = selectors.version(council, _number(request.GET.get("from")))
    after = selectors.version(council, _number(request.GET.get("to")))
    diff = services.compare(before.snapshot, after.snapshot)
    return render(
        request, "network/compare.jinja", {"before": before, "after": after, "diff": diff}
    )


@council_required(*POLICY_READERS)
def squid(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    latest = selectors.versions(council).first()
    return render(request, "network/squid.jinja", {"latest": latest})


@council_required(*POLICY_READERS)
def squid_download(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="herald-squid-") as tmp:
        result = write_squid_config(
            council=context.council,
            directory=Path(tmp),
            config_directory=Path("/etc/squid/herald"),
            warn_url=request.build_absolute_uri(reverse("network:warn")),
        )
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in result.files:
                archive.write(Path(tmp) / name, arcname=f"herald/{name}")
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="herald-squid-{context.council.slug}-v{result.version}.zip"'
    )
    return response
