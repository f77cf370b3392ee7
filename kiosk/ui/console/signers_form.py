"""The console's Prepare fields for who signs beside the patient: a legally authorized
representative (name, relationship, why the patient cannot sign), a witness, an interpreter (name,
ID or agency, in person, by phone or by video; in the briefing's language)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit

from kiosk.i18n import Words
from kiosk.services.preparing import NAME_MAX
from kiosk.services.signing_plan import Interpreter, InterpreterMode, Plan, Representative
from kiosk.session.signers import MODE_WORDS


class SignersFields:
    """The rows it adds to the Prepare form, and the plan they hold."""

    def __init__(self, form: QFormLayout, words: Words) -> None:
        self.representative = QCheckBox(words("staff.prepare.rep-signs"))
        form.addRow(words("console.prepare.signers"), self.representative)
        self.rep_name = self._line(form, words, "staff.prepare.rep-name-placeholder")
        self.relationship = self._line(form, words, "staff.prepare.rep-relationship-placeholder")
        self.reason = self._line(form, words, "staff.prepare.rep-reason-placeholder", 400)
        self.witness = QCheckBox(words("staff.prepare.witness-signs"))
        form.addRow("", self.witness)
        self.interpreter = QCheckBox(words("staff.prepare.interp-helps"))
        form.addRow("", self.interpreter)
        self.interp_name = self._line(form, words, "staff.prepare.interp-name-placeholder")
        self.agency = self._line(form, words, "staff.prepare.interp-id-placeholder")
        self.mode = QComboBox()
        for mode, word in MODE_WORDS.items():
            self.mode.addItem(words(word), mode.value)
        form.addRow("", self.mode)
        self.representative.toggled.connect(self._show)
        self.interpreter.toggled.connect(self._show)
        self._show()

    def _line(
        self, form: QFormLayout, words: Words, placeholder: str, length: int = NAME_MAX
    ) -> QLineEdit:
        line = QLineEdit()
        line.setMaxLength(length)
        line.setPlaceholderText(words(placeholder))
        line.setAccessibleName(words(placeholder))
        line.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        form.addRow("", line)
        return line

    def _show(self) -> None:
        for line in (self.rep_name, self.relationship, self.reason):
            line.setVisible(self.representative.isChecked())
        for widget in (self.interp_name, self.agency, self.mode):
            widget.setVisible(self.interpreter.isChecked())

    def offer_interpreter(self, offered: bool) -> None:
        """An interpreter only for a briefing in another language than the clinic's."""
        if not offered:
            self.interpreter.setChecked(False)
        self.interpreter.setVisible(offered)
        self._show()

    def plan(self, language: str) -> Plan:
        rep = (
            Representative(self.rep_name.text(), self.relationship.text(), self.reason.text())
            if self.representative.isChecked()
            else None
        )
        interp = (
            Interpreter(
                self.interp_name.text(), self.agency.text(), language,
                InterpreterMode(str(self.mode.currentData())),
            )
            if self.interpreter.isChecked()
            else None
        )  # fmt: skip
        return Plan(rep, interp, self.witness.isChecked())

    def clear(self, witness: bool) -> None:
        for line in (self.rep_name, self.relationship, self.reason, self.interp_name, self.agency):
            line.setText("")
        self.representative.setChecked(False)
        self.interpreter.setChecked(False)
        self.witness.setChecked(witness)
        self.mode.setCurrentIndex(0)
