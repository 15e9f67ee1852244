"""Connecting an account: which account, which network, and the network's credentials.

Secret fields use ``PasswordInput`` with ``render_value=False``: a form shown again after an
error never echoes a token or password back into the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms

from herald.channels.services import NETWORKS

if TYPE_CHECKING:
    from herald.councils.models import Council


def _secret(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=hint,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


class ConnectForm(forms.Form):
    account = forms.ChoiceField(
        label="Account", error_messages={"required": "Choose the account to connect"}
    )
    network = forms.ChoiceField(
        label="Connect it to",
        choices=list(NETWORKS.items()),
        widget=forms.RadioSelect,
        initial="sandbox",
        error_messages={"required": "Choose where to connect it"},
    )
    server = forms.URLField(
        label="Server address (Mastodon) or PDS (Bluesky, optional)",
        required=False,
        assume_scheme="https",
        help_text="For example https://social.example.gov.uk",
        error_messages={"invalid": "Enter the full address, starting https://"},
    )
    external_id = forms.CharField(
        label="Account id (Mastodon) or handle or DID (Bluesky)",
        required=False,
        max_length=300,
    )
    access_token = _secret("Access token (Mastodon)", "From the account's Development settings")
    app_password = _secret("App password (Bluesky)", "Made in Settings, Privacy and security")

    def __init__(self, *args: Any, council: Council, accounts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accounts = {str(account.public_id): account for account in accounts}
        field = cast("forms.ChoiceField", self.fields["account"])
        field.choices = [("", "Choose an account")] + [
            (key, str(account)) for key, account in self.accounts.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        network = data.get("network")
        if network == "mastodon":
            if not data.get("server"):
                self.add_error("server", "Enter the Mastodon server's address")
            if not data.get("external_id"):
                self.add_error("external_id", "Enter the Mastodon account id")
            if not data.get("access_token"):
                self.add_error("access_token", "Enter the access token")
        elif network == "bluesky":
            if not data.get("external_id"):
                self.add_error("external_id", "Enter the Bluesky handle or DID")
            if not data.get("app_password"):
                self.add_error("app_password", "Enter the app password")
        return data

    def credentials(self) -> dict[str, str]:
        data = self.cleaned_data
        if data["network"] == "mastodon":
            return {"access_token": data["access_token"]}
        if data["network"] == "bluesky":
            return {"identifier": data["external_id"], "app_password": data["app_password"]}
        return {}


class ConfirmForm(forms.Form):
    """A POST with nothing to fill in (disconnect, check now)."""
