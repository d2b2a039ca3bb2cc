"""Find text that does not fit its widget, and pages that need horizontal scrolling.

A widget is clipped when it is narrower than its size hint says its text needs: a
single-line label, a button, a check box or radio button; a word-wrapped label when it is
lower than its text needs at its width; a table header section narrower than its title.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QTabBar,
    QWidget,
)

TOLERANCE = 2  # px: rounding in the style's sums


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _where(widget: QWidget) -> str:
    names = []
    current: QWidget | None = widget
    while current is not None and len(names) < 4:
        if current.objectName() and not current.objectName().startswith("qt_"):
            names.append(current.objectName())
        current = current.parentWidget()
    return type(widget).__name__ + ("@" + "/".join(reversed(names)) if names else "")


def problems(root: QWidget) -> list[str]:
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root) if widget is not root else not root.isVisible():
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if not text or widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + TOLERANCE and widget.maximumHeight() > need:
                    found.append(f"{_where(widget)}: too low ({widget.height()} < {need}) {text!r}")
            elif widget.width() + TOLERANCE < widget.minimumSizeHint().width():
                found.append(
                    f"{_where(widget)}: too narrow ({widget.width()} < "
                    f"{widget.minimumSizeHint().width()}) {text!r}"
                )
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.hasHeightForWidth():  # a check box that wraps (widgets.wrapping_check_box)
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + TOLERANCE:
                    found.append(f"{_where(widget)}: too low ({widget.height()} < {need})")
                if widget.width() + TOLERANCE < widget.minimumSizeHint().width():
                    found.append(f"{_where(widget)}: too narrow {widget.text()!r}")
            elif widget.width() + TOLERANCE < widget.sizeHint().width():
                found.append(
                    f"{_where(widget)}: too narrow ({widget.width()} < "
                    f"{widget.sizeHint().width()}) {widget.text()!r}"
                )
        elif isinstance(widget, QHeaderView) and widget.orientation().name == "Horizontal":
            model = widget.model()
            if model is None:
                continue
            for index in range(widget.count()):
                if widget.isSectionHidden(index) or widget.sectionSize(index) <= 0:
                    continue
                need = widget.sectionSizeFromContents(index).width()
                if widget.sectionSize(index) + TOLERANCE < need:
                    title = model.headerData(index, widget.orientation())
                    found.append(
                        f"{_where(widget)}: column {title!r} too narrow "
                        f"({widget.sectionSize(index)} < {need})"
                    )
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                need = widget.fontMetrics().horizontalAdvance(
                    widget.tabText(index).replace("&", "")
                )
                if widget.tabRect(index).width() < need:
                    found.append(f"{_where(widget)}: tab {widget.tabText(index)!r} elided")
        if (
            isinstance(widget, QAbstractScrollArea)
            and not isinstance(widget, QAbstractItemView)
            and widget.horizontalScrollBar().maximum() > 0
        ):
            found.append(f"{_where(widget)}: needs horizontal scrolling")
    return found
