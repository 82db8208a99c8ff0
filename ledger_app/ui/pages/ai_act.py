"""AI Act summary: the EU AI Act Art. 53(1)(d) training-content summary, previewed and issued.

A thin client of `CorpusService.ai_act_summary` (certificates/ai_act.py): pick a training run or
all corpora, preview the figures (unsigned, read-only), then issue the signed summary, which writes
the JSON (verifiable offline), a Markdown document and a PDF in the interface's language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from ledger_app.ui.file_dialogs import save_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.pages import Page
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.labels import intro_label, status_label


class AiActPage(Page):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(session, prefs, "AiActPage", parent)
        self.preview_doc: dict | None = None
        self.last_export: dict | None = None

        outer = self.outer
        self.intro = intro_label(self)
        outer.addWidget(self.intro)
        bar = QHBoxLayout()
        self.scope_label = QLabel(self)
        self.scope = QComboBox(self)
        self.scope.setObjectName("AiActScope")
        self.scope_label.setBuddy(self.scope)
        self.sme = QCheckBox(self)
        self.sme.setObjectName("AiActSme")
        self.preview_button = QPushButton(icon(Icon.REFRESH), "", self)
        self.preview_button.setObjectName("AiActPreview")
        self.issue_button = QPushButton(icon(Icon.EXPORT), "", self)
        self.issue_button.setObjectName("AiActIssue")
        # Short rows rather than one long one, so the screen fits the window's minimum width.
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(26)
        for w in (self.scope_label, self.scope):
            bar.addWidget(w)
        bar.addStretch(1)
        outer.addLayout(bar)
        outer.addWidget(self.sme)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.issue_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.result = status_label(self, "AiActResult")
        outer.addWidget(self.result)
        self.view = QTextBrowser(self)
        self.view.setObjectName("AiActView")
        self.view.setOpenLinks(False)
        outer.addWidget(self.view, 1)

        self.preview_button.clicked.connect(self.preview)
        self.issue_button.clicked.connect(self.issue)
        session.opened.connect(self.reload_scopes)
        self.retranslate()
        self.reload_scopes()

    def retranslate(self) -> None:
        self.title.setText(self.tr("AI Act summary"))
        self.intro.setText(self.tr(
            "The public summary of training content that the EU AI Act (Art. 53(1)(d)) asks of a general-purpose "
            "AI model's provider, following the European Commission's template. Every figure is computed from the "
            "ledger; what the ledger cannot prove is listed for a person to attest. The issued summary is signed "
            "and recorded, and anyone can verify it offline."))
        self.scope_label.setText(self.tr("Summarise:"))
        self.sme.setText(self.tr("SME variant (top 5% of domains or 1,000)"))
        self.preview_button.setText(self.tr("Preview"))
        self.issue_button.setText(self.tr("Issue signed summary…"))
        if self.scope.count():
            self.scope.setItemText(0, self.tr("All corpora"))
            for i in range(1, self.scope.count()):
                self.scope.setItemText(i, self.tr("Training run {model}").format(model=self.scope.itemData(i)))

    def reload_scopes(self) -> None:
        """All corpora, then one entry per model with a recorded training run."""
        self.scope.clear()
        self.scope.addItem(self.tr("All corpora"), None)
        self.view.clear()
        self.result.clear()
        self.preview_doc = None
        services = self.session.services
        if services is None:
            return
        from ledger_app.services.lineage import list_runs

        try:
            models = sorted({r.model for r in list_runs(services.corpus)})
        except Exception:  # an older workspace without runs: only "all corpora"
            models = []
        for m in models:
            self.scope.addItem(self.tr("Training run {model}").format(model=m), m)

    def _args(self) -> dict:
        return {"run": self.scope.currentData(), "sme": self.sme.isChecked()}

    def preview(self) -> Task | None:
        services = self.session.services
        if services is None:
            return None
        args = self._args()
        from ledger_app.ui.i18n import current_language

        language = current_language() if current_language() in ("en", "zh_CN") else "en"
        self.preview_button.setEnabled(False)
        self.result.setText(self.tr("Computing the summary…"))

        def work(p, c) -> tuple[dict, str]:
            from ledger_app.certificates.ai_act_render import render_markdown

            doc = services.corpus.ai_act_summary(issue=False, **args).to_json()
            body = {"version": 1, "kind": "ai-act-summary", "id": "(preview)", "variant": "sme" if args["sme"] else "standard",
                    "computed_at_tree_size": None, **doc}
            return doc, render_markdown(body, language)

        def done(res: tuple[dict, str]) -> None:
            self.preview_doc, md = res
            self.view.setMarkdown(md)
            n = self.preview_doc["sections"]["1_general"]["training_items"]
            self.result.setText(self.tr("Preview (not signed): {n} training items; {a} statements to be attested by a "
                                        "person.").format(n=n, a=len(self.preview_doc["attestations"])))

        task = self.session.runner.run("AI Act summary preview", work, on_success=done, error_parent=self)
        task.finished.connect(lambda: self.preview_button.setEnabled(True))
        return task

    def ask_save_path(self, suggested: str) -> str:
        """The summary file to write; tests replace this instead of driving a native dialog."""
        path = save_file(self, "report", self.tr("Save the signed AI Act summary"), suggested,
                         self.tr("Summaries (*.json)"))
        return path

    def issue(self) -> Task | None:
        services = self.session.services
        if services is None:
            return None
        path = self.ask_save_path("ai-act-summary.json")
        if not path:
            return None
        out = Path(path)
        args = self._args()
        from ledger_app.ui.i18n import current_language

        language = current_language() if current_language() in ("en", "zh_CN") else "en"

        def work(p, c) -> dict:
            import json

            from ledger_app.certificates.ai_act_render import render_markdown, render_summary_pdf

            doc = services.corpus.ai_act_summary(**args).document
            out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "utf-8")
            out.with_suffix(".md").write_text(render_markdown(doc, language), "utf-8")
            render_summary_pdf(doc, out.with_suffix(".pdf"), language=language)
            return {"doc": doc, "file": str(out), "pdf": str(out.with_suffix(".pdf"))}

        def done(res: dict) -> None:
            self.last_export = res
            self.view.setMarkdown(out.with_suffix(".md").read_text("utf-8"))
            self.result.setText(self.tr("Signed summary written to {file} with its PDF and Markdown (ledger entry "
                                        "{entry}).").format(file=res["file"], entry=res["doc"]["entry"]["index"]))
            self.session.notify_appended()

        # The summary is recorded in the ledger: a write.
        return self.session.runner.run("AI Act summary", work, writes=True, on_success=done, error_parent=self)
