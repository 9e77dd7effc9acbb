"""Command-line entry points.  Each module has `build_parser()` and `main(argv) -> int`."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from ..errors import CompendiumError, ContentError


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
