"""GOV.UK-shaped forms: a form renderer that emits design-system markup and the error summary.

Every bound field becomes one GOV.UK component (see ``govuk_params``); the field template in
``jinja2/django/forms/govuk_field.jinja`` only calls the macro that this module names.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

Params = dict[str, Any]


class GovukFormRenderer(TemplatesSetting):
    """Render Django form fields with Herald's GOV.UK templates (herald/core/jinja2/django/forms)."""

    form_template_name = "django/forms/govuk_form.jinja"
    field_template_name = "django/forms/govuk_field.jinja"


class GovukDateInput(forms.Widget):
    """The GOV.UK date input: separate day, month and year boxes named ``<name>-day`` and so on.

    The field receives an ISO date when the parts make a real date and the parts joined with
    dashes when they do not, so ``DateField`` reports its own "invalid" message.
    """

    parts = ("day", "month", "year")

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> str | None:
        day, month, year = (str(data.get(f"{name}-{part}", "")).strip() for part in self.parts)
        if not (day or month or year):
            return None
        try:
            if len(year) != 4:
                raise ValueError(year)
            return datetime.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return f"{year}-{month}-{day}"

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return not any(f"{name}-{part}" in data for part in self.parts)


def form_error_summary(form: forms.BaseForm) -> Params:
    """The GOV.UK error summary for a form: each error links to the field it is about.

    Errors about the whole form link to its first visible field, where the person starts again.
    """
    visible = form.visible_fields()
    first_anchor = f"#{field_anchor(visible[0])}" if visible else "#main-content"
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        on_a_field = field is not None and not field.widget.is_hidden
        href = f"#{field_anchor(form[name])}" if on_a_field else first_anchor
        items.extend({"text": str(message), "href": href} for message in errors)
    return {"titleText": "There is a problem", "errorList": items}


def field_anchor(field: forms.BoundField) -> str:
    """The id of the element an error summary link for this field should move focus to."""
    base = field.auto_id or field.html_name
    if isinstance(field.field.widget, GovukDateInput):
        return f"{base}-day"
    return base


def govuk_params(field: forms.BoundField) -> Params:
    """The GOV.UK component (a macro name in govuk_field.jinja) and its parameters for a field."""
    widget = field.field.widget
    for widget_types, component, build in _COMPONENTS:
        if isinstance(widget, widget_types):
            return {"component": component, "params": build(field)}
    return {"component": "input", "params": _input(field)}


def _common(field: forms.BoundField) -> Params:
    params: Params = {
        "id": field.auto_id or field.html_name,
        "name": field.html_name,
        "label": {"text": str(field.label), "classes": "govuk-label--s"},
    }
    if field.help_text:
        params["hint"] = {"text": str(field.help_text)}
    if field.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in field.errors)}
    if css := field.field.widget.attrs.get("class"):
        params["classes"] = css
    if field.field.disabled:
        params["disabled"] = True
    return params


def _with_fieldset(field: forms.BoundField, params: Params) -> Params:
    """Grouped controls take their question from a legend, not a label."""
    params.pop("label")
    params["fieldset"] = {
        "legend": {"text": str(field.label), "classes": "govuk-fieldset__legend--s"}
    }
    return params


def _choices(field: forms.BoundField) -> Params:
    params = _with_fieldset(field, _common(field))
    params["idPrefix"] = params.pop("id")
    # The macro gives the first item the bare idPrefix, which is what error links point at.
    params["items"] = [
        {
            "value": str(option.data["value"]),
            "text": str(option.data["label"]),
            "checked": bool(option.data["selected"]),
        }
        for option in field.subwidgets
    ]
    return params


def _select(field: forms.BoundField) -> Params:
    params = _common(field)
    params["items"] = [
        {
            "value": str(option.data["value"]),
            "text": str(option.data["label"]),
            "selected": bool(option.data["selected"]),
        }
        for option in field.subwidgets
    ]
    return params


def _single_checkbox(field: forms.BoundField) -> Params:
    params = _common(field)
    label = params.pop("label")
    params["idPrefix"] = params.pop("id")
    params["items"] = [{"value": "on", "text": label["text"], "checked": bool(field.value())}]
    if "hint" in params:
        params["items"][0]["hint"] = params.pop("hint")
    return params


def _date_input(field: forms.BoundField) -> Params:
    params = _with_fieldset(field, _common(field))
    params["namePrefix"] = field.html_name
    widths = {"day": 2, "month": 2, "year": 4}
    error = " govuk-input--error" if field.errors else ""
    parts = _date_parts(field)
    params["items"] = [
        {
            "name": part,
            "value": parts[part],
            "classes": f"govuk-input--width-{widths[part]}{error}",
            "autocomplete": field.field.widget.attrs.get(f"autocomplete-{part}"),
        }
        for part in GovukDateInput.parts
    ]
    return params


