"""Pages outside any council: health and the statutory pages (accessibility, privacy, cookies)."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """Liveness and database reachability for load balancers. Reveals nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja")


def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.jinja")
