"""The unlocked workspace: navigation on the left, one section at a time on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.ui.context import AppContext
from app.ui.section import Section
from app.ui.widgets import MessageBanner, heading, plain_label

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str  # N_() marked; translated when shown
    load: Callable[[], type[Section]]  # imports the section's code when first needed


# Each section's code is imported when it is first needed (warm_up, after the lock screen is
# painted), not when this module is: the lock screen must appear about as fast as a bare window.
def _intake() -> type[Section]:
    from app.ui.intake import IntakeSection

    return IntakeSection


def _signals() -> type[Section]:
    from app.ui.signals import SignalsSection

    return SignalsSection


def _referrals() -> type[Section]:
    from app.ui.referral.section import ReferralsSection

    return ReferralsSection


def _training() -> type[Section]:
    from app.ui.training import TrainingSection

    return TrainingSection


def _settings() -> type[Section]:
    from app.ui.settings_page import SettingsSection

    return SettingsSection


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("gesprekken", N_("Gesprekken"), _intake),
    SectionSpec("signalen", N_("Signalen"), _signals),
    SectionSpec("verwijzingen", N_("Verwijzingen"), _referrals),
    SectionSpec("training", N_("Training"), _training),
    SectionSpec("instellingen", N_("Instellingen"), _settings),
)


class HomeSection(Section):
    """Start screen: what needs attention today, and the two things an advisor does most."""

    new_intake_requested = Signal()

    def __init__(
        self,
        context: AppContext,
        sections: list[Section],
        quick_actions: list[QAction],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._sections = sections
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading(_("Vandaag")))
        self.lines = plain_label("")
        self.lines.setObjectName("homeLines")
        layout.addWidget(self.lines)
        # What is due today and this week, crisis deadlines first (issue 14).
        from app.ui.due_list import DueList

        self.due_list = DueList(context)
        self.open_intake_requested = self.due_list.open_requested  # a line opens its case
        layout.addWidget(self.due_list)
        from app.ui.backup_panel import BackupReminder

        self.backup_reminder = BackupReminder(context)
        layout.addWidget(self.backup_reminder)
        from app.ui.intake.retention import RetentionNotice

        self.retention_notice = RetentionNotice(context)
        layout.addWidget(self.retention_notice)
        buttons = QHBoxLayout()
        new_intake = QPushButton(_("&Nieuw gesprek beginnen"))
        new_intake.setObjectName("homeNewIntake")
        new_intake.setMinimumHeight(44)
        new_intake.clicked.connect(self.new_intake_requested)
        buttons.addWidget(new_intake)
        for action in quick_actions:
            button = QPushButton(action.text().replace("…", "") + "…")
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if shortcut:
                button.setToolTip(shortcut)
                button.setText(f"{button.text()} ({shortcut})")
            button.setMinimumHeight(44)
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(
            plain_label(
                _(
                    "Tip: met Ctrl+L vergrendelt u Vindplaats meteen, bijvoorbeeld als u even "
                    "wegloopt. Na een paar minuten zonder gebruik gebeurt dat vanzelf. Wat u "
                    "typte blijft bewaard: na het ontgrendelen gaat u verder waar u was."
                )
            )
        )
        layout.addStretch(1)

    def section_title(self) -> str:
        return _("Start")

    def refresh(self) -> None:
        lines: list[str] = []
        for section in self._sections:
            try:
                lines.extend(section.home_lines())
            except Exception:  # noqa: BLE001 - one section's hiccup must not blank the start
                log.exception("home_lines failed in %s", type(section).__name__)
        if not lines:
            lines = [_("Er staat vandaag niets klaar.")]
        self.lines.setText("\n".join(f"• {line}" for line in lines))
        self.due_list.refresh()
        self.backup_reminder.refresh()
        self.retention_notice.refresh()


def warm_up() -> None:
    """Import every section's code ahead of time, while the lock screen waits for the user
    (keys typed meanwhile are queued, not lost), so the first unlock only builds the views."""
    for spec in SECTIONS:
        spec.load()


class MainArea(QWidget):
    """Navigation + sections. Owns the sections; deleting it drops every view of the data."""

    lock_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainArea")
        self.context = context
        self.sections: list[Section] = [spec.load()(context) for spec in SECTIONS]
        self.home = HomeSection(context, self.sections, self.global_actions())
        self.home.new_intake_requested.connect(self._new_intake)
        self.home.open_intake_requested.connect(self._open_intake)
        for section in self.sections:
            signal = getattr(section, "language_changed", None)
            if signal is not None:
                signal.connect(self.language_changed)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; }"
            " QListWidget#navigation::item { padding: 8px 10px; }"
        )
        self.nav.setAccessibleName(_("Onderdelen"))
        self.nav.setMaximumWidth(220)
        self.stack = QStackedWidget()
        for section in [self.home, *self.sections]:
            item = QListWidgetItem(section.section_title())
            self.nav.addItem(item)
            self.stack.addWidget(section)
        self.nav.currentRowChanged.connect(self._show)

        lock_button = QPushButton(_("&Vergrendelen"))
        lock_button.setObjectName("lockButton")
        lock_button.setToolTip(_("Vergrendelen (Ctrl+L)"))
        lock_button.clicked.connect(self.lock_requested)
        about_button = QPushButton(_("Over Vindplaats"))
        about_button.setObjectName("aboutButton")
        about_button.clicked.connect(self.show_about)
        self._side = QWidget()
        self._side.setObjectName("sideColumn")
        side = QVBoxLayout(self._side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.nav, 1)
        side.addWidget(about_button)
        side.addWidget(lock_button)

        # A confirmation of what happened on this page by an action from elsewhere (a signal
        # logged with Ctrl+Shift+S): its space is kept, so nothing on the page moves.
        self.status_line = MessageBanner()
        self.status_line.setObjectName("statusLine")
        self.status_line.reserve_space(1)
        for section in self.sections:
            presenting = getattr(section, "presentation_changed", None)
            if presenting is not None:  # the projector shows the training, not the menu
                presenting.connect(lambda on: self._side.setVisible(not on))
            done = getattr(section, "done_elsewhere", None)
            if done is not None:
                done.connect(self._confirm_here)
        column = QVBoxLayout()
        column.addWidget(self.stack, 1)
        column.addWidget(self.status_line)

        layout = QHBoxLayout(self)
        layout.addWidget(self._side)
        layout.addLayout(column, 1)
        self.nav.setCurrentRow(0)
        self.home.refresh()

    def show_about(self) -> None:
        from app.ui.about import show_about

        self.about_dialog = show_about(self.context.shipped, self)

    def global_actions(self) -> list[QAction]:
        if self._actions is None:
            self._actions = []
            for section in self.sections:
                self._actions.extend(section.global_actions())
        return self._actions

    _actions: list[QAction] | None = None

    def _new_intake(self) -> None:
        self.show_section("gesprekken")
        section = self.section("gesprekken")
        start = getattr(section, "new_intake", None)
        if start is not None:
            start()

    def _open_intake(self, intake_id: int) -> None:
        self.show_section("gesprekken")
        section = self.section("gesprekken")
        open_intake = getattr(section, "open_intake", None)
        if open_intake is not None:
            open_intake(intake_id)

    def show_section(self, key: str) -> None:
        keys = ["start", *[spec.key for spec in SECTIONS]]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def current_key(self) -> str:
        keys = ["start", *[spec.key for spec in SECTIONS]]
        return keys[max(self.nav.currentRow(), 0)]

    def section(self, key: str) -> Section:
        keys = [spec.key for spec in SECTIONS]
        return self.sections[keys.index(key)]

    def _confirm_here(self, text: str) -> None:
        self.status_line.show_info(text)
        if self.current_key() == "start":
            self.home.refresh()  # "Deze week ... signalen" counts the new one

    def _show(self, row: int) -> None:
        if row < 0:
            return
        self.status_line.clear_message()
        self.stack.setCurrentIndex(row)
        widget = self.stack.currentWidget()
        if isinstance(widget, Section):
            widget.refresh()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Alt+1..6 jumps between sections, for keyboard users.
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            index = event.key() - Qt.Key.Key_1
            if 0 <= index < self.nav.count():
                self.nav.setCurrentRow(index)
                return
        super().keyPressEvent(event)
