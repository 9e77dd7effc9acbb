"""Command-line entry points.  Each module has `build_parser()` and `main(argv) -> int`."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml

from compendium.editions.edition import Edition, edition_slug
from compendium.errors import LEVELS, CompendiumError, ContentError, Problem
from compendium.messages import LANGUAGES, printable, t


@contextmanager
def reported_errors(exit_codes: list[int], prefix: str = "") -> Iterator[None]:
    """Turn the core's errors into `错误 …` (`ERROR …`) lines on stderr and exit code 1.

    `prefix` (the content folder) is put before each problem's path, so that
    editors can open the file straight from the message.
    """
    try:
        yield
    except ContentError as error:
        report(error.problems, prefix, "error")
        exit_codes.append(1)
    except CompendiumError as error:
        # A message may run over several lines; each is made printable and the later ones indented, so that no
        # line an editor's value brings can start a CI runner's command (::…).
        first, *rest = str(error).split("\n")
        print(
            f"{LEVELS['error']} {printable(first)}",
            *(f"  {printable(line)}" for line in rest),
            sep="\n",
            file=sys.stderr,
        )
        exit_codes.append(1)
    except OSError as error:
        print(printable(f"{LEVELS['error']} {error.filename or ''}: {error.strerror or error}"), file=sys.stderr)
        exit_codes.append(1)


def report(problems: list[Problem], prefix: str, level: str, annotation_level: str | None = None) -> None:
    """Each problem on a line of stderr, `错误 content/cases/…:5: field: what is wrong；how to fix it`, and in
    GitHub Actions as an annotation too (`annotation_level`: warnings that fail are shown as errors)."""
    for problem in problems:
        print(f"{LEVELS[level]} {printable(prefix)}{problem.format()}", file=sys.stderr)
    annotate(problems, prefix, annotation_level or level)


def add_language_option(parser) -> None:
    """`--lang en` for messages in English; Chinese is the default (or $COMPENDIUM_LANG)."""
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language of messages: zh (default, or $COMPENDIUM_LANG) or en"
    )


def _escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def annotate(problems: list[Problem], prefix: str, level: str) -> None:
    """In GitHub Actions, the problems as annotations on the pull request's changed lines, and in the job's
    summary: where an editor looks, next to the diff.  Elsewhere nothing."""
    if os.environ.get("GITHUB_ACTIONS") != "true" or not problems:
        return
    for problem in problems:
        where = f"file={_escape(prefix + problem.path, True)}"
        if problem.line:
            where += f",line={problem.line}"
        title = _escape(str(t("content check")), True)
        print(f"::{level} {where},title={title}::{_escape(problem.what())}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        rows = [f"| `{prefix}{p.path}` | {p.line or ''} | {p.what().replace('|', '&#124;')} |" for p in problems]
        with open(summary, "a", encoding="utf-8") as out:
            out.write(
                f"### {t('content check: {count} problem(s)', count=len(problems))}\n\n"
                f"| {t('file')} | {t('line')} | {t('what is wrong and how to fix it')} |\n|---|---|---|\n"
                + "\n".join(rows)
                + "\n\n"
            )


def interactive() -> bool:
    """Questions may be asked: a terminal, and not CI."""
    return sys.stdin.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


def ask(prompt: str, parse=lambda text: text, default: str = ""):
    """Ask until the answer parses: `parse` returns the value or raises ValueError saying what is wrong."""
    while True:
        suffix = f" [{default}]" if default else ""
        try:
            answer = input(f"{prompt}{suffix}: ").strip() or default
        except (EOFError, KeyboardInterrupt):
            print()
            raise CompendiumError(t("cancelled; nothing was written")) from None
        try:
            return parse(answer)
        except ValueError as error:
            print(f"  {error}，请重新输入 (try again)")


def required(text: str) -> str:
    """For ask(): an answer must be given."""
    if not text:
        raise ValueError("这一项必须填写 (required)")
    return text


def require_options(args, names: tuple[str, ...]) -> None:
    """Refuse, naming them, the options that neither the command line nor the questions gave."""
    missing = [f"--{n.replace('_', '-')}" for n in names if getattr(args, n) in (None, "")]
    if missing:
        raise CompendiumError(
            t("missing {options}: give them as options, or run in a terminal to be asked", options=missing)
        )


def content_vocabularies(content: Path):
    """The vocabularies of a content folder, for the tools that write into it."""
    from compendium.content.vocabularies import load_taxonomy

    if not (content / "_data").is_dir():
        raise CompendiumError(f"{content}: not a content folder (no _data/ in it); give --content")
    return load_taxonomy(content)


def choose(prompt: str, options: list[str], *, several: bool = False):
    """Numbered choices; answers by number or by name (several: separated by spaces, commas or 、)."""
    for i, option in enumerate(options, 1):
        print(f"  {i:>3}. {option}")

    def parse(text: str):
        picked = []
        for token in [w for w in re.split(r"[\s,，、;；]+", text) if w]:
            if token.isdigit() and 1 <= int(token) <= len(options):
                picked.append(options[int(token) - 1])
            elif token in options:
                picked.append(token)
            else:
                raise ValueError(f"“{token}”不在上面的列表中 (not one of the choices)")
        if not picked:
            raise ValueError("请至少选择一项 (choose at least one)")
        if not several and len(picked) > 1:
            raise ValueError("只能选择一项 (choose one)")
        return picked if several else picked[0]

    return ask(prompt + ("（可多选，用空格分隔编号）" if several else "（输入编号）"), parse)


class _ConfigLoader(yaml.SafeLoader):
    """The site's config as plain YAML: the engine's own tags (!ENV, !relative, !!python/name:…) read as
    nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


