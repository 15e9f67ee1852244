"""GOV.UK-shaped forms: a form renderer that emits design-system markup and the error summary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    """Render Django form fields with Herald's GOV.UK templates (herald/core/jinja2/django/forms)."""

    form_template_name = "django/forms/govuk_form.jinja"
    field_template_name = "django/forms/govuk_field.jinja"


def form_error_summary(form: forms.BaseForm) -> dict[str, Any]:
    """The GOV.UK error summary for a form: each error links to its field."""
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        href = f"#{form[name].id_for_label}" if name in form.fields else "#main-content"
        items.extend({"text": str(message), "href": href} for message in errors)
    return {"titleText": "There is a problem", "errorList": items}


def govuk_params(field: forms.BoundField) -> dict[str, Any]:
    """The GOV.UK component and its parameters for one bound field."""
    widget = field.field.widget
    params: dict[str, Any] = {
        "id": field.id_for_label,
        "name": field.html_name,
        "label": {"text": str(field.label), "classes": "govuk-label--s"},
    }
    if field.help_text:
        params["hint"] = {"text": str(field.help_text)}
    if field.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in field.errors)}
    value = field.value()
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        selected = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        params.pop("label")
        params["idPrefix"] = field.id_for_label or field.html_name
        params["fieldset"] = {
            "legend": {"text": str(field.label), "classes": "govuk-fieldset__legend--s"}
        }
        params["items"] = [
            {"value": str(v), "text": str(t), "checked": str(v) in selected}
            for v, t in field.field.choices  # type: ignore[attr-defined]
        ]
        component = "radios" if isinstance(widget, forms.RadioSelect) else "checkboxes"
        return {"component": component, "params": params}
    if isinstance(widget, forms.Select):
        params["items"] = [
            {"value": str(v), "text": str(t), "selected": str(v) == str(value)}
            for v, t in field.field.choices  # type: ignore[attr-defined]
        ]
        return {"component": "select", "params": params}
    if isinstance(widget, forms.Textarea):
        params["value"] = value or ""
        return {"component": "textarea", "params": params}
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return {"component": "file", "params": params}
    if isinstance(widget, forms.CheckboxInput):
        params.pop("label")
        params["idPrefix"] = field.id_for_label
        params["items"] = [{"value": "on", "text": str(field.label), "checked": bool(value)}]
        return {"component": "checkboxes", "params": params}
    params["value"] = "" if value is None else str(value)
    params["type"] = getattr(widget, "input_type", "text")
    params["attributes"] = {
        k: v for k, v in widget.attrs.items() if k not in {"id", "name", "class"}
    }
    if isinstance(widget, forms.PasswordInput):
        params["value"] = ""
    return {"component": "input", "params": params}
