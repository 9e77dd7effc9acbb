"""Helpers of the attack suite: a project to attack, the content check, a strict build over an existing site.

Test modules import the fixtures `good_site` and `attack` from here."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from compendium.cli import check
from conftest import build_command, build_site, copy_project


def digest(folder: Path) -> str:
    """Names and bytes of every file below `folder`: equal digests, byte-identical trees."""
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file() and not path.is_symlink():
            sha.update(path.read_bytes())
    return sha.hexdigest()


@pytest.fixture(scope="session")
def good_site(tmp_path_factory) -> Path:
    """A strict build of the fixture project, to copy as the 'previous site' that attacks must leave alone."""
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class Attack:
    """A copy of the project to break, with the check and a build over a copy of a good site."""

    def __init__(self, root: Path, good_site: Path):
        self.project = copy_project(root / "project")
        self.content = self.project / "content"
        self.site = root / "site"
        shutil.copytree(good_site, self.site)
        self.before = digest(self.site)

    # The attacks' expectations are written in English: both tools are asked for it.
    def check(self, capsys) -> tuple[int, str]:
        code = check.main([str(self.content), "--lang", "en"])
        out, err = capsys.readouterr()
        return code, out + err

    def build(self) -> tuple[int, str]:
        """`make build` (the build command, which publishes the site only once it is whole)."""
        result = build_command(self.project, self.site, lang="en")
        return result.returncode, result.stdout + result.stderr

    def refused(self, capsys, *expected: str) -> None:
        """Both the check and the build refuse, naming `expected`; no traceback; the old site intact."""
        code, output = self.check(capsys)
        assert code == 1, output
        assert "Traceback" not in output
        for text in expected:
            assert text in output, f"{text!r} not in the check's output:\n{output}"
        code, output = self.build()
        assert code == 1, output
        assert "Traceback" not in output
        for text in expected:
            assert text in output, f"{text!r} not in the build's output:\n{output}"
        assert digest(self.site) == self.before, "the previous site was changed"
        leftovers = [p.name for p in self.site.parent.iterdir() if p.name.startswith(self.site.name + ".")]
        assert leftovers == [], leftovers


@pytest.fixture
def attack(tmp_path, good_site) -> Attack:
    return Attack(tmp_path, good_site)
