"""A plain letter as PDF (reply documents to requesters, claimants and recipients), in the same type
and language handling as the certificates: English, or Simplified Chinese set in the built-in CID font."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ledger_app.certificates.pdf import _T, _build, _p, _Page, _Styles


def render_letter_pdf(path: Path | str, *, title: str, paragraphs: Sequence[str], language: str = "en",
                      sender: str = "", digest: str = "", facts: Sequence[tuple[str, str]] = ()) -> Path:
    st = _Styles(language)
    story: list = [_p(title, st.title), Spacer(1, 6 * mm)]
    for label, value in facts:
        story += [_p(label, st.label), _p(value, st.body), Spacer(1, 2 * mm)]
    if facts:
        story.append(Spacer(1, 4 * mm))
    for para in paragraphs:
        for line in para.split("\n"):
            story.append(_p(line, st.body))
        story.append(Spacer(1, 3 * mm))
    return _build(Path(path), story, _Page(st, _T[language], sender, digest or "-" * 64), title)
