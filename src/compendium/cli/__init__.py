"""Command-line entry points.  Each module has `build_parser()` and `main(argv) -> int`."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml

from compendium.errors import CompendiumError, ContentError
from compendium.text.pinyin import slug_words, text_syllables


@contextmanager
def reported_errors(exit_codes: list[int], prefix: str = "") -> Iterator[None]:
    """Turn the core's errors into `ERROR …` lines on stderr and exit code 1.

    `prefix` (the content folder) is put before each problem's path, so that
    editors can open the file straight from the message.
    """
    try:
        yield
    except ContentError as error:
        for problem in error.problems:
            print(f"ERROR {prefix}{problem.format()}", file=sys.stderr)
        exit_codes.append(1)
    except CompendiumError as error:
        print(f"ERROR {error}", file=sys.stderr)
        exit_codes.append(1)
    except OSError as error:
        print(f"ERROR {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        exit_codes.append(1)


def site_name(config: Path) -> str:
    """The compendium's title: site_name from the site's config (or the config it inherits from)."""
    try:
        data = yaml.safe_load(config.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CompendiumError(f"{config}: cannot be read ({error})")
    if "site_name" in data:
        return str(data["site_name"])
    if "INHERIT" in data:
        return site_name(config.parent / data["INHERIT"])
    raise CompendiumError(f"{config}: no site_name")


def edition_name(title: str, day: dt.date) -> str:
    """File name of an edition (bundle, PDF): 健康中国案例汇编, 2026-11-24 → jiankangzhongguoanlihuibian-2026-11-24"""
    return f"{slug_words(text_syllables(title)) or 'compendium'}-{day.isoformat()}"