def _date_parts(field: forms.BoundField) -> dict[str, str]:
    """What to show in the boxes: what the person typed, or the initial date."""
    if field.form.is_bound:
        data = field.form.data
        return {
            part: str(data.get(f"{field.html_name}-{part}", "")) for part in GovukDateInput.parts
        }
    value = field.value()
    if isinstance(value, datetime.date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    return dict.fromkeys(GovukDateInput.parts, "")


def _textarea(field: forms.BoundField) -> Params:
    params = _common(field)
    params["value"] = _text_value(field)
    if "rows" in field.field.widget.attrs:
        params["rows"] = field.field.widget.attrs["rows"]
    return params


def _file(field: forms.BoundField) -> Params:
    widget = field.field.widget
    params = _common(field)
    params["attributes"] = _extra_attributes(widget, drop={"multiple"})
    params["multiple"] = bool(widget.attrs.get("multiple"))
    return params


def _password(field: forms.BoundField) -> Params:
    widget = field.field.widget
    params = _common(field)
    params["value"] = _text_value(field) if getattr(widget, "render_value", False) else ""
    params["autocomplete"] = widget.attrs.get("autocomplete", "current-password")
    params["attributes"] = _extra_attributes(widget, drop={"autocomplete"})
    return params


_INPUT_DEFAULTS: dict[str, Params] = {
    # GOV.UK asks for text inputs with a numeric keyboard rather than type=number, whose
    # spinner and scroll-wheel changes cause wrong answers.
    "number": {"type": "text", "inputmode": "numeric", "spellcheck": False},
    "email": {"type": "email", "autocomplete": "email", "spellcheck": False},
    "tel": {"type": "tel", "autocomplete": "tel"},
    "url": {"type": "url", "spellcheck": False},
    "search": {"type": "search"},
    "date": {"type": "date"},
}


def _input(field: forms.BoundField) -> Params:
    widget = field.field.widget
    input_type = str(widget.attrs.get("type") or getattr(widget, "input_type", "text"))
    params = _common(field) | _INPUT_DEFAULTS.get(input_type, {"type": input_type})
    if input_type == "number" and isinstance(field.field, forms.DecimalField | forms.FloatField):
        params["inputmode"] = "decimal"
    for key in ("autocomplete", "inputmode", "pattern", "autocapitalize"):
        if key in widget.attrs:
            params[key] = widget.attrs[key]
    if "spellcheck" in widget.attrs:
        params["spellcheck"] = str(widget.attrs["spellcheck"]).lower() == "true"
    params["value"] = _text_value(field, iso_dates=input_type == "date")
    if input_type == "date":
        params.setdefault("classes", "govuk-input--width-10")  # full width misleads
    drop = {"autocomplete", "inputmode", "pattern", "autocapitalize", "spellcheck"}
    if input_type == "number":
        drop |= {"min", "max", "step"}  # meaningless on the text input we render instead
    params["attributes"] = _extra_attributes(widget, drop=drop)
    return params


def _text_value(field: forms.BoundField, *, iso_dates: bool = False) -> str:
    value = field.value()
    if value is None:
        return ""
    if iso_dates and isinstance(value, datetime.date):
        return value.isoformat()
    return str(field.field.widget.format_value(value) or "")


def _extra_attributes(widget: forms.Widget, *, drop: set[str]) -> dict[str, Any]:
    """Widget attributes the component has no parameter for (maxlength, data-*, …)."""
    handled = {"id", "name", "class", "type", "value", "required", "disabled", *drop}
    return {k: v for k, v in widget.attrs.items() if k not in handled}


# First match wins, so subclasses come before their bases (CheckboxSelectMultiple is a
# RadioSelect; SelectMultiple is a Select). GOV.UK asks for checkboxes, not multiple selects.
_COMPONENTS: list[tuple[type | tuple[type, ...], str, Callable[[forms.BoundField], Params]]] = [
    ((forms.CheckboxSelectMultiple, forms.SelectMultiple), "checkboxes", _choices),
    (forms.RadioSelect, "radios", _choices),
    (forms.Select, "select", _select),
    (forms.CheckboxInput, "checkboxes", _single_checkbox),
    (GovukDateInput, "date", _date_input),
    (forms.Textarea, "textarea", _textarea),
    (forms.FileInput, "file", _file),
    (forms.PasswordInput, "password", _password),
]
