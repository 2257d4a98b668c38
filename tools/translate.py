"""Keep the Russian translation of the screens whole (developers' tool).

    python tools/translate.py                      lupdate, then list what has no translation
    python tools/translate.py --set CONTEXT "Source" "Перевод" [--set ...]
    python tools/translate.py --merge OTHER.ts     take translations OTHER has and ours lacks

Every run updates ric_desk/ui/translations/ric_desk_ru.ts from the sources (obsolete strings
dropped, locations left out), fills what it is told, and compiles the .qm. A string whose
context moved keeps the translation it had under its old context.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ric_desk" / "ui"
TS = UI / "translations" / "ric_desk_ru.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _known(path: Path) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    by_context: dict[tuple[str, str], str] = {}
    by_source: dict[str, str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            if translation.text:
                by_context[(name, source)] = translation.text
                by_source.setdefault(source, translation.text)
    return by_context, by_source


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--set", nargs=3, action="append", default=[], metavar=("CONTEXT", "SOURCE", "TEXT")
    )
    parser.add_argument("--merge", type=Path, action="append", default=[])
    args = parser.parse_args()
    before = _known(TS)
    merged = [_known(path) for path in args.merge]
    sources = sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(TS), "-no-obsolete", "-locations", "none"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    told = {(c, s): t for c, s, t in args.set}
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") != "unfinished":
                continue
            key = (name, source)
            known = [before, *merged]
            text = told.get(key)
            text = text or next((k[0][key] for k in known if key in k[0]), None)
            text = text or next((k[1][source] for k in known if source in k[1]), None)
            if text:
                translation.text = text
                del translation.attrib["type"]
            else:
                missing.append(key)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    _rewrite_header()
    # lupdate once more: it writes the file in its own layout, which the test compares against
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(TS), "-no-obsolete", "-locations", "none"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, capture_output=True
    )
    for context, source in missing:
        print(f"{context}\t{source}")
    print(f"{len(missing)} без перевода", file=sys.stderr)
    return 1 if missing else 0


def _rewrite_header() -> None:
    text = TS.read_text(encoding="utf-8")
    if not text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>'):
        text = text.replace(
            "<?xml version='1.0' encoding='utf-8'?>\n",
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n',
            1,
        )
        TS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
