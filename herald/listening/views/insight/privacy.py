"""The council's privacy settings for listening: lawful basis, retention, quiet hours, authors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.listening.insight import privacy
from herald.listening.insight.forms import PrivacyForm
from herald.listening.insight.roles import READERS
from herald.listening.views.insight.common import actor_for, can_manage, show_error


@council_required(*READERS)
def privacy_page(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    current = privacy.settings_for(council)
    posted = request.method == "POST"
    if posted and not can_manage(request):
        raise PermissionDenied
    initial = {name: getattr(current, name) for name in privacy.FIELDS}
    form = PrivacyForm(request.POST) if posted else PrivacyForm(initial=initial)
    if posted and form.is_valid():
        try:
            privacy.update_settings(council=council, actor=actor_for(request), **form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Privacy settings saved")
            return redirect("listening:privacy")
    return render(
        request,
        "listening/insight/privacy.jinja",
        {"form": form, "current": current, "can_edit": can_manage(request)},
    )
