"""Every common Django widget renders as its GOV.UK component, with GOV.UK error handling."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string

from herald.core.forms import GovukDateInput, form_error_summary, govuk_params

COLOURS = [("red", "Red"), ("green", "Green"), ("blue", "Blue")]


class KitchenSinkForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=40, help_text="As on your payslip")
    email = forms.EmailField(label="Email address")
    count = forms.IntegerField(label="How many", min_value=1, max_value=9)
    secret = forms.CharField(label="Password", widget=forms.PasswordInput)
    query = forms.CharField(
        label="Search", required=False, widget=forms.TextInput({"type": "search"})
    )
    since = forms.DateField(label="From", required=False, widget=forms.DateInput({"type": "date"}))
    born = forms.DateField(
        label="Date of birth",
        widget=GovukDateInput,
        error_messages={"invalid": "Date of birth must be a real date"},
    )
    colour = forms.ChoiceField(label="Colour", choices=COLOURS)
    size = forms.ChoiceField(label="Size", choices=COLOURS, widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        label="Tags", choices=COLOURS, widget=forms.CheckboxSelectMultiple
    )
    listed = forms.MultipleChoiceField(label="Listed", choices=COLOURS, required=False)
    agree = forms.BooleanField(label="I agree")
    notes = forms.CharField(label="Notes", widget=forms.Textarea({"rows": 3}), required=False)
    upload = forms.FileField(label="Staff list", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("name") == "Nobody":
            raise forms.ValidationError("We could not find that person")
        return cleaned


def render(form: forms.Form, name: str) -> str:
    return str(form[name].as_field_group())


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_text_field_renders_as_govuk_input_with_label_hint_and_value() -> None:
    html = render(KitchenSinkForm(initial={"name": "Ada Lovelace"}), "name")
    assert 'class="govuk-input"' in html
    assert '<label class="govuk-label govuk-label--s" for="id_name">' in html
    assert 'id="id_name-hint"' in html
    assert 'aria-describedby="id_name-hint"' in html
    assert 'value="Ada Lovelace"' in html
    assert 'maxlength="40"' in html


def test_email_field_renders_email_input_without_spellcheck() -> None:
    html = render(KitchenSinkForm(), "email")
    assert 'type="email"' in html
    assert 'autocomplete="email"' in html
    assert 'spellcheck="false"' in html


def test_integer_field_renders_numeric_text_input_not_type_number() -> None:
    html = render(KitchenSinkForm(), "count")
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'type="number"' not in html
    assert "min=" not in html


def test_password_field_renders_password_input_that_never_echoes_the_password() -> None:
    form = KitchenSinkForm(data={"secret": "hunter2-hunter2"})
    html = render(form, "secret")
    assert 'data-module="govuk-password-input"' in html
    assert 'type="password"' in html
    assert "hunter2" not in html


def test_search_input_keeps_its_type() -> None:
    assert 'type="search"' in render(KitchenSinkForm(), "query")


def test_browser_date_input_shows_an_iso_date() -> None:
    html = render(KitchenSinkForm(initial={"since": datetime.date(2026, 2, 3)}), "since")
    assert 'type="date"' in html
    assert 'value="2026-02-03"' in html


def test_govuk_date_input_renders_day_month_and_year_boxes_in_a_fieldset() -> None:
    html = render(KitchenSinkForm(initial={"born": datetime.date(1990, 7, 4)}), "born")
    assert 'class="govuk-date-input"' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    for part, value in (("day", "4"), ("month", "7"), ("year", "1990")):
        assert f'name="born-{part}"' in html
        assert f'id="id_born-{part}"' in html
        assert re.search(rf'name="born-{part}" type="text" value="{value}"', html)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("4", "7", "1990"), datetime.date(1990, 7, 4)),
        ((" 04 ", "07", "1990"), datetime.date(1990, 7, 4)),
    ],
)
def test_govuk_date_input_parts_that_make_a_real_date_clean_to_that_date(
    parts: tuple[str, str, str], expected: datetime.date
) -> None:
    data = dict(zip(("born-day", "born-month", "born-year"), parts, strict=True))
    form = KitchenSinkForm(data=data)
    form.is_valid()
    assert "born" not in form.errors
    assert form.cleaned_data["born"] == expected


@pytest.mark.parametrize(
    "parts", [("31", "2", "2026"), ("4", "7", "90"), ("x", "7", "1990"), ("", "7", "1990")]
)
def test_govuk_date_input_parts_that_are_not_a_real_date_are_an_error_and_are_shown_again(
    parts: tuple[str, str, str],
) -> None:
    data = dict(zip(("born-day", "born-month", "born-year"), parts, strict=True))
    form = KitchenSinkForm(data=data)
    assert form.errors["born"] == ["Date of birth must be a real date"]
    html = render(form, "born")
    assert "govuk-form-group--error" in html
    assert html.count("govuk-input--error") == 3
    for part, value in zip(("day", "month", "year"), parts, strict=True):
        assert re.search(rf'name="born-{part}" type="text" value="{re.escape(value)}"', html)


def test_govuk_date_input_left_empty_is_a_missing_value() -> None:
    form = KitchenSinkForm(data={"born-day": "", "born-month": "", "born-year": ""})
    assert form.errors["born"] == ["This field is required."]


def test_choice_field_renders_govuk_select_with_the_chosen_option_selected() -> None:
    html = render(KitchenSinkForm(data={"colour": "green"}), "colour")
    assert 'class="govuk-select' in html
    assert re.search(r'<option value="green" selected>', html)
    assert not re.search(r'<option value="red" selected>', html)


def test_radio_select_renders_govuk_radios_in_a_fieldset_with_the_chosen_item_checked() -> None:
    html = render(KitchenSinkForm(data={"size": "blue"}), "size")
    assert 'class="govuk-radios"' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    assert re.search(r'id="id_size-3" name="size" type="radio" value="blue" checked', html)
    assert 'id="id_size"' in html  # the first radio, which error links point at


def test_checkbox_select_multiple_renders_govuk_checkboxes_not_radios() -> None:
    html = render(KitchenSinkForm(data={"tags": ["red", "blue"]}), "tags")
    assert 'class="govuk-checkboxes"' in html
    assert 'type="radio"' not in html
    assert re.search(r'value="red" checked', html)
    assert re.search(r'value="blue" checked', html)
    assert not re.search(r'value="green" checked', html)


def test_select_multiple_renders_as_checkboxes_as_gov_uk_advises() -> None:
    html = render(KitchenSinkForm(data={"listed": ["green"]}), "listed")
    assert 'class="govuk-checkboxes"' in html
    assert re.search(r'value="green" checked', html)


def test_boolean_field_renders_a_single_govuk_checkbox_labelled_by_the_field() -> None:
    html = render(KitchenSinkForm(data={"agree": "on"}), "agree")
    assert 'class="govuk-checkboxes"' in html
    assert "I agree" in html
    assert re.search(r'id="id_agree" name="agree" type="checkbox" value="on" checked', html)


def test_textarea_renders_govuk_textarea_with_rows_and_value() -> None:
    html = render(KitchenSinkForm(initial={"notes": "First line"}), "notes")
    assert 'class="govuk-textarea"' in html
    assert 'rows="3"' in html
    assert ">First line</textarea>" in html


def test_file_field_renders_govuk_file_upload() -> None:
    html = render(KitchenSinkForm(), "upload")
    assert "govuk-file-upload" in html
    assert 'type="file"' in html


def test_field_error_renders_as_govuk_error_message() -> None:
    form = KitchenSinkForm(data={"email": "not an email"})
    html = render(form, "email")
    assert "govuk-form-group--error" in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert '<span class="govuk-visually-hidden">Error:</span> Enter a valid email address.' in html
    assert 'aria-describedby="id_email-error"' in html


def test_error_summary_links_each_error_to_an_element_the_form_renders() -> None:
    form = KitchenSinkForm(data={"born-day": "31", "born-month": "2", "born-year": "2026"})
    summary = form_error_summary(form)
    html = render_to_string("django/forms/govuk_form.jinja", {"form": form})
    rendered_ids = ids_in(html)
    hrefs = [item["href"] for item in summary["errorList"]]
    assert summary["titleText"] == "There is a problem"
    assert {"#id_born-day", "#id_size", "#id_tags", "#id_agree"} <= set(hrefs)
    assert all(href.removeprefix("#") in rendered_ids for href in hrefs)


def test_error_summary_links_an_error_about_the_whole_form_to_its_first_field() -> None:
    form = KitchenSinkForm(data={"name": "Nobody"})
    summary = form_error_summary(form)
    assert {"text": "We could not find that person", "href": "#id_name"} in summary["errorList"]


def test_error_summary_lists_errors_in_the_order_of_the_fields() -> None:
    form = KitchenSinkForm(data={})
    texts = [item["href"] for item in form_error_summary(form)["errorList"]]
    assert texts[:3] == ["#id_name", "#id_email", "#id_count"]


def test_form_as_div_renders_gov_uk_components_and_keeps_hidden_fields_hidden() -> None:
    html = KitchenSinkForm(initial={"token": "abc"}).as_div()
    assert 'class="govuk-input"' in html
    assert 'class="govuk-radios"' in html
    assert '<input type="hidden" name="token" value="abc" id="id_token">' in html
    assert "errorlist" not in html


@pytest.mark.parametrize(
    ("field", "component"),
    [
        ("name", "input"),
        ("email", "input"),
        ("count", "input"),
        ("secret", "password"),
        ("query", "input"),
        ("since", "input"),
        ("born", "date"),
        ("colour", "select"),
        ("size", "radios"),
        ("tags", "checkboxes"),
        ("listed", "checkboxes"),
        ("agree", "checkboxes"),
        ("notes", "textarea"),
        ("upload", "file"),
    ],
)
def test_each_widget_maps_to_its_govuk_component(field: str, component: str) -> None:
    assert govuk_params(KitchenSinkForm()[field])["component"] == component
