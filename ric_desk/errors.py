"""The one exception type for a mistake we can explain to the user in Russian."""


class UserError(Exception):
    """Something the user did or must do; the message is shown as is (Russian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
