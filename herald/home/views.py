from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from herald.councils.access import council_required, current_context
from herald.home.presenters import home_page


@council_required()
def home(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    return render(request, "home/home.jinja", {"page": home_page(context=context)})
