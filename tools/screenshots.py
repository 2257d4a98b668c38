"""Render the screens offscreen on fresh demo data and save them to docs/screenshots/.

python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import generate
from ric_desk.models import ChannelKind, Client, Employee
from ric_desk.store import Store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RIC_DESK_DATA_DIR"] = tmp
        from ric_desk.config import parse_db_url
        from ric_desk.ui.app import application
        from ric_desk.ui.main_window import MainWindow

        url = parse_db_url(f"sqlite:///{Path(tmp, 'demo.sqlite3').as_posix()}")
        engine = open_engine(url)
        migrate.upgrade(engine)
        generate(engine, clients=300, seed=1, as_of=date.today())
        store = Store(engine, url)
        with store.session() as s:
            login = s.scalar(select(Employee.login).where(Employee.login == "egorova_ma"))
            client_id = s.scalar(
                select(Client.id).where(Client.name.like("%Дирекция спортивных%")).limit(1)
            ) or s.scalar(select(Client.id).limit(1))
        assert login and client_id
        store.sign_in(login)
        application()
        window = MainWindow(store)
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        window.grab().save(str(args.out / "client-list.png"))
        card = window.open_client(client_id)
        assert card is not None
        QApplication.processEvents()
        window.grab().save(str(args.out / "client-card-indicators.png"))
        card.sections.setCurrentIndex(1)
        QApplication.processEvents()
        window.grab().save(str(args.out / "client-card-segments.png"))
        card.sections.setCurrentIndex(2)
        QApplication.processEvents()
        window.grab().save(str(args.out / "client-card-persons.png"))
        card.sections.setCurrentIndex(3)
        QApplication.processEvents()
        window.grab().save(str(args.out / "client-card-works.png"))
        card.sections.setCurrentIndex(2)
        card.add_person()
        person = card.dialog
        assert person is not None
        person.last_name.setText("Петракова")
        person.first_name.setText("Светлана")
        person.middle_name.setText("Викторовна")
        person.position.setText("Главный бухгалтер")
        person.channels.cellWidget(0, 1).setText("7(8112)56-14-55")
        person.add_channel(ChannelKind.PERSONAL_EMAIL, "petrakova_1967@mail.ru")
        QApplication.processEvents()
        person.grab().save(str(args.out / "contact-person-dialog.png"))
        person.reject()
        card.person_table.setCurrentIndex(card.person_table.model().index(0, 0))
        card.open_person()
        person_card = card.dialog
        assert person_card is not None
        QApplication.processEvents()
        person_card.grab().save(str(args.out / "contact-person-card.png"))
        person_card.sections.setCurrentIndex(2)
        QApplication.processEvents()
        person_card.grab().save(str(args.out / "contact-person-indicators.png"))
        person_card.reject()
        card.sections.setCurrentIndex(0)
        card.select_indicator("Штат бухгалтеров")
        card.edit_current()
        dialog = card.dialog
        assert dialog is not None
        dialog.line.setText("три")
        dialog.accept()
        QApplication.processEvents()
        dialog.grab().save(str(args.out / "indicator-dialog-refused.png"))
        dialog.reject()
        card.select_indicator("Штат юристов")
        card.edit_current()
        card.dialog.line.setText("2")
        card.dialog.accept()
        card.sections.setCurrentIndex(4)
        QApplication.processEvents()
        window.grab().save(str(args.out / "client-card-history.png"))
        window.close()
        engine.dispose()
    print(f"saved to {args.out}")


if __name__ == "__main__":
    main()
