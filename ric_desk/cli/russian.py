"""argparse's own words (the help's headings, its errors) in Russian, for ric-desk's parser.

argparse looks its words up through the `gettext` and `ngettext` it imported; Python ships no
Russian catalogue for them, so while ric-desk's parser is built and used, those two names in the
argparse module answer from the table below (and are put back afterwards).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

WORDS = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",  # before Python 3.10
    "subcommands": "команды",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "нужно указать: %s",
    "one of the arguments %s is required": "нужно указать один из параметров: %s",
    "not allowed with argument %s": "нельзя указывать вместе с %s",
    "unrecognized arguments: %s": "непонятные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "недопустимое значение %(value)r (можно: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r",
    "expected one argument": "нужно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "ignored explicit argument %r": "лишнее значение %r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "неоднозначный параметр %(option)s: подходят %(matches)s"
    ),
    "unexpected option string: %s": "неожиданный параметр %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "нет такой команды: %(parser_name)r (есть: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "не удалось открыть «%(filename)s»: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: предупреждение: %(message)s\n",
}

# (singular, plural) -> the three Russian forms: 1 значение, 2 значения, 5 значений
PLURALS = {
    ("expected %s argument", "expected %s arguments"): (
        "нужно %s значение",
        "нужно %s значения",
        "нужно %s значений",
    ),
}


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    forms = PLURALS.get((singular, plural))
    if forms is None:
        return singular if n == 1 else plural
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


@contextmanager
def russian_argparse() -> Iterator[None]:
    """argparse speaks Russian inside the block: build, parse and print help in it."""
    saved = vars(argparse).get("_"), vars(argparse).get("ngettext")
    vars(argparse)["_"], vars(argparse)["ngettext"] = gettext, ngettext
    try:
        yield
    finally:
        vars(argparse)["_"], vars(argparse)["ngettext"] = saved
