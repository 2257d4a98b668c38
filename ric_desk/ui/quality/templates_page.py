"""«Чек-листы»: the check-list templates with their current version, the chosen one's version
read-only as a tree (an older one through the version picker), and the Excel round trip: export
a version, edit it in Excel, import the workbook (a changed check-list is published as its next
version). Supervisors and administrators import; a director reads and exports; an operator has
no use for the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.checklists.access import READERS, SCORERS
from ric_desk.checklists.template_views import (
    Exported,
    ImportSummary,
    TemplateRow,
    VersionView,
    export_version,
    import_workbook,
    template_rows,
    version_view,
)
from ric_desk.checklists.vocabulary import Scale
from ric_desk.store import DbSession
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.table_model import OBJECT_ROLE, RowsModel
from ric_desk.ui.views import ElidedLabel, ask_xlsx, make_table, xlsx_target


def page(db: Database, actor: Actor, parent: QWidget) -> tuple[str, QWidget] | None:
    if actor.role not in READERS:
        return None
    return QCoreApplication.translate("TemplatesPage", "Check-lists"), TemplatesPage(db, parent)


def _moment(value: object) -> str:
    from datetime import datetime

    return value.astimezone().strftime("%d.%m.%Y %H:%M") if isinstance(value, datetime) else ""


class TemplatesPage(QWidget):
    """The templates (sortable, filtered as typed), the chosen one's version, import and export."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesPage")
        self.db = db
        self.actor = db.actor
        self.may_import = self.actor.role in SCORERS
        self.view: VersionView | None = None
        self._wanted: tuple[int, int | None] | None = None  # (template, version) being read
        self._build()
        db.hub.changed.connect(self._changed)
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        hint = QLabel(
            self.tr(
                "Check-lists are edited in Excel: export a version, change it in the workbook "
                "and import it back — a changed check-list is published as its next version. "
                "Published versions never change; reviews keep the version they were scored on."
            )
            if self.may_import
            else self.tr(
                "Check-lists are edited in Excel by supervisors; published versions never "
                "change. You may look at every version and export it."
            )
        )
        hint.setObjectName("templatesHint")
        hint.setWordWrap(True)

        self.filter = QLineEdit()
        self.filter.setObjectName("templatesFilter")
        self.filter.setPlaceholderText(self.tr("Filter by name, sheet or stage"))
        self.filter.setClearButtonEnabled(True)
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.setObjectName("importChecklists")
        self.import_button.setToolTip(self.tr("Ctrl+Shift+I"))
        self.import_button.clicked.connect(self.import_workbook)
        self.import_button.setVisible(self.may_import)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("exportChecklist")
        self.export_button.setToolTip(self.tr("Ctrl+E: the version shown on the right"))
        self.export_button.clicked.connect(self.export_version)
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        find = QLabel(self.tr("&Filter:"))
        find.setBuddy(self.filter)
        bar.addWidget(find)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)

        self.model = RowsModel(
            [
                (self.tr("Check-list"), lambda r: r.name),
                (self.tr("Version"), lambda r: r.version),  # in sight beside the name
                (self.tr("Sheet"), lambda r: r.sheet_name),
                (self.tr("Stage"), lambda r: f"{r.stage_id}. {r.stage}" if r.stage_id else ""),
                (self.tr("Published"), lambda r: r.published_at),
                (self.tr("Pass mark, %"), lambda r: r.pass_mark),
                (self.tr("Criteria"), lambda r: r.criteria),
            ],
            parent=self,
        )
        self.table = make_table(self.model, "templatesTable")
        proxy = self._proxy()
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        for column, width in enumerate((230, 60, 90, 110, 110, 60, 60)):
            self.table.setColumnWidth(column, width)

        self.title = ElidedLabel()
        self.title.setObjectName("versionTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.versions = QComboBox()
        self.versions.setObjectName("versionPicker")
        self.versions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.versions.setToolTip(self.tr("Older versions of the check-list (Ctrl+Shift+V)"))
        self.versions.activated.connect(lambda _index: self._version_picked())
        self.about = QLabel()
        self.about.setObjectName("versionAbout")
        self.about.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("versionTree")
        columns = [
            (self.tr("Section / criterion"), self.tr("* a hint: in the criterion's tooltip")),
            (self.tr("Weight / points"), self.tr("A section's weight, a criterion's points")),
            (self.tr("Scale"), ""),
            (self.tr("Crit."), self.tr("Critical: a miss fails the whole review")),
            (self.tr("N/A"), self.tr("May be marked not applicable")),
            (self.tr("Comm."), self.tr("A comment is required on a miss")),
        ]
        self.tree.setHeaderLabels([title for title, _ in columns])
        head = self.tree.headerItem()
        for column, (_, tip) in enumerate(columns):
            if tip:
                head.setToolTip(column, tip)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)  # a long criterion: its whole text is in its tooltip too
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        picker = QHBoxLayout()
        picker.addWidget(self.title, 1)
        picker.addWidget(QLabel(self.tr("Version:")))
        picker.addWidget(self.versions)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(picker)
        side.addWidget(self.about)
        side.addWidget(self.tree, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("templatesSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        self.status = QLabel()
        self.status.setObjectName("templatesStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        keys = [
            ("Ctrl+Shift+V", self._open_versions),
            ("F5", self.refresh),
        ]
        if self.may_import:
            keys.append(("Ctrl+Shift+I", self.import_workbook))
        for sequence, action in keys:
            shortcut = QShortcut(QKeySequence(sequence), self, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        settings.QUALITY_LAYOUT.restore_header(self.table.horizontalHeader(), "templatesTable")
        settings.QUALITY_LAYOUT.restore_splitter(self.splitter, "templatesSplitter")

    def save_layout(self) -> None:
        settings.QUALITY_LAYOUT.save_header(self.table.horizontalHeader(), "templatesTable")
        settings.QUALITY_LAYOUT.save_splitter(self.splitter, "templatesSplitter")

    def _proxy(self) -> QSortFilterProxyModel:
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy

    def _open_versions(self) -> None:
        self.versions.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.versions.showPopup()

    # -- reading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self.db.run_query(self, lambda s: template_rows(s, actor), self._listed)

    def _listed(self, rows: list[TemplateRow]) -> None:
        current = self.current()
        keep = current.template_id if current is not None else None
        self.model.set_rows(rows)
        proxy = self._proxy()
        chosen = 0
        for r in range(proxy.rowCount()):
            row = proxy.index(r, 0).data(OBJECT_ROLE)
            if isinstance(row, TemplateRow) and row.template_id == keep:
                chosen = r
                break
        if proxy.rowCount():
            self.table.setCurrentIndex(proxy.index(chosen, 0))
            self._chosen(keep_version=True)
        else:
            self._show(None)

    def current(self) -> TemplateRow | None:
        index = self.table.currentIndex()
        row = index.data(OBJECT_ROLE) if index.isValid() else None
        return row if isinstance(row, TemplateRow) else None

    def _chosen(self, *, keep_version: bool = False) -> None:
        row = self.current()
        if row is None:
            self._show(None)
            return
        number = None
        if keep_version and self.view is not None and self.view.template_id == row.template_id:
            number = None if self.view.is_latest else self.view.number
        self._read(row.template_id, number)

    def _version_picked(self) -> None:
        number = self.versions.currentData()
        if self.view is not None and isinstance(number, int) and number != self.view.number:
            self._read(self.view.template_id, number)

    def _read(self, template_id: int, number: int | None) -> None:
        actor = self.actor
        self._wanted = (template_id, number)

        def read(s: DbSession) -> VersionView:
            return version_view(s, actor, template_id, number)

        def done(view: VersionView) -> None:
            if self._wanted == (template_id, number):  # not overtaken by a later choice
                self._show(view)

        self.db.run_query(self, read, done, on_error=self._read_failed)

    def _read_failed(self, exc: BaseException) -> None:
        self._show(None)
        show_error(self, exc)

    def _show(self, view: VersionView | None) -> None:
        self.view = view
        self.tree.clear()
        self.versions.clear()
        self.export_button.setEnabled(view is not None)
        if view is None:
            self.title.setText("")
            self.about.setText(self.tr("No check-list chosen."))
            return
        self.title.setText(view.name)
        for stamp in view.versions:
            text = self.tr("{number} of {date}").format(
                number=stamp.number, date=_moment(stamp.published_at)
            )
            if stamp is view.versions[0]:
                text += " " + self.tr("(current)")
            self.versions.addItem(text, stamp.number)
        self.versions.setCurrentIndex(self.versions.findData(view.number))
        criteria = sum(len(s.criteria) for s in view.sections)
        about = self.tr(
            "Version {number} published {date}; pass mark {mark} %; sheet «{sheet}»; "
            "sections {sections}, criteria {criteria}."
        ).format(
            number=view.number,
            date=_moment(view.published_at),
            mark=view.pass_mark,
            sheet=view.sheet_name,
            sections=len(view.sections),
            criteria=criteria,
        )
        if view.stage_id is not None:
            about += " " + self.tr("Stage: {number}. {name}.").format(
                number=view.stage_id, name=view.stage
            )
        if not view.is_latest:
            about += " " + self.tr("This is an old version: reviews scored on it keep it.")
        self.about.setText(about)
        scales = {
            Scale.YES_NO: self.tr("yes/no"),
            Scale.ZERO_TWO: self.tr("0-2"),
            Scale.ZERO_FIVE: self.tr("0-5"),
        }
        yes = self.tr("yes")
        bold = self.tree.font()
        bold.setBold(True)
        for section in view.sections:
            top = QTreeWidgetItem([section.title, self.tr("weight {n}").format(n=section.weight)])
            top.setFont(0, bold)
            top.setToolTip(0, section.title)
            for criterion in section.criteria:
                item = QTreeWidgetItem(
                    [
                        criterion.text,
                        self.tr("{n} pts").format(n=criterion.points),
                        scales[criterion.scale],
                        yes if criterion.critical else "",
                        yes if criterion.may_be_na else "",
                        yes if criterion.comment_on_miss else "",
                    ]
                )
                tip = criterion.text
                if criterion.hint:
                    tip += "\n\n" + self.tr("Hint: {hint}").format(hint=criterion.hint)
                    item.setText(0, criterion.text + " *")
                item.setToolTip(0, tip)
                for column in range(1, 6):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
                top.addChild(item)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()

    def _changed(self, changes: Changes, _origin: object) -> None:
        if changes.dictionaries:
            self.refresh()

    # -- the Excel round trip ----------------------------------------------------------------
    def import_workbook(self) -> None:
        if not self.may_import:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import check-lists"),
            str(settings.IMPORT_FOLDER.folder()),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, source: Path) -> None:
        """Read and check the whole workbook, then publish its check-lists in one transaction;
        a refusal (with its sheet, row and reason) writes nothing."""
        settings.IMPORT_FOLDER.remember(source)
        actor = self.actor
        self.status.setText(self.tr("Importing «{file}»…").format(file=source.name))

        def op(s: DbSession) -> Done[ImportSummary]:
            return import_workbook(s, actor, source)

        self.db.run_op(
            self,
            op,
            lambda summary: self._imported(source, summary),
            on_error=self._import_failed,
            title=self.tr("Importing check-lists…"),
        )

    def _imported(self, source: Path, summary: ImportSummary) -> None:
        lines = []
        for c in summary.checklists:
            what = self.tr("«{name}» (sheet «{sheet}»)").format(name=c.name, sheet=c.sheet_name)
            if c.new_version:
                line = self.tr("{what}: published as version {number}").format(
                    what=what, number=c.number
                )
                line += self.tr(", sections {sections}, criteria {criteria}").format(
                    sections=c.sections, criteria=c.criteria
                )
            else:
                line = self.tr("{what}: unchanged, version {number}").format(
                    what=what, number=c.number
                )
            if c.stage_changed:
                line += self.tr("; stage now {stage}").format(stage=c.stage_id)
            lines.append(line + ".")
        if summary.empty_sheets:
            lines.append(
                self.tr("Empty sheets skipped: {sheets}.").format(
                    sheets=", ".join(f"«{n}»" for n in summary.empty_sheets)
                )
            )
        head = self.tr("Imported «{file}»: new versions {count}.").format(
            file=source.name, count=summary.published
        )
        self.status.setText("\n".join([head, *lines]))

    def _import_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The workbook was not imported; nothing was written."))
        show_error(self, exc)

    def export(self) -> None:
        """The main window's Ctrl+E: the version shown, to Excel."""
        self.export_version()

    def export_version(self) -> None:
        view = self.view
        if view is None:
            return
        name = f"{view.sheet_name} v{view.number}.xlsx"
        target = ask_xlsx(self, self.tr("Export the check-list"), name)
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """The version shown, to a workbook that imports back as it is."""
        view = self.view
        if view is None:
            return
        target = xlsx_target(target)
        actor, template_id, number = self.actor, view.template_id, view.number

        def read(s: DbSession) -> Exported:
            return export_version(s, actor, template_id, number, target)

        def done(exported: Exported) -> None:
            self.status.setText(
                self.tr("Version {number} of «{name}» saved to {file}.").format(
                    number=exported.number, name=exported.name, file=exported.target
                )
            )

        self.db.run_query(self, read, done, on_error=lambda exc: show_error(self, exc), title=None)
