"""Small shared widgets: plain-text labels, a calm message banner, a passphrase field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.i18n import directed

MAX_FIELD_LENGTH = 2000  # a 10 MB paste into a field is cut here, not stored

# The lock screen is built from these widgets, and it must appear about as fast as a bare
# window. Touching anything in PySide6's ``Qt`` namespace builds all of its ~70 Python enums
# at once (20-30 ms), so the few enum values needed here are set through Qt's property system,
# which takes the plain number. tests/gui/test_widgets.py checks them against the real enums.
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
NO_CONTEXT_MENU = 0  # Qt.ContextMenuPolicy.NoContextMenu
APPLICATION_SHORTCUT = 2  # Qt.ShortcutContext.ApplicationShortcut
LEFT_TO_RIGHT, RIGHT_TO_LEFT = 0, 1  # Qt.LayoutDirection
LANGUAGE_CHANGE_EVENT = 89  # QEvent.Type.LanguageChange (QEvent's 170 types cost 5 ms)


def set_plain_text_format(label: QLabel) -> None:
    """Show the text as typed: a name like ``<b>Jan</b>`` is never read as markup."""
    label.setProperty("textFormat", PLAIN_TEXT)


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    set_plain_text_format(label)
    label.setWordWrap(wrap)
    label.setText(directed(text))  # right to left in Arabic, even before a Latin name
    return label


def heading(text: str, parent: QWidget | None = None, *, level: int = 1) -> QLabel:
    label = plain_label(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * (1.6 if level == 1 else 1.25))
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class MessageBanner(QLabel):
    """A calm, plain-text message line (error or info) that screen readers announce."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_plain_text_format(self)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setStyleSheet(
            "QLabel { background: #fdecea; color: #7a1c12; border: 1px solid #f5c2bb;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.setText(directed(text))
        self.setAccessibleDescription(text)
        self.show()
        grow_dialog_to_fit(self)

    def show_info(self, text: str) -> None:
        self.setStyleSheet(
            "QLabel { background: #e8f2fb; color: #12395c; border: 1px solid #bcd7ef;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.setText(directed(text))
        self.show()
        grow_dialog_to_fit(self)

    def clear_message(self) -> None:
        self.clear()
        self.hide()

    def reserve_space(self, lines: int = 1) -> None:
        """Keep room for ``lines`` lines of message even while hidden, so showing a message
        never moves the controls below it (a click meant for a tab would land elsewhere)."""
        from PySide6.QtWidgets import QSizePolicy

        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)
        # the banner's padding (8 px) and border (1 px), top and bottom; a longer message
        # (a rare error) still gets the room it needs
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 2 * 9)


def grow_dialog_to_fit(widget: QWidget) -> None:
    """Make the dialog around ``widget`` tall enough for its word-wrapped text.

    A dialog is sized once, before a message appears; a wrapped message that comes later is
    squeezed to one cut-off line until the user enlarges the window. This grows the dialog
    (never shrinks it, never past the screen) to the height its layout needs at its width.
    """
    from PySide6.QtWidgets import QDialog

    window = widget.window()
    layout = window.layout() if isinstance(window, QDialog) else None
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height() - 40)
    if needed > window.height():
        window.resize(width, needed)


class RecoveryCodeLabel(QLabel):
    """The recovery code as it is written down: large, fixed-width, four groups per line.

    Used wherever a code is shown (first run, a new code in Instellingen), so both look alike.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Imported here: this module is on the lock screen's path (see the top of the file).
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QFont, QFontDatabase

        self.setObjectName("recoveryCode")
        set_plain_text_format(self)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.6)
        mono.setWeight(QFont.Weight.Bold)
        self.setFont(mono)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "QLabel { border: 2px dashed #888; padding: 16px; background: #fafafa; }"
        )

    def show_code(self, code: str) -> None:
        from app.ui.clipboard import secret_clipboard

        watch = secret_clipboard().watch  # should it ever be copied: cleared after 30 s
        for form in (code, code.replace("-", "")):
            watch(form)
        groups = code.split("-")
        self.setText("\n".join("-".join(groups[i : i + 4]) for i in range(0, len(groups), 4)))
        self.show()


def secret_field(parent: QWidget | None = None, placeholder: str = "") -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(1024)
    field.setPlaceholderText(placeholder)
    field.setProperty("contextMenuPolicy", NO_CONTEXT_MENU)
    return field


def forget_secret(field: QLineEdit) -> None:
    """Empty a field that held a secret, undo history included.

    ``QLineEdit.clear()`` is a deletion that can be undone, so its undo history keeps the
    text; ``setText("")`` starts a fresh history. (The memory Qt frees is not overwritten:
    see SECURITY.md.)
    """
    field.setText("")


def bounded_line_edit(parent: QWidget | None = None, max_length: int = 200) -> QLineEdit:
    field = QLineEdit(parent)
    field.setMaxLength(max_length)
    return field


def plural_suffix(spin, suffix_for) -> None:
    """A spin box whose unit follows its number ("1 minuut", "5 minuten"): ``suffix_for(n)``
    returns the suffix through ``ngettext``, and is asked again whenever the value changes."""

    def update(value: int) -> None:
        spin.setSuffix(suffix_for(value))

    update(spin.value())
    spin.valueChanged.connect(update)


def wrapping_check_box(text: str, parent: QWidget | None = None):
    """A check box whose text wraps at the width it gets, for long options in long languages
    (a plain QCheckBox never wraps and would widen the whole page)."""
    from PySide6.QtCore import QRect, QSize, Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QCheckBox, QSizePolicy, QStyle, QStyleOptionButton

    class WrappingCheckBox(QCheckBox):
        def __init__(self) -> None:
            super().__init__(text, parent)
            policy = self.sizePolicy()
            policy.setHeightForWidth(True)
            policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
            self.setSizePolicy(policy)

        def _offset(self) -> int:
            style = self.style()
            return style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + style.pixelMetric(
                QStyle.PixelMetric.PM_CheckBoxLabelSpacing
            )

        def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
            return True

        def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
            room = max(width - self._offset(), 1)
            flags = int(Qt.TextFlag.TextWordWrap)
            need = self.fontMetrics().boundingRect(QRect(0, 0, room, 100000), flags, self.text())
            return max(need.height(), super().sizeHint().height())

        def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
            words = self.text().replace("&", "").split() or [""]
            widest = max(self.fontMetrics().horizontalAdvance(word) for word in words)
            return QSize(self._offset() + widest + 2, super().sizeHint().height())

        def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
            # not every layout asks heightForWidth (a scroll area's does not): claim the height
            super().resizeEvent(event)
            need = self.heightForWidth(self.width())
            if need != self.minimumHeight():
                self.setMinimumHeight(need)

        def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
            painter = QPainter(self)
            option = QStyleOptionButton()
            self.initStyleOption(option)
            line = super().sizeHint().height()
            option.text = ""
            option.rect = QRect(0, 0, self.width(), line)
            self.style().drawControl(QStyle.ControlElement.CE_CheckBox, option, painter, self)
            offset = self._offset()
            room = QRect(0, 0, self.width() - offset, self.height())
            if self.layoutDirection() == Qt.LayoutDirection.LeftToRight:
                room.moveLeft(offset)
            flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop)
            lead = max((line - self.fontMetrics().height()) // 2, 0)
            self.style().drawItemText(
                painter,
                room.adjusted(0, lead, 0, 0),
                flags,
                self.palette(),
                self.isEnabled(),
                self.text(),
                self.foregroundRole(),
            )

    return WrappingCheckBox()
