"""A plain letter as PDF (reply documents to requesters, claimants and recipients), in the same type
and language handling as the certificates: English, or Simplified Chinese set in the built-in CID font."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_app.certificates.pdfkit import PageFooter, Styles, build_pdf, paragraph, pdf_strings


def render_letter_pdf(path: Path | str, *, title: str, paragraphs: Sequence[str], language: str = "en",
                      sender: str = "", digest: str = "", facts: Sequence[tuple[str, str]] = ()) -> Path:
    st = Styles(language)
    story: list[Flowable] = [paragraph(title, st.title), Spacer(1, 6 * mm)]
    for label, value in facts:
        story += [paragraph(label, st.label), paragraph(value, st.body), Spacer(1, 2 * mm)]
    if facts:
        story.append(Spacer(1, 4 * mm))
    for para in paragraphs:
        for line in para.split("\n"):
            story.append(paragraph(line, st.body))
        story.append(Spacer(1, 3 * mm))
    footer = PageFooter(pdf_strings(language).text["page"], sender, digest or "-" * 64)
    return build_pdf(Path(path), story, footer, title)
