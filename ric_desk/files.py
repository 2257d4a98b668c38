"""Guards every file reader passes first: the file is there, is a file, is not empty, is not too
large, and a zip package (.xlsx, .docx, a backup) does not unpack to more than a limit.

Each refusal is one Russian sentence that names the file and, for sizes, the limit; nothing of
the file is parsed before these checks, so a small archive that would unpack to gigabytes is
refused in milliseconds, from its directory alone.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ric_desk.errors import UserError

MB = 1024 * 1024
# an office list of 100 000 clients is some 15 MB as .xlsx, 30 MB as .csv; a script, a few KB
TABLE_LIMIT = 100 * MB
DOCUMENT_LIMIT = 20 * MB
UNPACKED_TABLE_LIMIT = 500 * MB
UNPACKED_DOCUMENT_LIMIT = 100 * MB
MAX_RATIO = 200  # a sheet's XML packs some 10-30 times; far more is a zip bomb
MAX_MEMBERS = 10_000


def _size(limit: int) -> str:
    return f"{limit // MB} МБ"


def checked_file(path: Path, what: str, limit: int) -> int:
    """The size of the file at `path` to be read as `what` ("книга Excel"...); refused in words
    when it is missing, a folder, unreadable, empty or larger than `limit`."""
    try:
        if path.is_dir():
            raise UserError(f"«{path}» — папка, а нужен файл ({what}).")
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"Файл «{path}» не найден.") from None
    except OSError as exc:
        raise UserError(f"Файл «{path}» не открывается: {exc.strerror or exc}.") from None
    if size == 0:
        raise UserError(f"Файл «{path.name}» пуст.")
    if size > limit:
        raise UserError(
            f"Файл «{path.name}» слишком велик: {size / MB:.0f} МБ, а можно не больше "
            f"{_size(limit)}."
        )
    return size


def checked_package(path: Path, what: str, unpacked_limit: int) -> None:
    """A zip package's directory, read before any part of it: it is a zip, has not too many
    parts, does not unpack to more than `unpacked_limit` nor pack suspiciously tight. `what` is
    said as «не является `what`»: "книгой Excel .xlsx"."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UserError(f"Файл «{path.name}» не является {what} или повреждён.") from None
    if len(members) > MAX_MEMBERS:
        raise UserError(f"Файл «{path.name}» не является {what}: в нём {len(members)} частей.")
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > unpacked_limit:
        raise UserError(
            f"Файл «{path.name}» распаковывается в {unpacked / MB:.0f} МБ, а можно не больше "
            f"{_size(unpacked_limit)}: такой файл не загружается."
        )
    if packed and unpacked > 10 * MB and unpacked / packed > MAX_RATIO:
        raise UserError(
            f"Файл «{path.name}» сжат в {unpacked / packed:.0f} раз — так сжимают не данные, "
            "а «zip-бомбы»: такой файл не загружается."
        )
