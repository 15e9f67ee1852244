"""Meta's webhook deliveries (Facebook Page and Instagram comments): no session, no CSRF — the
signature over the body is the authentication (``herald.listening.ingest.webhooks``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from herald.listening.ingest import webhooks


@csrf_exempt
@require_http_methods(["GET", "POST"])
def meta(request: HttpRequest) -> HttpResponse:
    try:
        if request.method == "GET":
            challenge = webhooks.verify_subscription(
                mode=request.GET.get("hub.mode", ""),
                token=request.GET.get("hub.verify_token", ""),
                challenge=request.GET.get("hub.challenge", ""),
            )
            return HttpResponse(challenge, content_type="text/plain")
        result = webhooks.receive(
            body=request.body, signature=request.headers.get("X-Hub-Signature-256", "")
        )
    except webhooks.WebhookRefused as refused:
        return JsonResponse(
            {"code": "webhook_refused", "error": refused.reason}, status=refused.status
        )
    return JsonResponse({"entries": result.entries, "stored": result.stored})
