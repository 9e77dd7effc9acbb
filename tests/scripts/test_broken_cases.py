"""The corpus of broken case files in tests/broken/ (what each tool must say: test_one_verdict.py).

A strict build (`make build`, the build command) with one of them must fail and leave an existing site folder
as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_command, copy_project

BROKEN = ROOT / "tests" / "broken"
EXPECTED = yaml.safe_load((BROKEN / "expected.yml").read_text("utf-8"))


def test_the_corpus_is_complete():
    files = {p.stem for p in BROKEN.glob("*.md")}
    generated = {name for name, e in EXPECTED.items() if "generate" in e}
    assert files == set(EXPECTED) - generated
    assert len(EXPECTED) >= 40


def place(content: Path, name: str) -> Path:
    """Put the broken file `name` into a content folder, where expected.yml says; its path."""
    expected = EXPECTED[name]
    folder = content / "cases" / expected.get("folder", "gjtwbh-2021-3")
    target = folder / expected.get("as", f"{name}.md")
    if name == "five-megabyte-body":
        header = (BROKEN / "missing-title.md").read_text("utf-8").replace("---\n", "---\ntitle: 很长的案例\n", 1)
        target.write_text(header + "健康促进医院建设的做法与成效。" * 350_000, "utf-8")
    else:
        shutil.copy(BROKEN / f"{name}.md", target)
    return target


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _fails_and_keeps_the_old_site(tmp_path: Path, break_project, expect: str, traceback: bool = False) -> None:
    """Build, break the project, build again: the second build fails with `expect` and changes nothing."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build_command(project, site).returncode == 0
    before = _digest(site)
    break_project(project)
    result = build_command(project, site)
    assert result.returncode == 1
    assert expect in result.stdout + result.stderr
    assert traceback or "Traceback" not in result.stderr
    assert _digest(site) == before
    assert not (tmp_path / "site.partial").exists()
    assert not list(tmp_path.glob("site*.finder")), "the finder's own folder is removed too"


@pytest.mark.parametrize("name", ["yaml-syntax-error", "broken-case-link", "python-object-tag"])
def test_failed_build_leaves_the_previous_site_intact(name, tmp_path):
    _fails_and_keeps_the_old_site(tmp_path, lambda project: place(project / "content", name), EXPECTED[name]["expect"])


def test_a_strict_warning_also_leaves_the_previous_site_intact(tmp_path):
    # A content warning (a case's year differs from its collection's) stops a strict build before it
    # writes anything, with the check's words: the old site stays.
    def change_a_year(project):
        case = next((project / "content" / "cases" / "gjtwbh-2021-3").glob("*.md"))
        case.write_text(case.read_text("utf-8").replace("year: 2021", "year: 2020", 1), "utf-8")

    _fails_and_keeps_the_old_site(tmp_path, change_a_year, "严格构建不能通过")


def test_a_failure_after_the_finder_started_stops_it_and_leaves_nothing_behind(tmp_path):
    # A broken template fails the build while pages are laid out, after the build command has started
    # writing the finder's shards into a folder of its own.  (MkDocs shows a template's error with its traceback:
    # that is a developer's error, not an editor's.)
    def break_template(project):
        template = project / "overrides" / "compendium" / "case.html"
        template.write_text(template.read_text("utf-8") + "{% endif %}", "utf-8")

    _fails_and_keeps_the_old_site(tmp_path, break_template, "endif", traceback=True)
