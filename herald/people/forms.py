"""Forms for the staff pages: uploading the HR file."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from herald.people.importing import MAX_BYTES


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label="Upload the staff file",
        help_text="A CSV file exported from your HR system, smaller than 5MB",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file",
        },
    )
    mark_missing_as_leavers = forms.BooleanField(
        required=False,
        label="Mark anyone who is not in the file as having left today",
        help_text="Only use this if the file lists everyone who works for the council",
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5MB")
        return upload
