from django.conf import settings
from django.contrib.auth import views as auth_views

from herald.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["oidc_provider_name"] = settings.OIDC_PROVIDER_NAME
        return context


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/signed_out.jinja"
