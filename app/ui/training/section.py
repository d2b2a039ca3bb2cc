"""The "Training" section: fictional cases, two exercises, a projector mode and a handout.

Nothing here reads from or writes to the vault: the cases are shipped data, the answers live
only in the widgets and are gone when the section closes (on lock, at the latest).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.localized import active_language
from app.core.training import TrainingCase
from app.i18n import _
from app.ui.context import AppContext
from app.ui.section import Section
from app.ui.training.data import TrainingData, load_training_data
from app.ui.training.exercises import RouteExercise, SignalExercise
from app.ui.widgets import MessageBanner, heading, plain_label
from app.ui.worker import Task, run_task

log = logging.getLogger(__name__)

PRESENTATION_SHORTCUTS = ("F11", "Ctrl+Shift+P")
PRESENTATION_POINT_SIZE = 16  # large on a projector, yet a case fits without much scrolling
# The exercises hold many choices; a little smaller, in columns, they fit 1366x768 unscrolled.
EXERCISE_POINT_SIZE = 13

_PRESENTATION_STYLE = f"""
#trainingSection QWidget {{ font-size: {PRESENTATION_POINT_SIZE}pt; }}
#trainingSection QLabel[role="heading"] {{ font-size: 26pt; font-weight: bold; }}
#trainingSection QLabel[role="title"] {{ font-size: 22pt; font-weight: bold; }}
#trainingSection QLabel[role="story"] {{ font-size: 20pt; }}
#trainingSection QCheckBox::indicator {{ width: 24px; height: 24px; }}
#trainingSection #signalExercise QWidget, #trainingSection #routeExercise QWidget {{
    font-size: {EXERCISE_POINT_SIZE}pt; }}
