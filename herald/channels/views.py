"""Connections: the digital team and council administrators see every account's connection
(status, network, expiry, last error), connect one by entering credentials, check or disconnect it.
Credentials are never shown."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.channels import selectors, services
from herald.channels.forms import ConfirmForm, ConnectForm
from herald.channels.models import ChannelConnection
from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.roles import Role

MANAGERS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)


def _actor(request: HttpRequest) -> Actor:
    return Actor(user=current_context(request).membership.user, ip_address=client_ip(request))


def _row(connection: ChannelConnection) -> list[dict[str, str]]:
    expires = connection.token_expires_at
    return [
        {"text": connection.account.name},
        {"text": services.NETWORKS.get(connection.network, connection.network)},
        {"text": connection.get_status_display()},
        {"text": f"{expires:%d %B %Y}" if expires else "Not known"},
        {"text": connection.last_error[:200] or "None"},
    ]


@council_required(*MANAGERS)
def connections(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    found = selectors.connections_list(council=council)
    connected_ids = {c.account_id for c in found}
    unconnected = council.social_accounts.open().exclude(pk__in=connected_ids).order_by("name")
    return render(
        request,
        "channels/connections.jinja",
        {"connections": found, "rows": [_row(c) for c in found], "unconnected": unconnected},
    )


def _connectable(request: HttpRequest) -> list[object]:
    council = current_context(request).council
    return list(council.social_accounts.open().order_by("name"))


@council_required(*MANAGERS)
def connect(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    form = ConnectForm(
        request.POST or None,
        council=context.council,
        accounts=_connectable(request),
        initial={"account": request.GET.get("account", "")},
    )
    if request.method == "POST" and form.is_valid():
        account = form.accounts.get(form.cleaned_data["account"])
        if account is None:
            form.add_error("account", "Choose the account to connect")
        else:
            try:
                made = services.connect(
                    council=context.council,
                    account=account,
                    network=form.cleaned_data["network"],
                    credentials=form.credentials(),
                    external_id=form.cleaned_data.get("external_id") or "",
                    base_url=form.cleaned_data.get("server") or "",
                    actor=_actor(request),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"{made.account.name} is connected")
                return redirect("channels:connection", public_id=made.public_id)
    return render(request, "channels/connect.jinja", {"form": form})


def _connection(request: HttpRequest, public_id: UUID) -> ChannelConnection:
    found = selectors.connection_in(council=current_context(request).council, public_id=public_id)
    if found is None:
        raise Http404("No such connection")
    return found


@council_required(*MANAGERS)
def connection(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _connection(request, public_id)
    sandbox_url = ""
    if found.network == "sandbox" and found.status != ChannelConnection.Status.DISCONNECTED:
        sandbox_url = reverse("channels:sandbox_timeline", kwargs={"handle": found.external_id})
    return render(
        request,
        "channels/connection.jinja",
        {
            "connection": found,
            "network": services.NETWORKS.get(found.network, found.network),
            "sandbox_url": sandbox_url,
            "form": ConfirmForm(),
        },
    )


@council_required(*MANAGERS)
def disconnect(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _connection(request, public_id)
    if request.method != "POST":
        return redirect("channels:connection", public_id=found.public_id)
    try:
        services.disconnect(connection=found, actor=_actor(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{found.account.name} is disconnected")
    return redirect("channels:connection", public_id=found.public_id)


@council_required(*MANAGERS)
def check(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _connection(request, public_id)
    if request.method != "POST":
        return redirect("channels:connection", public_id=found.public_id)
    if services.check_health(connection=found):
        messages.success(request, "The network accepted the credentials")
    else:
        messages.error(request, "The network did not accept the credentials: see the last error")
    return redirect("channels:connection", public_id=found.public_id)
