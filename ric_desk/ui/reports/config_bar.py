"""The report's saved configurations: the combo to choose one, «Сохранить как…» (a name, and
«Общая для всех» for those who may share) and «Удалить» (offered only for what one may
delete). The built-in «Настройка_причина_результат_закрытие» is always first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ric_desk.reports import configs
from ric_desk.reports.configs import SavedConfig
from ric_desk.reports.spec import ReportSpec
from ric_desk.ui.messages import ask
from ric_desk.ui.operations import Database
from ric_desk.ui.views import ok_cancel


class SaveConfigDialog(QDialog):
    """«Сохранить как…»: a name, and «Общая для всех» for those who may share."""

    def __init__(self, name: str, may_share: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveConfigDialog")
        self.setWindowTitle(self.tr("Save the configuration as"))
        self.name = QLineEdit(name)
        self.name.setObjectName("configName")
        self.name.selectAll()
        self.shared = QCheckBox(self.tr("Shared with everyone"))
        self.shared.setObjectName("configShared")
        self.shared.setVisible(may_share)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow("", self.shared)
        form.addRow(ok_cancel(self))
        self.setMinimumWidth(420)


class ConfigBar(QWidget):
    """Emits `chosen` with the configuration picked, `said` with a line for the status."""

    chosen = Signal(object)
    said = Signal(str)

    def __init__(
        self, db: Database, spec: Callable[[], ReportSpec], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._spec = spec
        self.name: str = configs.BUILTIN.name
        self.saved: list[SavedConfig] = []
        self.dialog: SaveConfigDialog | None = None
        self.combo = QComboBox()
        self.combo.setObjectName("reportConfigs")
        self.combo.setMinimumContentsLength(20)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.activated.connect(self._chosen)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveConfig")
        self.save_button.clicked.connect(self.save_config)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteConfig")
        self.delete_button.clicked.connect(self.delete_config)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._show_state()

    def read(self, select_name: str | None = None) -> None:
        actor = self.db.actor
        self.db.run_query(
            self,
            lambda s: configs.list_configs(s, actor),
            lambda saved: self._show(saved, select_name),
        )

    def _show(self, saved: list[SavedConfig], select_name: str | None) -> None:
        self.saved = saved
        self.combo.clear()
        for config in saved:
            text = config.name
            if config.shared and not config.builtin:
                text += " " + self.tr("(shared)")
            self.combo.addItem(text, config.name)
        self.combo.setCurrentIndex(max(self.combo.findData(select_name or self.name), 0))
        self._show_state()

    def _chosen(self, index: int) -> None:
        name = self.combo.itemData(index)
        for config in self.saved:
            if config.name == name:
                self.name = config.name
                self.chosen.emit(config)
                break
        self._show_state()

    def _show_state(self) -> None:
        actor = self.db.actor
        self.delete_button.setEnabled(
            any(
                c.name == self.name
                and not c.builtin
                and (c.owner == actor.login or configs.may_share(actor))
                for c in self.saved
            )
        )

    def save_config(self) -> SaveConfigDialog:
        default = self.name if self.name != configs.BUILTIN.name else ""
        dialog = SaveConfigDialog(default, configs.may_share(self.db.actor), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.save_config_as(dialog.name.text(), dialog.shared.isChecked())
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_config_as(self, name: str, shared: bool) -> None:
        actor, spec = self.db.actor, self._spec()
        self.db.run_op(
            self,
            lambda s: configs.save_config(s, actor, name, spec, shared),
            self._saved,
        )

    def _saved(self, config: SavedConfig) -> None:
        self.name = config.name
        self.said.emit(self.tr("Configuration «{name}» saved.").format(name=config.name))
        self.read(config.name)

    def delete_config(self) -> None:
        name = self.name
        if not self.delete_button.isEnabled():
            return
        if not ask(
            self,
            self.tr("Delete the configuration"),
            self.tr("Delete the configuration «{name}»?").format(name=name),
        ):
            return
        actor = self.db.actor
        self.db.run_op(
            self,
            lambda s: configs.delete_config(s, actor, name),
            lambda _none: self._deleted(name),
        )

    def _deleted(self, name: str) -> None:
        self.said.emit(self.tr("Configuration «{name}» deleted.").format(name=name))
        self.name = configs.BUILTIN.name
        self.read(configs.BUILTIN.name)
