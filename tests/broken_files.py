"""A corpus of broken files and archives, made afresh for each test run: what a hostile tester (or
an unlucky office) hands the program. `make(folder, backup)` writes them and says for each which
command reads it: `clients` (`import clients`), `script` (`import script`) or `restore`
(`db restore --replace`, from a real backup `backup` of the test database).

Run it alone to look at the files: `python -m tests.broken_files FOLDER BACKUP.zip`.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from openpyxl import Workbook

from ric_desk.validation import inn_check_digits

MB = 1024 * 1024


@dataclass(frozen=True)
class Broken:
    command: str  # clients | script | restore
    path: Path
    what: str


def _inn(n: int) -> str:
    body = f"60{n:07d}"
    return body + inn_check_digits(body)


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _docx_bytes(tables: int = 1, title: str = "Скрипт") -> bytes:
    document = Document()
    if title:
        document.add_heading(title, level=1)
    for _ in range(tables):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Шаг"
        table.cell(0, 1).text = "Текст"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The zip `data` with members replaced (bytes) or dropped (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in change:
                replacement = change[info.filename]
                if replacement is not None:
                    target.writestr(info.filename, replacement)
            else:
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


def _bomb(name: str, size: int) -> bytes:
    """A zip whose one member unpacks to `size` zero bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z,
        z.open(name, "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * MB
        for _ in range(size // MB):
            member.write(chunk)
    return out.getvalue()


def _csv(header: str, *rows: str) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _clients(folder: Path) -> list[Broken]:
    good = f"ООО Ромашка;{_inn(1)}"
    header = "Наименование;ИНН"
    workbook = _xlsx_bytes([["Наименование", "ИНН"], ["ООО Ромашка", _inn(1)]])
    files: dict[str, tuple[bytes | None, str]] = {
        "empty.csv": (b"", "an empty CSV"),
        "empty.xlsx": (b"", "an empty workbook file"),
        "text.xlsx": ("не книга".encode(), "text named .xlsx"),
        "png.xlsx": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "a picture named .xlsx"),
        "random-zip.xlsx": (_zip({"a.txt": b"x"}), "a zip of text"),
        "no-sheet-part.xlsx": (
            _rezip(workbook, {"xl/worksheets/sheet1.xml": None}),
            "a workbook missing its sheet",
        ),
        "bad-workbook-xml.xlsx": (
            _rezip(workbook, {"xl/workbook.xml": b"<workbook"}),
            "a workbook with broken XML",
        ),
        "no-sheets.xlsx": (
            _rezip(
                workbook,
                {
                    "xl/workbook.xml": (
                        b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats'
                        b'.org/spreadsheetml/2006/main"><sheets/></workbook>'
                    )
                },
            ),
            "a workbook without sheets",
        ),
        "broken-sheet.xlsx": (
            _rezip(workbook, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}),
            "a sheet with broken XML",
        ),
        "truncated.xlsx": (workbook[: len(workbook) // 2], "half a workbook"),
        "bomb.xlsx": (_bomb("xl/worksheets/sheet1.xml", 40 * MB), "a zip bomb named .xlsx"),
        "docx-renamed.xlsx": (_docx_bytes(), "a Word document named .xlsx"),
        "header-only.xlsx": (_xlsx_bytes([["Наименование", "ИНН"]]), "a workbook without rows"),
        "empty-sheet.xlsx": (_xlsx_bytes([]), "a workbook with an empty sheet"),
        "bad-inn.xlsx": (_xlsx_bytes([["Наименование", "ИНН"], ["ООО", "123"]]), "a bad INN"),
        "huge-number.xlsx": (
            _xlsx_bytes([["Рег. номер", "Наименование", "ИНН"], [10**30, "ООО", _inn(2)]]),
            "a registration number too large",
        ),
        "header-only.csv": (_csv(header), "a CSV without rows"),
        "blank-lines.csv": (b"\n\n   \n", "a CSV of blank lines"),
        "unknown-columns.csv": (_csv("Фамилия;Имя", "a;b"), "unknown columns"),
        "no-inn-column.csv": (_csv("Наименование", "ООО Ромашка"), "no INN column"),
        "bad-inn.csv": (_csv(header, "ООО Ромашка;7701234567"), "an INN with a bad checksum"),
        "letters-inn.csv": (_csv(header, "ООО Ромашка;ИНН-ИНН"), "letters for an INN"),
        "empty-name.csv": (_csv(header, f";{_inn(3)}"), "an empty name"),
        "long-name.csv": (_csv(header, f"{'Я' * 10_000};{_inn(4)}"), "a 10 000-letter name"),
        "control-name.csv": (_csv(header, f"ООО\x01\x02;{_inn(5)}"), "control characters"),
        "nul.csv": (_csv(header, f"ООО\x00;{_inn(6)}"), "a NUL in a name"),
        "unknown-region.csv": (
            _csv("Наименование;ИНН;Регион", f"ООО;{_inn(7)};Атлантида"),
            "an unknown region",
        ),
        "huge-region.csv": (
            _csv("Наименование;ИНН;Регион", f"ООО;{_inn(8)};{'обл' * 4000}"),
            "a 12 000-letter region",
        ),
        "bad-phone.csv": (
            _csv("Наименование;ИНН;Телефон", f"ООО;{_inn(9)};позвоните мне"),
            "words for a phone",
        ),
        "long-phone.csv": (
            _csv("Наименование;ИНН;Телефон", f"ООО;{_inn(10)};{'1' * 500}"),
            "a 500-digit phone",
        ),
        "bad-email.csv": (
            _csv("Наименование;ИНН;E-mail", f"ООО;{_inn(11)};not-an-email"),
            "a bad e-mail",
        ),
        "unknown-responsible.csv": (
            _csv("Наименование;ИНН;Ответственный", f"ООО;{_inn(12)};Никто Никакой"),
            "an unknown responsible",
        ),
        "duplicate-inn.csv": (_csv(header, good, good), "one INN twice"),
        "bad-kpp.csv": (_csv("Наименование;ИНН;КПП", f"ООО;{_inn(13)};КПП"), "a bad KPP"),
        "bad-reg-number.csv": (
            _csv("Рег. номер;Наименование;ИНН", f"abc;ООО;{_inn(14)}"),
            "letters for a registration number",
        ),
        "huge-reg-number.csv": (
            _csv("Рег. номер;Наименование;ИНН", f"{'9' * 40};ООО;{_inn(15)}"),
            "a 40-digit registration number",
        ),
        "repeated-reg-number.csv": (
            _csv("Рег. номер;Наименование;ИНН", f"5;ООО;{_inn(16)}", f"5;ООО 2;{_inn(17)}"),
            "one registration number twice",
        ),
        "huge-field.csv": (_csv(header, f'"{"x" * 200_000}";{_inn(18)}'), "a 200 000-char cell"),
        "unbalanced-quotes.csv": (_csv(header, f'"ООО Ромашка;{_inn(19)}'), "an open quote"),
        "utf16.csv": ("Наименование;ИНН\nООО;1\n".encode("utf-16"), "UTF-16"),
        "binary.csv": (bytes(range(256)) * 40, "binary bytes"),
        "xlsx-renamed.csv": (workbook, "a workbook named .csv"),
        "commas.csv": (b"," * MB, "a megabyte of commas"),
        "bom-header.csv": ("\ufeff\ufeffНаименование;ИНН\n".encode(), "a doubled BOM"),
        "notes.txt": (_csv(header, good), "a .txt file"),
        "no-extension": (_csv(header, good), "a file without an extension"),
        "folder.xlsx": (None, "a folder named .xlsx"),
        "folder.csv": (None, "a folder named .csv"),
        "missing.xlsx": (b"", "a file that is not there"),
    }
    return _write(folder / "clients", "clients", files)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _scripts(folder: Path) -> list[Broken]:
    document = _docx_bytes()
    files: dict[str, tuple[bytes | None, str]] = {
        "empty.docx": (b"", "an empty document file"),
        "text.docx": ("не документ".encode(), "text named .docx"),
        "old.doc": (b"\xd0\xcf\x11\xe0" + b"\0" * 500, "an old .doc"),
        "png.docx": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "a picture named .docx"),
        "random-zip.docx": (_zip({"a.txt": b"x"}), "a zip of text"),
        "no-table.docx": (_docx_bytes(tables=0), "a document without a table"),
        "two-tables.docx": (_docx_bytes(tables=2), "two tables"),
        "no-title.docx": (_docx_bytes(title=""), "no title"),
        "truncated.docx": (document[: len(document) // 2], "half a document"),
        "bomb.docx": (_bomb("word/document.xml", 120 * MB), "a zip bomb named .docx"),
        "xlsx-renamed.docx": (_xlsx_bytes([["a"]]), "a workbook named .docx"),
        "no-body.docx": (_rezip(document, {"word/document.xml": None}), "no document part"),
        "folder.docx": (None, "a folder named .docx"),
    }
    return _write(folder / "scripts", "script", files)


def _corrupt(data: bytes, member: str) -> bytes:
    """`data` with the compressed bytes of `member` overwritten in the middle."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    broken = bytearray(data)
    for i in range(middle, min(middle + 64, start + info.compress_size)):
        broken[i] ^= 0xA5
    return bytes(broken)


def _archives(folder: Path, backup: Path) -> list[Broken]:
    real = backup.read_bytes()
    with zipfile.ZipFile(backup) as z:
        manifest = json.loads(z.read("manifest.json"))
        tables = [n for n in z.namelist() if n.endswith(".jsonl")]
        biggest = max(tables, key=lambda n: z.getinfo(n).compress_size)
    files: dict[str, tuple[bytes | None, str]] = {
        "empty.zip": (b"", "an empty file"),
        "text.zip": ("не архив".encode(), "text named .zip"),
        "no-manifest.zip": (_rezip(real, {"manifest.json": None}), "no manifest"),
        "bad-manifest.zip": (_rezip(real, {"manifest.json": b"{not json"}), "a broken manifest"),
        "other-format.zip": (
            _rezip(real, {"manifest.json": json.dumps({**manifest, "format": 99}).encode()}),
            "another format",
        ),
        "other-revision.zip": (
            _rezip(real, {"manifest.json": json.dumps({**manifest, "revision": "0001"}).encode()}),
            "an older schema",
        ),
        "missing-table.zip": (_rezip(real, {"client.jsonl": None}), "a table file missing"),
        "bad-line.zip": (
            _rezip(real, {"client.jsonl": b'{"id": 1,\n'}),
            "a broken line in a table",
        ),
        "corrupt-data.zip": (_corrupt(real, biggest), "corrupted compressed data"),
        "truncated.zip": (real[: len(real) // 2], "half an archive"),
        "bomb.zip": (_bomb("client.jsonl", 40 * MB), "a zip bomb"),
        "wrong-types.zip": (
            _rezip(real, {"region.jsonl": b'{"code": [1, 2], "name": {"a": 1}}\n'}),
            "values of the wrong type",
        ),
        "folder.zip": (None, "a folder named .zip"),
    }
    return _write(folder / "archives", "restore", files)


def _write(folder: Path, command: str, files: dict[str, tuple[bytes | None, str]]) -> list[Broken]:
    """Each file: bytes written, None a folder of that name; a name starting "missing" is not
    made at all."""
    cases = []
    for name, (data, what) in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.startswith("missing"):
            pass
        elif data is None:
            path.mkdir()
        else:
            path.write_bytes(data)
        cases.append(Broken(command, path, what))
    return cases


def make(folder: Path, backup: Path) -> list[Broken]:
    return _clients(folder) + _scripts(folder) + _archives(folder, backup)


if __name__ == "__main__":
    made = make(Path(sys.argv[1]), Path(sys.argv[2]))
    for case in made:
        print(f"{case.command:8} {case.path.name:28} {case.what}")
    print(len(made), "files")
