"""The check page: paste a post, see each finding highlighted in place. Works without
JavaScript; with it, ``check.js`` re-checks as the person types through ``check_fragment``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from herald.councils.access import council_required, current_context
from herald.standards.checking import TextToCheck, check_texts
from herald.standards.forms import CheckForm
from herald.standards.presenters import CheckResults, category_help
from herald.standards.selectors import rule_pack_for


def _results(request: HttpRequest, form: CheckForm) -> CheckResults | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    item = TextToCheck(text=data["text"], network=data["network"], account=data["account"])
    pack = rule_pack_for(council=current_context(request).council)
    return CheckResults(text=item.text, findings=check_texts([item], pack=pack)[0])


@council_required()
def check_page(request: HttpRequest) -> HttpResponse:
    """Anyone working in the council may check a text; nothing is stored."""
    form = CheckForm(request.POST) if request.method == "POST" else CheckForm()
    results = _results(request, form) if form.is_bound else None
    return render(
        request,
        "standards/check.jinja",
        {"form": form, "results": results, "categories": category_help()},
    )


@require_POST
@council_required()
def check_fragment(request: HttpRequest) -> HttpResponse:
    """Just the results region, for the live check. An empty or invalid text clears it."""
    form = CheckForm(request.POST)
    return render(request, "standards/_results.jinja", {"results": _results(request, form)})
