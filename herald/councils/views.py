from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.councils.forms import ChooseCouncilForm
from herald.councils.middleware import SESSION_KEY
from herald.councils.selectors import memberships_for_user


@login_required
def choose(request: HttpRequest) -> HttpResponse:
    """A person with memberships in several councils chooses which one they are working in."""
    memberships = list(memberships_for_user(user=request.user))  # type: ignore[arg-type]
    form = ChooseCouncilForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["council"].council_id
        return redirect("home:home")
    return render(request, "councils/choose.jinja", {"form": form, "memberships": memberships})
