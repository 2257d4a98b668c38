"""A step's expected answers, one text per branch kept in the step's single text field.

Word scripts put the client's likely answers in a row of their own, one cell per branch
("Посещает" / "Не посещает") or one cell merged across them. The step keeps them as one text: a
shared answer as it is; per-branch answers as blocks headed by the branch name,

    Посещает:
    1. Мне всё понравилось.

    Не посещает:
    1. Некогда, много работы.

which reads well as it is and which `split_answers` turns back into one text per branch.
"""

from __future__ import annotations

from collections.abc import Sequence


def _heading(branch: str) -> str:
    return f"{branch}:\n"


def join_answers(branches: Sequence[str], texts: Sequence[str]) -> str:
    """One text from the answers per branch (two or more branches)."""
    if len(branches) != len(texts) or len(branches) < 2:
        raise ValueError("one answer per branch, for two or more branches")
    return "\n\n".join(_heading(b) + t for b, t in zip(branches, texts, strict=True))


def split_answers(text: str, branches: Sequence[str]) -> list[str] | None:
    """The answers per branch if `text` is in `join_answers`' form for these branches, else None.

    None means a shared answer for all branches (or a single-branch script).
    """
    if len(branches) < 2 or not text.startswith(_heading(branches[0])):
        return None
    parts: list[str] = []
    start = len(_heading(branches[0]))
    for branch in branches[1:]:
        marker = "\n\n" + _heading(branch)
        end = text.find(marker, start)
        if end < 0:
            return None
        parts.append(text[start:end])
        start = end + len(marker)
    parts.append(text[start:])
    return parts
