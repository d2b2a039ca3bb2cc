"""The Qt side of a language switch: Qt's own texts, layout direction and widget locale.

``apply_language(app, code)`` activates the gettext catalog (``app.i18n.set_language``),
replaces the ``QTranslator`` for Qt's own strings (OK, Annuleren, the context menu of a text
field) with PySide6's shipped ``qtbase_<lang>.qm``, sets the layout direction (right-to-left for
Arabic), the default ``QLocale`` (spin boxes and date edits), and sends every widget a
``LanguageChange`` event, so widgets that implement ``changeEvent`` → ``retranslate_ui()``
show the new language at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.i18n import current_language, is_rtl, set_language
from app.ui.widgets import LANGUAGE_CHANGE_EVENT, LEFT_TO_RIGHT, RIGHT_TO_LEFT

# Qt's locale per UI language; kept in step with app.i18n.formatting (Latin digits for ar).
_QT_LOCALES = {
    "nl": "nl_NL",
    "en": "en_GB",
    "tr": "tr_TR",
    "pl": "pl_PL",
    "ar": "ar_001",
    "xx": "nl_NL",
}
_QT_CATALOGS = ("qtbase",)
_installed: dict[int, list[QTranslator]] = {}


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


class _MnemonicFallback(QTranslator):
    """Qt's texts whose shortcut mark moved after Qt's catalogs were last updated.

    Qt 6 labels the file dialog "&Look in:" and "Files of &type:", while ``qtbase_nl.qm`` (and
    tr, pl, ar) still translate "Look in:" and "Files of type:", so those two stayed English.
    Installed *before* the real catalogs, Qt asks this one only for a text they do not have:
    it looks the text up without its ``&`` and puts the mark at the start of the translation.
    """

    def __init__(self, catalogs: list[QTranslator]) -> None:
        super().__init__()
        self._catalogs = catalogs

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if "&" not in source or "&&" in source:
            return None  # None: "not here", Qt asks on (an empty text would blank the label)
        plain = source.replace("&", "", 1)
        for catalog in self._catalogs:
            found = catalog.translate(context, plain, disambiguation, n)
            if found:
                return found if "&" in found else "&" + found
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return not self._catalogs


def _load_qt_translators(code: str) -> list[QTranslator]:
    """Qt's own catalogs for ``code``, in the order to install (the last is asked first)."""
    code = "nl" if code == "xx" else code  # the pseudo-locale stretches our texts, not Qt's
    translators = []
    for catalog in _QT_CATALOGS:
        translator = QTranslator()
        if translator.load(f"{catalog}_{code}", qt_translations_dir()):
            translators.append(translator)
    if translators and code != "en":
        return [_MnemonicFallback(translators), *translators]
    return translators


def apply_language(app: QApplication, code: str, *, notify: bool = True) -> None:
    """Switch the whole running application to ``code`` (nl, en, tr, pl, ar, xx).

    ``notify=False`` at start-up: there are no windows yet that need to re-translate.
    """
    if current_language() != code:
        set_language(code)
    for old in _installed.pop(id(app), []):
        app.removeTranslator(old)
    new = _load_qt_translators(code)
    for translator in new:
        app.installTranslator(translator)
    _installed[id(app)] = new  # keep a reference: Qt does not own installed translators
    QLocale.setDefault(QLocale(_QT_LOCALES.get(code, "nl_NL")))
    # Through the property: the `Qt` namespace costs start-up time (see app.ui.widgets).
    app.setProperty("layoutDirection", RIGHT_TO_LEFT if is_rtl(code) else LEFT_TO_RIGHT)
    # (Un)installing a translator only *posts* LanguageChange, and only when a translator
    # changed (nl -> xx changes none). Deliver it now, once, to every window instead, so the
    # switch is complete when this function returns.
    QCoreApplication.removePostedEvents(None, LANGUAGE_CHANGE_EVENT)  # type: ignore[arg-type]
    if not notify:
        return
    from PySide6.QtCore import QEvent

    for window in app.topLevelWidgets():
        QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
