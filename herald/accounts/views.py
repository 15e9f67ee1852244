"""Sign in (password or OpenID Connect), sign out and change password."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse, reverse_lazy

from herald.accounts.backends import client_ip
from herald.accounts.forms import ChangePasswordForm, SignInForm
from herald.accounts.models import User
from herald.accounts.oidc import SIGN_IN_ERROR_SESSION_KEY, sign_in_error_message
from herald.accounts.signin import record_password_changed, record_password_sign_in


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        record_password_sign_in(user=form.get_user(), ip_address=client_ip(self.request))
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["oidc_provider_name"] = settings.OIDC_PROVIDER_NAME
        context["oidc_sign_in_url"] = self._oidc_sign_in_url()
        # Left by the OIDC callback when it refused someone; shown once.
        reason = self.request.session.pop(SIGN_IN_ERROR_SESSION_KEY, None)
        context["oidc_error"] = sign_in_error_message(reason) if reason else None
        return context

    def _oidc_sign_in_url(self) -> str:
        if not settings.OIDC_ENABLED:
            return ""
        url = reverse("oidc_authentication_init")
        next_url = self.get_redirect_url()  # already checked to be a safe, local address
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SignOutView(auth_views.LogoutView):
    """Sign out of Herald (POST only). The session at the identity provider is left alone."""

    template_name = "accounts/signed_out.jinja"


class PasswordChangeView(auth_views.PasswordChangeView):
    """For people who sign in with a Herald password; others change theirs at the provider."""

    template_name = "accounts/password_change.jinja"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("home:home")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not user.has_usable_password():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: ChangePasswordForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user: User = form.user
        record_password_changed(user=user, ip_address=client_ip(self.request))
        messages.success(self.request, "Your password has been changed")
        return response
