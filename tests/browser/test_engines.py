"""`make build ENGINE=mkdocs|properdocs|zensical`: three engines, one site for the reader.

Material for MkDocs reaches end of life on 5 May 2027; ProperDocs is the
maintained fork of MkDocs 1.6 (it runs the hook); Zensical, Material's
successor, runs no hooks and builds the pages the generate step writes as
files.  Each builds the fixture compendium with the build command; then:
ProperDocs' site is MkDocs' byte for byte but the generator line; every page
of Zensical's site shows the reader the same text as MkDocs'; the finder gives
the same answers in each, over http and, built for it, from file://.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from conftest import FIXTURE, all_results, build_command, copy_project, open_finder, served

ENGINES = ("mkdocs", "properdocs", "zensical")
FILE_CONFIG = "INHERIT: mkdocs.yml\nuse_directory_urls: false\n"
"""Pages as page.html, which open from file:// (the bundle's config adds the offline plugin too)."""
QUERIES = [q for q in yaml.safe_load((FIXTURE / "finder_queries.yml").read_text("utf-8")) if q.get("q")][:24]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The fixture compendium built by each engine (the sites inside the project: Zensical wants them there),
    and by MkDocs and Zensical for file://."""
    project = copy_project(tmp_path_factory.mktemp("engines") / "project")
    (project / "file.yml").write_text(FILE_CONFIG, "utf-8")
    out = {}
    for name, engine, config in [
        *((e, e, "mkdocs.yml") for e in ENGINES),
        *((f"{e}-file", e, "file.yml") for e in ("mkdocs", "zensical")),
    ]:
        site = project / f"site-{name}"
        result = build_command(project, site, engine=engine, config=config)
        assert result.returncode == 0, result.stdout + result.stderr
        out[name] = site
    # Zensical's generated config and docs are removed; no build left a folder beside its site
    leftovers = sorted(p.name for p in project.iterdir() if p.name.startswith(".zensical") or ".partial" in p.name)
    assert leftovers == []
    return out


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _without_generator(path: Path) -> bytes:
    return b"\n".join(line for line in path.read_bytes().split(b"\n") if b'name="generator"' not in line)


def test_properdocs_builds_the_same_site(sites):
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert _files(properdocs) == _files(mkdocs)
    different = [
        name
        for name in _files(mkdocs)
        if not name.endswith(".gz") and _without_generator(mkdocs / name) != _without_generator(properdocs / name)
    ]
    assert different == []
    assert "ProperDocs" in (properdocs / "index.html").read_text("utf-8")


def _reader_text(path: Path) -> str:
    """What a reader reads of a page: the text of its main column, whitespace aside."""
    tree = lxml_html.fromstring(path.read_bytes())
    content = tree.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' md-content ')]")
    return re.sub(r"\s+", "", content[0].text_content()) if content else ""


def test_zensical_gives_every_page_the_same_text(sites):
    mkdocs, zensical = sites["mkdocs"], sites["zensical"]
    pages = [p for p in _files(mkdocs) if p.endswith(".html")]
    assert len(pages) > 140 and [p for p in _files(zensical) if p.endswith(".html")] == pages
    assert 'content="zensical-' in (zensical / "index.html").read_text("utf-8")
    different = [page for page in pages if _reader_text(mkdocs / page) != _reader_text(zensical / page)]
    assert different == []
    case = _reader_text(zensical / "cases" / "gjtwbh-2021-3" / "chongqing" / "index.html")
    assert "单位（地区）重庆市" in case and "聚焦需求创新模式" in case  # the card and the text, not an empty shell
    # the data files every engine publishes, the same
    for name in ("cases.json", "cases.csv", "datapackage.json", "feed.xml", "finder/data/meta.js"):
        assert (zensical / name).read_bytes() == (mkdocs / name).read_bytes(), name


def _answers(page, finder_url: str) -> dict[str, list[str]]:
    answers = {}
    for query in QUERIES:
        params = {key: str(value) for key, value in query.items() if key in ("q", "region", "theme", "year")}
        open_finder(page, finder_url, **params)
        answers[str(params)] = all_results(page)
    return answers


def test_the_finder_answers_the_same_in_every_engine(sites, page):
    answers = {}
    for name in ENGINES:
        with served(sites[name]) as url:
            answers[name] = _answers(page, url + "finder/")
    for name in ("mkdocs-file", "zensical-file"):
        answers[name] = _answers(page, (sites[name] / "finder" / "index.html").as_uri())
    reference = answers["mkdocs"]
    assert sum(len(found) for found in reference.values()) > 50  # the queries find cases
    for name, found in answers.items():
        assert found == reference, name
    assert page.console_errors == []
