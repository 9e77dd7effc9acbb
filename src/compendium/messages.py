"""What the tools say to editors, in their language: Chinese by default, English on request.

Code writes each message once, in English, as a template with named fields:
``t("'{value}' is listed twice", value=name)``.  The English template is the
key of its translation in ``data/messages.zh.yml`` (the way gettext keys a
catalogue by its msgid), so the code reads plainly and a test checks that
every template has its translation with the same fields.

The language is chosen when a message is shown, not when it is made:
``COMPENDIUM_LANG=en`` in the environment, or ``--lang en`` on a command
(`use_language`).  Values are rendered for that language too: lists are
joined with 、 and names quoted “so” in Chinese.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import string
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterator

import yaml

__all__ = [
    "Text",
    "t",
    "one_of",
    "either",
    "language",
    "use_language",
    "speaking",
    "render",
    "LANGUAGES",
    "catalogue",
    "printable",
]

LANGUAGES = ("zh", "en")
_chosen: str | None = None


def use_language(lang: str | None) -> None:
    """Choose the language of messages for this process (None: back to the environment's or the default)."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _chosen = lang


@contextlib.contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Messages in `lang` (None: as before) while the block runs: a command's --lang, for that command only."""
    global _chosen
    before = _chosen
    use_language(lang or before)
    try:
        yield
    finally:
        _chosen = before


def language() -> str:
    """The language messages are shown in: `use_language`, else $COMPENDIUM_LANG (zh, en, zh_CN …), else zh."""
    if _chosen:
        return _chosen
    wanted = os.environ.get("COMPENDIUM_LANG", "").strip().lower()[:2]
    return wanted if wanted in LANGUAGES else "zh"


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """English template → its translation, from the package's data."""
    if lang == "en":
        return {}
    text = resources.files("compendium").joinpath("data", f"messages.{lang}.yml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def render(value: Any, lang: str | None = None) -> str:
    """A message part as text in `lang`: a Text is translated, a list joined, anything else as it is, made
    printable (a value comes from an editor's file, and a message goes to a terminal or a CI log)."""
    lang = lang or language()
    if hasattr(value, "render"):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(render(item, lang) for item in value)
    return printable(str(value))


@dataclass(frozen=True)
class Text:
    """A message: an English template and its fields, rendered in the language asked for."""

    template: str
    args: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str | None = None) -> str:
        lang = lang or language()
        template = catalogue(lang).get(self.template, self.template)
        fields = {}
        for name, value in self.args:
            # Numbers stay numbers, so that a template may format them ({size:,}).
            fields[name] = value if isinstance(value, (int, float)) else render(value, lang)
        return template.format(**fields)

    def __str__(self) -> str:
        return self.render()


def t(template: str, /, **fields: Any) -> Text:
    """A message to translate: `template` is English with {named} fields."""
    return Text(template, tuple(fields.items()))


@dataclass(frozen=True)
class _OneOf:
    names: tuple[str, ...]

    def render(self, lang: str) -> str:
        if lang == "zh":
            return "或".join(f"“{n}”" for n in self.names)
        return " or ".join(f"'{n}'" for n in self.names)


def one_of(names) -> _OneOf:
    """Names offered as alternatives: 'a' or 'b' / “a”或“b”."""
    return _OneOf(tuple(str(n) for n in names))


@dataclass(frozen=True)
class _Either:
    zh: str
    en: str

    def render(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def either(*, zh: str, en: str) -> _Either:
    """A value given in both languages (a label from a table), shown in the reader's."""
    return _Either(zh, en)


def fields_of(template: str) -> set[str]:
    """The {fields} a template uses (for the catalogue's test)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""What a message line must not carry raw: control characters (a newline would start a line the CI runner reads
as a command, `::error`, `::add-mask::`; ESC drives a terminal), line and paragraph separators, and the
direction controls that make a terminal show text in another order than it is."""


def printable(text: str) -> str:
    """`text` as one line that is safe on a terminal and in a CI log: what it must not carry raw is written as
    an escape (\\n, \\x1b, \\u202e), visible to whoever reads it.

    >>> printable("cases/a\\n::error file=x::owned.md"), printable("\\x1b[31m红")
    ('cases/a\\\\n::error file=x::owned.md', '\\\\x1b[31m红')
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