class _NamesLoader(_ConfigLoader):
    """The site's config with `!!python/name:module.thing` read as that thing, as the engine reads it (the site's
    own file, maintained with the code: what a Markdown extension's option names)."""


def _python_name(loader, suffix: str, node):
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as error:
        raise CompendiumError(f"!!python/name:{suffix}: cannot be imported ({error})")


# First, so that it is found before the parent's catch-all for python/ tags (PyYAML tries prefixes in order).
_NamesLoader.yaml_multi_constructors = {
    "tag:yaml.org,2002:python/name:": _python_name,
    **_ConfigLoader.yaml_multi_constructors,
}


def _merged(parent: dict, child: dict) -> dict:
    """`child` over `parent` as the engine merges an INHERIT: mappings key by key, anything else replaced."""
    merged = dict(parent)
    for key, value in child.items():
        merged[key] = (
            _merged(parent[key], value) if isinstance(value, dict) and isinstance(parent.get(key), dict) else value
        )
    return merged


def read_site_config(config: Path, _seen: tuple[Path, ...] = (), *, names: bool = False) -> dict:
    """The site's config file as plain data, over the config it INHERITs (its engine tags, such as !ENV, read as
    nothing; `!!python/name:` as nothing too, or with `names` as what it names)."""
    try:
        data = yaml.load(config.read_text("utf-8"), Loader=_NamesLoader if names else _ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CompendiumError(f"{config}: cannot be read ({error})")
    if not isinstance(data, dict):
        raise CompendiumError(f"{config}: not a mapping of settings")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and (config.parent / parent).resolve() not in _seen:
        data = _merged(read_site_config(config.parent / parent, (*_seen, config.resolve()), names=names), data)
    return data


def site_name(config: Path) -> str:
    """The compendium's title: site_name from the site's config (or the config it inherits from)."""
    data = read_site_config(config)
    if "site_name" in data:
        return str(data["site_name"])
    raise CompendiumError(f"{config}: no site_name")


def markdown_settings(data: dict) -> tuple[tuple, dict]:
    """The site's Markdown as the engine builds it, from its config read with `names`: MkDocs' built-in extensions
    (toc, tables, fenced_code), then those `markdown_extensions` lists, with their options — for the editions,
    which must print what the site shows (one list, in the site's config)."""
    names = ["toc", "tables", "fenced_code"]
    options: dict[str, dict] = {}
    for item in data.get("markdown_extensions") or []:
        name, given = (item, None) if isinstance(item, str) else next(iter(item.items()), (None, None))
        if not isinstance(name, str):
            continue
        if name not in names:
            names.append(name)
        if isinstance(given, dict):
            options[name] = given
    return tuple(names), options


def edition_settings(config: Path) -> Edition:
    """What the site's config says about printed editions: `extra.publisher` (编印单位, also the pages' footer),
    `extra.edition_date` (the cover's date; default: today) and the site's address (SITE_URL, else `site_url`)."""
    data = read_site_config(config, names=True)
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    day = extra.get("edition_date")
    if day is not None and not isinstance(day, dt.date):
        raise CompendiumError(
            t("{config}: extra.edition_date must be a date such as 2026-11-30, not {value}", config=config, value=day)
        )
    site_url = os.environ.get("SITE_URL") or (data["site_url"] if isinstance(data.get("site_url"), str) else "")
    return Edition(
        publisher=str(extra.get("publisher") or "").strip(),
        date=day,
        site_url=site_url,
        markdown=markdown_settings(data),
    )


def edition_name(title: str, day: dt.date) -> str:
    """File name of an edition (bundle, PDF): 健康中国案例汇编, 2026-11-24 → jiankangzhongguoanlihuibian-2026-11-24"""
    return f"{edition_slug(title)}-{day.isoformat()}"
