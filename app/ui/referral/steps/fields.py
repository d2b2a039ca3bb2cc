"""Step 2: what will be shared, each field with the exact text it gets in the letter."""

from __future__ import annotations

from collections.abc import Mapping, Set

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.consent import FIELD_KEYS
from app.i18n import _, isolate
from app.ui.referral import texts
from app.ui.referral.flow_state import FlowState
from app.ui.widgets import bounded_line_edit, heading, plain_label


class FieldsStep(QWidget):
    changed = Signal()
    fields_changed = Signal()  # a box or a contact detail: the previews are out of date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Wat wordt gedeeld?"), level=2))
        self.fields_intro = plain_label("")
        layout.addWidget(self.fields_intro)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        self.field_boxes: dict[str, QCheckBox] = {}
        self.field_previews: dict[str, QLabel] = {}
        for key in FIELD_KEYS:
            box = QCheckBox(texts.field_label(key))
            box.setObjectName(f"field_{key}")
            box.toggled.connect(self._boxes_changed)
            box.toggled.connect(self.changed)
            preview = plain_label("")
            preview.setObjectName(f"preview_{key}")
            preview.setIndent(24)
            preview.setStyleSheet("color: #4a5a66;")
            self.field_boxes[key] = box
            self.field_previews[key] = preview
            inner_layout.addWidget(box)
            inner_layout.addWidget(preview)
            if key == "contact":
                self.contact_group = QWidget()
                contact_form = QFormLayout(self.contact_group)
                contact_form.setContentsMargins(24, 0, 0, 0)
                self.contact_name = bounded_line_edit(max_length=200)
                self.contact_name.setObjectName("contactNameField")
                self.contact_phone = bounded_line_edit(max_length=40)
                self.contact_phone.setObjectName("contactPhoneField")
                self.contact_email = bounded_line_edit(max_length=200)
                self.contact_email.setObjectName("contactEmailField")
                for text, widget in (
                    (_("Naam medewerker:"), self.contact_name),
                    (_("Telefoon:"), self.contact_phone),
                    (_("E-mail:"), self.contact_email),
                ):
                    label = QLabel(text)
                    label.setBuddy(widget)
                    contact_form.addRow(label, widget)
                    widget.textChanged.connect(self._boxes_changed)
                    widget.textChanged.connect(self.changed)
                # Gesprekken asks for no names: say why this one is different
                contact_note = plain_label(
                    _(
                        "Naam en contactgegevens komen alleen in deze brief, waarvoor de "
                        "werknemer toestemming geeft. In het gesprek zelf blijft alleen de code."
                    )
                )
                contact_note.setObjectName("contactNameNote")
                contact_form.addRow(contact_note)
                inner_layout.addWidget(self.contact_group)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)

    def _boxes_changed(self) -> None:
        self.contact_group.setVisible(self.field_boxes["contact"].isChecked())
        self.fields_changed.emit()

    def apply_minimum(self, minimum: Set[str], recipient_name: str) -> None:
        """Tick what the recipient needs at least, nothing else."""
        for key, box in self.field_boxes.items():
            box.setChecked(key in minimum)
        self.fields_intro.setText(
            _(
                "Aangevinkt is wat {recipient} minimaal nodig heeft. Al het andere staat uit. "
                "Bespreek elke regel met de medewerker: alleen wat aangevinkt is, komt in de "
                "brief, precies zoals het er grijs onder staat."
            ).format(recipient=isolate(recipient_name) or _("de ontvanger"))
        )
        self._boxes_changed()

    def show_previews(self, previews: Mapping[str, str]) -> None:
        self.contact_group.setVisible(self.field_boxes["contact"].isChecked())
        for key, label in self.field_previews.items():
            label.setText(previews.get(key, "") or _("(niets ingevuld)"))

    def chosen(self) -> set[str]:
        return {key for key, box in self.field_boxes.items() if box.isChecked()}

    def load(self, state: FlowState) -> None:
        for key, box in self.field_boxes.items():
            box.setChecked(key in state.fields)
        for name in ("contact_name", "contact_phone", "contact_email"):
            getattr(self, name).setText(getattr(state, name))

    def store(self, state: FlowState) -> None:
        state.fields = self.chosen()
        state.contact_name = self.contact_name.text()
        state.contact_phone = self.contact_phone.text()
        state.contact_email = self.contact_email.text()
