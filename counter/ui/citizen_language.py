"""The citizen's language on a citizen screen (the kiosk, the rating pad), through Qt Linguist.

A citizen taps 中文 / English on a screen whose application may run in the other language
(the rating pad shares the clerk's process), so these widgets do not switch the application's
translators. Their `tr()` looks the source text up in `counter_<lang>.qm` for the widget's own
`citizen_lang()`; the texts are ordinary `self.tr("中文")` calls, found by pyside6-lupdate
like every other UI text. A switch sends the window a `QEvent.LanguageChange`, which Qt hands
to every child: each page's `changeEvent` calls its `retranslate()`.
"""
from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator

log = logging.getLogger(__name__)

SOURCE = "zh_CN"  # the language of the source texts


@cache
def _translator(lang: str) -> QTranslator:
    from counter.paths import resources_dir

    translator = QTranslator()
    if not translator.load(str(resources_dir() / "translations" / f"counter_{lang}.qm")):
        log.warning("no translation counter_%s.qm: run `make translations`", lang)
    return translator


def translate(lang: str, contexts: list[str], source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`source` in `lang`, from the first of `contexts` (class names, most derived first) that has it."""
    if lang == SOURCE:
        return source
    translator = _translator(lang)
    for context in contexts:
        text = translator.translate(context, source, disambiguation, n)
        if text:
            return text
    return source


class CitizenLanguage:
    """Mix into a QWidget: `self.tr()` in `self.citizen_lang()`, `retranslate()` on LanguageChange."""

    def citizen_lang(self) -> str:
        window = self.window()  # type: ignore[attr-defined]
        return getattr(window, "lang", SOURCE)

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # type: ignore[override]
        # lupdate files each text under the class it is written in: try the classes up the MRO
        contexts = [cls.__name__ for cls in type(self).__mro__ if cls.__module__.startswith("counter.")]
        return translate(self.citizen_lang(), contexts, source, disambiguation, n)

    def retranslate(self) -> None:
        """Set every text of this widget (its children get their own LanguageChange)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def announce_language_change(widget: QObject) -> None:
    """Tell `widget` and all its children that their language changed (synchronously)."""
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
