"""The same project builds with ProperDocs, the maintained fork of MkDocs 1.6, into the same site.

MkDocs 1.x is unmaintained and Material reaches end of life on 5 May 2027;
ProperDocs runs MkDocs' hooks and plugins (it answers `import mkdocs…`), so
the compendium must build with either.  The two sites must hold the same
files with the same bytes, but for the generator line each page names.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, tool_env


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(FIXTURE / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=FIXTURE,
        env=tool_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _without_generator(path: Path) -> bytes:
    return b"\n".join(line for line in path.read_bytes().split(b"\n") if b'name="generator"' not in line)


def test_properdocs_builds_the_same_site(built_site, properdocs_site):
    assert _files(properdocs_site) == _files(built_site)
    different = [
        name
        for name in _files(built_site)
        if not name.endswith(".gz")
        and _without_generator(built_site / name) != _without_generator(properdocs_site / name)
    ]
    assert different == []
    page = (properdocs_site / "index.html").read_text("utf-8")
    assert "ProperDocs" in page and "健康中国案例汇编" in page
