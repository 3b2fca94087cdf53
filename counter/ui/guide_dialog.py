"""The citizen guide (办事指南) of one procedure, for the clerk (F1), with printing."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from counter.forms.spec import Procedure
from counter.guides import guide_data


def guide_html(procedure: Procedure, lang: str) -> str:
    data = guide_data(procedure, lang)
    en = lang == "en"
    left, right = ("(", ")") if en else ("（", "）")
    rows = "".join(f"<li>{escape(name)} <span style='color:#555'>{left}{escape(note)}{right}</span></li>"
                   for name, note in data.materials)
    facts = [("Fee" if en else "收费标准", data.fee), ("Time limit" if en else "办理时限", data.time_limit),
             ("Where" if en else "办理地点", data.where), ("Legal basis" if en else "设定依据", data.legal_basis)]
    table = "".join(f"<tr><td style='padding-right:12px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                    for k, v in facts)
    return (f"<h2>{escape(data.name)} <small>{escape(data.code)}</small></h2>"
            f"<p style='color:#555'>{escape(data.group)}</p>"  # the English name only in the English UI
            f"<p>{escape(data.guide)}</p><h3>{'Materials' if en else '申请材料'}</h3><ol>{rows}</ol>"
            f"<table>{table}</table>")


class GuideDialog(QDialog):
    def __init__(self, procedure: Procedure, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.procedure, self.lang = procedure, lang
        self.setWindowTitle(self.tr("办事指南 — {0}").format(procedure.name(lang)))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide_text")
        self.browser.setHtml(guide_html(procedure, lang))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(self.tr("打印指南"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_guide)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.preview = None

    def print_guide(self) -> None:
        from counter.printing.guide import render_guide
        from counter.ui.receipt_preview_dialog import PdfPrintPreviewDialog

        pdf = render_guide([guide_data(self.procedure, self.lang)])
        self.preview = PdfPrintPreviewDialog(pdf, self.tr("办事指南 {0}").format(self.procedure.code), self)
        self.preview.open()
