"""Forms for the routing pages. They check shapes; the services check the rules."""

from __future__ import annotations

import re

from django import forms
from django.core.files.uploadedfile import UploadedFile

MAX_UPLOAD_BYTES = 5_000_000


class KeywordRuleForm(forms.Form):
    service_label = forms.CharField(
        label="Service label",
        help_text="Lower-case letters, digits and underscores, for example council_tax.",
        max_length=64,
        error_messages={"required": "Enter a service label"},
    )
    keywords = forms.CharField(
        label="Keywords and phrases",
        help_text="One a line, or separated by commas. A mention containing any of them is "
        "routed to this service, whatever the trained model says.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter at least one keyword or phrase"},
    )

    def keyword_list(self) -> list[str]:
        return [part for part in re.split(r"[\n,]", self.cleaned_data["keywords"]) if part.strip()]


class TrainingForm(forms.Form):
    file = forms.FileField(
        label="Upload a labelled CSV",
        help_text="A CSV file smaller than 5MB, with a column of text and a column of services.",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file",
        },
    )
    text_column = forms.CharField(
        label="Text column",
        initial="text",
        max_length=200,
        error_messages={"required": "Enter the name of the column with the text"},
    )
    label_column = forms.CharField(
        label="Service column",
        initial="service",
        max_length=200,
        error_messages={"required": "Enter the name of the column with the service"},
    )

    def clean_file(self) -> str:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5MB")
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError("The selected file must be a CSV saved as UTF-8") from None
