"""Tracked short links: the page that makes them, and the public redirect that counts clicks."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.programme import selectors
from herald.programme.forms import LinkForm
from herald.programme.selectors import EDITORS
from herald.programme.services import links as link_services
from herald.programme.views.common import actor_for


@council_required(*EDITORS)
def links(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    form = LinkForm(request.POST if request.method == "POST" else None, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = link_services.create_link(
                council=council,
                target_url=data["target_url"],
                label=data["label"],
                service=data["service"],
                actor=actor_for(request),
            )
        except DomainError as error:
            form.add_error("target_url", error.message)
        else:
            messages.success(request, f"Created {request.build_absolute_uri('/l/' + made.code)}")
            return redirect("programme:links")
    return render(
        request,
        "programme/links.jinja",
        {
            "form": form,
            "links": list(selectors.links(council=council)),
            "base": request.build_absolute_uri("/l/"),
        },
    )


@council_required(*EDITORS)
@require_POST
def stop_link(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.link(council=council, public_id=public_id)
    link_services.deactivate_link(link=found, actor=actor_for(request))
    messages.success(request, f"Stopped /l/{found.code}")
    return redirect("programme:links")


@require_GET
def follow(request: HttpRequest, code: str) -> HttpResponse:
    """Public: count the click (nothing about the visitor) and send them on."""
    found = selectors.followable_link(code=code)
    if found is None:
        raise Http404("No such link")
    link_services.record_click(link=found)
    response = HttpResponseRedirect(found.target_url)
    response["Cache-Control"] = "no-store"  # every click reaches Herald to be counted
    response["Referrer-Policy"] = "no-referrer"
    return response
