"""A report's content drawn as HTML (the body, shared by page, PDF and frozen copy) and as PDF."""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

if TYPE_CHECKING:
    from herald.programme.report.content import Content

logger = logging.getLogger(__name__)


def render_body(content: Content) -> str:
    return render_to_string("programme/report/_body.jinja", {"content": content})


def render_document(content: Content, *, body: str | None = None) -> str:
    """A standalone HTML document (print styles, no site navigation) for the PDF."""
    return render_to_string(
        "programme/report/document.jinja",
        {"content": content, "body": body if body is not None else render_body(content)},
    )


def render_pdf(document: str) -> bytes:
    """The PDF, tagged for accessibility (PDF/UA-1) where WeasyPrint can; untagged otherwise."""

    # WeasyPrint logs every step at INFO (from its import on); a report is one event, not thirty
    # log lines.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415 - heavy, only for a PDF

    html = HTML(string=document)
    try:
        return bytes(html.write_pdf(pdf_variant="pdf/ua-1"))
    except (ValueError, TypeError):
        logger.warning("PDF/UA tagging failed; writing an untagged PDF", exc_info=True)
        return bytes(html.write_pdf())


def content_hash(html: str, pdf: bytes) -> str:
    """What was finalised, so a kept report can be shown to be unchanged."""
    digest = hashlib.sha256()
    digest.update(html.encode())
    digest.update(pdf)
    return digest.hexdigest()
