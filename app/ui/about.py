""" "Over Vindplaats": the version, the licence and the licences of everything bundled.

The list comes from the installed distributions' metadata (:mod:`app.licences`), never from a
hand-kept table. Choosing a row shows that component's licence text.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.i18n import _
from app.licences import APP_DISTRIBUTION, Component, components, licence_text, normalise
from app.shipped import ShippedData
from app.ui.widgets import heading, plain_label


def licence_model(items: list[Component]) -> QStandardItemModel:
    """One row per component: name, version, licence (read-only)."""
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels([_("Onderdeel"), _("Versie"), _("Licentie")])
    for component in items:
        licence = component.licence or _("niet opgegeven; zie de licentietekst")
        row = [QStandardItem(component.name), QStandardItem(component.version)]
        row.append(QStandardItem(licence))
        for cell in row:
            cell.setEditable(False)
        model.appendRow(row)
    return model


def app_licence(items: list[Component]) -> str:
    own = next((c for c in items if normalise(c.name) == APP_DISTRIBUTION), None)
    return own.licence if own is not None and own.licence else _("onbekend")


class AboutDialog(QDialog):
    def __init__(self, shipped: ShippedData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.shipped = shipped
        self.setWindowTitle(_("Over Vindplaats"))
        self.components = components(shipped)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"{APP_NAME} {__version__}"))
        self.licence_label = plain_label(
            _("Licentie: {licence}. Vindplaats bevat de onderdelen hieronder.").format(
                licence=app_licence(self.components)
            )
        )
        self.licence_label.setObjectName("aboutLicence")
        layout.addWidget(self.licence_label)

        self.model = licence_model(self.components)
        self.table = QTableView()
        self.table.setObjectName("aboutComponents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Meegeleverde onderdelen en hun licenties"))
        layout.addWidget(self.table, 2)

        self.text = QPlainTextEdit()
        self.text.setObjectName("aboutLicenceText")
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(_("Kies een onderdeel om de licentietekst te lezen."))
        layout.addWidget(self.text, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_text)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def _show_text(self, current, _previous=None) -> None:
        if not current.isValid():
            return
        component = self.components[current.row()]
        text = licence_text(component, self.shipped)
        self.text.setPlainText(
            text
            or _("{name} levert geen licentietekst mee; de licentie is: {licence}.").format(
                name=component.name, licence=component.licence or _("niet opgegeven")
            )
        )


def show_about(shipped: ShippedData, parent: QWidget | None = None) -> AboutDialog:
    dialog = AboutDialog(shipped, parent)
    dialog.open()
    return dialog
