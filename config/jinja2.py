"""The Jinja2 environment: GOV.UK Frontend macros plus Herald's globals and filters."""

from typing import Any

from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from herald.core.forms import form_error_summary, govuk_params
from herald.core.templating import brand_colour, date_filter, datetime_filter
from herald.home.navigation import navigation_for_request


def environment(**options: Any) -> Environment:
    loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = Environment(**options)  # noqa: S701 - autoescape is set on by the TEMPLATES setting
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.globals.update(
        static=static,
        url=_url,
        get_messages=messages.get_messages,
        form_error_summary=form_error_summary,
        govuk_params=govuk_params,
        brand_colour=brand_colour,
        navigation=navigation_for_request,
    )
    env.filters.update(date=date_filter, datetime=datetime_filter)
    return env


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)
