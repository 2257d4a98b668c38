"""Default dictionaries and other data files shipped with the program."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_defaults(name: str) -> dict[str, Any]:
    """Read `resources/defaults/NAME.toml`."""
    data = resources.files(__package__).joinpath("defaults", f"{name}.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def load_default_scripts() -> list[dict[str, Any]]:
    """Read `resources/scripts/*.toml`, one default call script each, in file-name order."""
    folder = resources.files(__package__).joinpath("scripts")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [tomllib.loads(f.read_bytes().decode("utf-8")) for f in files]
