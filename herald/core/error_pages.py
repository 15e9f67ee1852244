"""GOV.UK-style error pages. They never reveal whether another council's object exists."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.jinja", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.jinja", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.jinja", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Deliberately no context: the database or session may be what failed.
    return render(request, "errors/500.jinja", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: usually a page left open past sign-out."""
    return render(request, "errors/csrf.jinja", status=403)
