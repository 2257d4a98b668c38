"""What an operation changed, so every open screen refreshes only what concerns it.

Anki's `OpChanges` is the model: the core says what it touched, the UI's change hub tells every
screen, and each screen decides whether that concerns it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

T = TypeVar("T")


def _ids(values: Iterable[int | None]) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)


@dataclass(frozen=True)
class Changes:
    """Ids of what changed, by kind; `all_clients` when an operation touched clients in bulk.

    `priz` holds the ids of the clients whose ПРИЗ items changed (a rule refresh knows the
    clients, not the items)."""

    clients: frozenset[int] = field(default_factory=frozenset)
    persons: frozenset[int] = field(default_factory=frozenset)
    works: frozenset[int] = field(default_factory=frozenset)
    contacts: frozenset[int] = field(default_factory=frozenset)
    priz: frozenset[int] = field(default_factory=frozenset)
    dictionaries: bool = False
    all_clients: bool = False

    @classmethod
    def of(
        cls,
        *,
        clients: Iterable[int | None] = (),
        persons: Iterable[int | None] = (),
        works: Iterable[int | None] = (),
        contacts: Iterable[int | None] = (),
        priz: Iterable[int | None] = (),
        dictionaries: bool = False,
        all_clients: bool = False,
    ) -> Changes:
        return cls(
            clients=_ids(clients),
            persons=_ids(persons),
            works=_ids(works),
            contacts=_ids(contacts),
            priz=_ids(priz),
            dictionaries=dictionaries,
            all_clients=all_clients,
        )

    def __or__(self, other: Changes) -> Changes:
        merged = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = mine | theirs
        return Changes(**merged)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches_client(self, client_id: int) -> bool:
        return self.all_clients or client_id in self.clients


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's result together with what it changed."""

    value: T
    changes: Changes
