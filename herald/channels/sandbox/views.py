"""The Sandbox network over HTTP: its JSON API (token-authenticated, like any network's; it
belongs to no council) and each account's public timeline page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from herald.channels.sandbox import protocol, replies, service


@csrf_exempt
def api(request: HttpRequest, path: str) -> JsonResponse:
    status, headers, payload = protocol.handle(
        request.method or "GET",
        path,
        request.headers,
        {key: request.GET.get(key, "") for key in request.GET},
        request.body,
    )
    response = JsonResponse(payload, status=status, safe=False)
    for name, value in headers.items():
        response[name] = value
    return response


def timeline(request: HttpRequest, handle: str) -> HttpResponse:
    try:
        account, posts = service.timeline(handle)
    except service.SandboxError:
        raise Http404("No such sandbox account") from None
    return render(
        request,
        "channels/sandbox_timeline.jinja",
        {"account": account, "posts": posts, "threads": replies.threads(posts)},
    )
