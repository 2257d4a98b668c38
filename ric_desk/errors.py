"""Errors the user can act on, by kind; the screens and the command line tell them apart by type.

Everything else is a bug: logged with its traceback and shown as a short apology.
"""

from __future__ import annotations

CONFLICT_MESSAGE = (
    "Эти данные уже изменил другой пользователь, пока вы их редактировали. Ваш ввод сохранён "
    "в форме: обновите карточку, сравните и сохраните снова."
)
DUPLICATE_MESSAGE = (
    "Такая запись уже есть в базе (её только что мог сохранить другой пользователь). "
    "Обновите данные и проверьте."
)
BUSY_MESSAGE = (
    "Эти данные сейчас меняет другой пользователь. Повторите действие через несколько секунд: "
    "введённое осталось на экране."
)
CONNECTION_MESSAGE = (
    "Нет связи с базой данных. Проверьте сеть и повторите действие: введённое на экране осталось."
)


class UserError(Exception):
    """Something the user did or must do; the message is shown as is (Russian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def line(self) -> str:
        """The message as one line, as a command prints its refusal."""
        return " ".join(self.message.split())


class ConflictError(UserError):
    """Someone else saved first (a stale version or a unique key taken meanwhile)."""


class LeaseLost(UserError):
    """The work is no longer held by this operator: its lease ran out and someone took it."""


class NotFound(UserError):
    """The record asked for does not exist (any more)."""


class NotAllowed(UserError):
    """The acting user's role may not do this."""


class NoConnection(UserError):
    """The database cannot be reached; the user's input must stay where it is."""


class Cancelled(Exception):
    """The person pressed Cancel: the long work stopped and rolled back what it had begun.
    Not an error to show."""
