"""Sign-in and change-password forms with GOV.UK wording."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from herald.accounts.backends import client_ip
from herald.accounts.signin import current_lockout, lockout_minutes


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording and the throttling message."""

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been switched off. Ask your council administrator.",
        "throttled": "There have been too many attempts to sign in. "
        "Wait {minutes} minutes, then try again.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false"}
        )
        # Autofocus would skip a screen reader past the heading and the work-account button.
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # Checked here as well as in the backend: authenticate() turns the backend's
            # SignInThrottled into a plain None, which would read as a wrong password.
            if current_lockout(username=username, ip_address=client_ip(self.request)):
                message = self.error_messages["throttled"].format(minutes=lockout_minutes())
                raise forms.ValidationError(message, code="throttled")
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class ChangePasswordForm(PasswordChangeForm):
    """Django's change-password form with GOV.UK labels and errors."""

    error_messages = {
        "password_incorrect": "The current password you entered is not correct",
        "password_mismatch": "The new passwords do not match. Enter the same password twice.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels_and_required = {
            "old_password": ("Current password", "Enter your current password"),
            "new_password1": ("New password", "Enter a new password"),
            "new_password2": ("Confirm new password", "Enter your new password again"),
        }
        for name, (label, required) in labels_and_required.items():
            self.fields[name].label = label
            self.fields[name].error_messages["required"] = required
            self.fields[name].help_text = ""
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        # Plain words, not Django's HTML list: the GOV.UK hint escapes markup.
        self.fields["new_password1"].help_text = (
            "Use at least 12 characters. Do not use a common password, only numbers, "
            "or anything close to your name or username."
        )

    def clean(self) -> dict[str, Any]:
        # Policy failures belong beside "New password", not its confirmation (Django's choice).
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return self.cleaned_data
