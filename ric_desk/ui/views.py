"""Small helpers shared by the screens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ric_desk.ui.table_model import SORT_ROLE, RowsModel


def make_table(model: Any, name: str) -> QTableView:
    """A read-only, sortable, row-selecting table over `model`."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def indicator_model(parent: QObject) -> RowsModel:
    """Показатель / Значение / Актуален / Дата актуализации / Актуален до / Пользователь, with
    expired rows marked: the same table for a client and for a contact person."""

    translate = QCoreApplication.translate
    return RowsModel(
        [
            (translate("IndicatorTable", "Indicator"), lambda r: r.name),
            (translate("IndicatorTable", "Value"), lambda r: r.display),
            (translate("IndicatorTable", "Actual"), lambda r: r.is_actual),
            (translate("IndicatorTable", "Verified on"), lambda r: r.verified_on),
            (translate("IndicatorTable", "Valid until"), lambda r: r.valid_until),
            (translate("IndicatorTable", "User"), lambda r: r.verified_by),
        ],
        highlight=lambda r: (
            translate(
                "IndicatorTable", "The confirmation has expired: confirm or correct the value"
            )
            if r.expired
            else None
        ),
        parent=parent,
    )