"""


class TrainingSection(Section):
    handout_saved = Signal(object)  # Path
    handout_failed = Signal(str)
    presentation_changed = Signal(bool)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        data: TrainingData | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("trainingSection")
        data = data if data is not None else load_training_data(context.shipped)
        # The cases on screen in the UI language; the handout keeps the Dutch catalogue and rules.
        language = active_language()
        self.data = replace(data, cases=tuple(case.localized(language) for case in data.cases))
        self.presenting = False
        self.handout_written: Path | None = None
        self._window_state: Qt.WindowState | None = None
        self._task: Task | None = None
        self.case: TrainingCase | None = None

        self.presentation_action = QAction(_("Presentatiemodus"), self)
        self.presentation_action.setObjectName("presentationAction")
        self.presentation_action.setShortcuts([QKeySequence(s) for s in PRESENTATION_SHORTCUTS])
        self.presentation_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.presentation_action.triggered.connect(self._shortcut_toggle)
        self.addAction(self.presentation_action)

        title = heading(_("Training"))
        title.setProperty("role", "heading")
        self.present_button = QPushButton(_("&Presentatiemodus"))
        self.present_button.setObjectName("presentButton")
        self.present_button.setCheckable(True)
        self.present_button.setToolTip(_("Grote letters voor de beamer (F11 of Ctrl+Shift+P)"))
        self.present_button.toggled.connect(self.set_presentation)
        self.handout_button = QPushButton(_("&Handout maken…"))
        self.handout_button.setObjectName("handoutButton")
        self.handout_button.setToolTip(
            _("Een PDF met alle signalen en hulproutes, om uit te delen")
        )
        self.handout_button.clicked.connect(self.choose_handout_file)
        # While presenting the case list makes room for the story; the case is still chosen
        # here, in one line beside the title.
        self.present_case = QComboBox()
        self.present_case.setObjectName("presentCaseChoice")
        self.present_case.setAccessibleName(_("Oefencasus"))
        self.present_case.hide()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.present_case, 1)
        top.addStretch(1)
        top.addWidget(self.present_button)
        top.addWidget(self.handout_button)

        self.intro = plain_label(
            _(
                "Oefen met verzonnen casussen: lees het verhaal, zoek de signalen en kies een "
                "route. Wat je hier aanvinkt, wordt nergens opgeslagen."
            )
        )
        self.intro.setObjectName("trainingIntro")
        self.banner = MessageBanner()
        self.banner.setObjectName("trainingBanner")

        self.case_list = QListWidget()
        self.case_list.setObjectName("trainingCases")
        self.case_list.setAccessibleName(_("Oefencasussen"))
        for case in self.data.cases:
            item = QListWidgetItem(case.title)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            item.setToolTip(case.theme)
            self.case_list.addItem(item)
        self.case_list.currentRowChanged.connect(self._case_chosen)
        for case in self.data.cases:
            self.present_case.addItem(case.title)
        self.case_list.currentRowChanged.connect(self._sync_present_case)
        self.present_case.currentIndexChanged.connect(self.case_list.setCurrentRow)
        self.case_list.setMinimumWidth(self.case_list.sizeHintForColumn(0) + 28)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("trainingTabs")
        self.tabs.addTab(self._story_tab(), _("1. &Verhaal"))
        self.signal_exercise: SignalExercise | None = None
        self.route_exercise: RouteExercise | None = None
        if self.data.catalogue is not None:
            self.signal_exercise = SignalExercise(self.data.catalogue.localized(active_language()))
            self.tabs.addTab(self.signal_exercise, _("2. &Signalen"))
        if self.data.rules is not None:
            self.route_exercise = RouteExercise(self.data.rules, context.today)
            self.tabs.addTab(self.route_exercise, _("3. &Route"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.case_list)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.case_list.minimumWidth(), 700])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self.handout_button.setEnabled(
            self.data.catalogue is not None and self.data.rules is not None
        )
        if self.data.problem:
            self.banner.show_error(self.data.problem)
        if self.data.cases:
            self.case_list.setCurrentRow(0)
        else:
            self._show_case(None)
        self.setTabOrder(self.case_list, self.tabs)

    # -- Section -----------------------------------------------------------------------------

    def section_title(self) -> str:
        return _("Training")

    def global_actions(self) -> list[QAction]:
        # F11 / Ctrl+Shift+P live on the section itself (window-wide while it is shown), so
        # they do nothing elsewhere and stay off the advisor's start screen.
        return []

    def home_lines(self) -> list[str]:
        if self.context.demo:
            return [_("Trainingsmodus: alle gesprekken en signalen hier zijn verzonnen.")]
        return []

    # -- story ---------------------------------------------------------------------------------

    def _story_tab(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.case_title = plain_label("")
        self.case_title.setObjectName("caseTitle")
        self.case_title.setProperty("role", "title")
        font = self.case_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.case_title.setFont(font)
        self.case_theme = plain_label("")
        self.case_theme.setObjectName("caseTheme")
        self.case_story = plain_label("")
        self.case_story.setObjectName("caseStory")
        self.case_story.setProperty("role", "story")
        self.case_story.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        story_font = self.case_story.font()
        story_font.setPointSizeF(story_font.pointSizeF() * 1.15)
        self.case_story.setFont(story_font)
        self.fictional_note = plain_label(_("Deze casus is verzonnen."))
        self.fictional_note.setStyleSheet("QLabel { color: #555555; }")
        self.discussion = plain_label("")
        self.discussion.setObjectName("caseDiscussion")
        self.opener_button = QPushButton(_("Gespreks&opener tonen"))
        self.opener_button.setObjectName("openerButton")
        self.opener_button.clicked.connect(self._show_opener)
        self.opener = plain_label("")
        self.opener.setObjectName("caseOpener")
        self.opener.setStyleSheet(
            "QLabel { background: #eef6ee; border: 1px solid #c5e0c5; border-radius: 4px;"
            " padding: 8px; }"
        )
        self.opener.hide()
        self.next_button = QPushButton(_("Naar de &signalen"))
        self.next_button.setObjectName("toSignalsButton")
        self.next_button.clicked.connect(lambda: self.tabs.setCurrentIndex(1))
        for widget in (
            self.case_title,
            self.case_theme,
            self.case_story,
            self.fictional_note,
            self.discussion,
        ):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.opener_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.opener)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("storyScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _case_chosen(self, row: int) -> None:
        case = self.data.cases[row] if 0 <= row < len(self.data.cases) else None
        self._show_case(case)

    def select_case(self, case_id: str) -> None:
        for row, case in enumerate(self.data.cases):
            if case.id == case_id:
                self.case_list.setCurrentRow(row)
                return
        raise KeyError(case_id)

    def _show_case(self, case: TrainingCase | None) -> None:
        self.case = case
        if case is None:
            self.case_title.setText(_("Geen casus gekozen"))
            self.case_theme.setText("")
            self.case_story.setText("")
            self.discussion.setText("")
        else:
            self.case_title.setText(case.title)
            self.case_theme.setText(case.theme)
            self.case_story.setText(case.story)
            if case.discussion:
                lines = [_("Om samen over te praten:")]
                lines.extend(f"• {question}" for question in case.discussion)
                self.discussion.setText("\n".join(lines))
            else:
                self.discussion.setText("")
        self.opener.setText(
            _("Zo zou je kunnen beginnen: “{opener}”").format(opener=case.opener) if case else ""
        )
        self.opener.hide()
        self.opener_button.setEnabled(case is not None)
        self.next_button.setEnabled(case is not None and self.signal_exercise is not None)
        if self.signal_exercise is not None:
            self.signal_exercise.set_case(case)
        if self.route_exercise is not None:
            self.route_exercise.set_case(case)
        self.tabs.setCurrentIndex(0)

    def _show_opener(self) -> None:
        self.opener.show()

    # -- presentation mode -------------------------------------------------------------------

    def _shortcut_toggle(self) -> None:
        if self.isVisible():
            self.set_presentation(not self.presenting)

    def _sync_present_case(self, row: int) -> None:
        if row >= 0 and self.present_case.currentIndex() != row:
            self.present_case.blockSignals(True)
            self.present_case.setCurrentIndex(row)
            self.present_case.blockSignals(False)

    def set_presentation(self, on: bool) -> None:
        """Large fonts for a projector, and the window full screen while presenting."""
        on = bool(on)
        if on == self.presenting:
            self.present_button.setChecked(on)
            return
        self.presenting = on
        self.present_button.blockSignals(True)
        self.present_button.setChecked(on)
        self.present_button.blockSignals(False)
        self.setStyleSheet(_PRESENTATION_STYLE if on else "")
        self.intro.setVisible(not on)
        # On the projector the story gets the room; the trainer picks the case beforehand.
        self.case_list.setVisible(not on)
        self.present_case.setVisible(on)
        # The wide projector screen holds the exercises in columns instead of one long list.
        if self.signal_exercise is not None:
            self.signal_exercise.set_columns(4 if on else 1)
        if self.route_exercise is not None:
            self.route_exercise.set_columns(3 if on else 1)
        window = self.window()
        if window is not self:
            if on:
                self._window_state = window.windowState()
                window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
            elif self._window_state is not None:
                window.setWindowState(self._window_state)
                self._window_state = None
        self.presentation_changed.emit(on)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.presenting and event.key() == Qt.Key.Key_Escape:
            self.set_presentation(False)
            return
        super().keyPressEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Leaving the section (or locking) ends the projector mode; the window comes back.
        if self.presenting and not self.window().isHidden():
            self.set_presentation(False)
        super().hideEvent(event)

    # -- handout -------------------------------------------------------------------------------

    def choose_handout_file(self) -> None:
        suggested = str(Path.home() / _("handout-geldzorgen-herkennen.pdf"))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Handout opslaan"), suggested, _("PDF-bestand (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_handout(Path(path))

    def save_handout(self, path: Path) -> None:
        """Write the handout PDF off the GUI thread; ``handout_saved`` tells when it is there."""
        catalogue, rules = self.data.catalogue, self.data.rules
        if catalogue is None or rules is None:
            return
        files = self.context.user_files()
        # The catalogue and the routes are Dutch text, so the page is laid out left to right.
        language = "nl"
        self.handout_button.setEnabled(False)
        self.banner.show_info(_("De handout wordt gemaakt…"))

        def work() -> Path:
            from app.documents.handout_pdf import write_handout

            return write_handout(path, catalogue, rules, files=files, language=language)

        def done(written: Path) -> None:
            self.handout_written = written
            self.handout_button.setEnabled(True)
            self.banner.show_info(_("De handout is opgeslagen: {name}").format(name=written.name))
            self.handout_saved.emit(written)

        def failed(error: BaseException) -> None:
            from app.fileio import WriteError

            self.handout_button.setEnabled(True)
            if isinstance(error, WriteError):
                message = str(error)  # one line that names the file and the reason
            elif isinstance(error, OSError):
                message = _("De handout kon niet worden opgeslagen: {reason}").format(
                    reason=_("schrijffout")
                )
            else:
                log.error("handout failed: %s", type(error).__name__)
                message = _("De handout kon niet worden gemaakt.")
            self.banner.show_error(message)
            self.handout_failed.emit(message)

        self._task = run_task(work, done, failed)
