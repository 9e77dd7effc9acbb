"""The generate step on the fixture compendium: every page with its template and data, URLs as engines make them."""

import json
import shutil

import pytest
import yaml

from compendium.build.generate import SiteSettings, front_matter_text, generate, write_docs
from compendium.content.loader import load_compendium
from conftest import CONTENT, png


@pytest.fixture(scope="module")
def loaded():
    return load_compendium(CONTENT)


@pytest.mark.parametrize(
    "directory_urls, case_url",
    [(True, "cases/gjtwbh-2021-3/chongqing/"), (False, "cases/gjtwbh-2021-3/chongqing.html")],
)
def test_every_page_gets_its_template_and_data_with_urls(loaded, directory_urls, case_url):
    site = generate(loaded, SiteSettings("汇编", directory_urls=directory_urls, site_url="https://example.org/h/"))
    assert set(loaded.documents) <= set(site.pages)
    case = site.pages["cases/gjtwbh-2021-3/chongqing.md"]
    assert case.kind == "case" and case.meta["template"] == "compendium/case.html"
    view = case.meta["compendium"]
    assert view["collection"]["url"] == (
        "collections/gjtwbh-2021-3/" if directory_urls else "collections/gjtwbh-2021-3.html"
    )
    assert view["share"]["citation"].endswith(f"https://example.org/h/{case_url}.")
    assert view["share"]["qr"].startswith("<svg")
    home = site.pages["index.md"]
    assert home.generated and home.meta["template"] == "compendium/home.html" and "json_ld" in home.meta["compendium"]
    finder = site.pages["finder/index.md"].meta["compendium"]
    assert finder["shards"]["text_shards"] == site.finder.text_shards
    collection = site.pages["collections/gjtwbh-2021-3.md"].meta["compendium"]
    assert collection["contents"][1] == {"title": "案例一 健康手拉手“街巷小管家在行动”", "anchor": "case-1"}
    records = json.loads(site.files["cases.json"])
    assert {r["url"] for r in records} >= {case_url}
    assert site.extra["finder_url"] == ("finder/" if directory_urls else "finder/index.html")


def test_written_docs_read_back_as_the_same_pages(loaded, tmp_path):
    site = generate(loaded, SiteSettings("汇编"))
    write_docs(site, CONTENT, tmp_path / "docs")
    for src in ("cases/gjtwbh-2021-3/chongqing.md", "index.md", "themes/index.md"):
        text = (tmp_path / "docs" / src).read_text("utf-8")
        front, body = text.removeprefix("---\n").split("\n---\n\n", 1)
        meta = {k: v for k, v in site.pages[src].meta.items() if k != "description"}
        assert yaml.safe_load(front) == json.loads(json.dumps(meta, default=str))
        assert "description" not in yaml.safe_load(front)  # Zensical prints it unescaped: never written
        assert body == site.pages[src].body
    assert (tmp_path / "docs" / "finder" / "data" / "meta.js").is_file()
    assert not (tmp_path / "docs" / "_data").exists()  # the editors' data is not published


def test_written_docs_hold_the_pictures_beside_the_cases(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    case = content / "cases" / "gjtwbh-2021-3" / "chongqing.md"
    (case.parent / "chongqing-1.png").write_bytes(png(4, 4, (200, 0, 0)))
    case.write_text(case.read_text("utf-8") + "\n![图一](chongqing-1.png)\n", "utf-8")
    loaded = load_compendium(content)
    write_docs(generate(loaded, SiteSettings("汇编")), content, tmp_path / "docs")
    picture = tmp_path / "docs" / "cases" / "gjtwbh-2021-3" / "chongqing-1.png"
    assert "cases/gjtwbh-2021-3/chongqing-1.png" in loaded.published
    assert picture.read_bytes() == (case.parent / "chongqing-1.png").read_bytes()


def test_front_matter_is_json_that_yaml_reads_as_the_same_data():
    meta = {"title": "a: b # c", "n": 3, "list": ["- x", "'"], "nested": {"k": None, "yes": "yes"}}
    assert yaml.safe_load(front_matter_text(meta).strip("-\n")) == meta


def _from_nothing(content, settings):
    """The load and generate of a process that never loaded anything (the memos emptied)."""
    from compendium.build import generate as step
    from compendium.content import loader
    from compendium.site.indexes import data

    loader._MEMO = loader._Memo()
    step._CASE_PAGES = step._CasePages()
    data._RELATED_CHOSEN.clear()
    return generate(load_compendium(content), settings)


def _rendered_from(site) -> dict:
    return {
        src: (page.body, json.dumps(page.meta, ensure_ascii=False, sort_keys=True, default=str))
        for src, page in site.pages.items()
    } | {"files": {k: v for k, v in site.files.items() if isinstance(v, str)}}


EDITS = {
    "a case's title": ("cases/gjtwbh-2021-3/shanghai.md", "title: 坚持", "title: 修订后坚持"),
    "a case's themes": (
        "cases/gjtwbh-2021-3/chongqing.md",
        "themes: [妇幼健康促进行动]",
        "themes: [全民健身行动, 中医药]",
    ),
    "a notice's title": ("notices/gjtwbh-2021-3.md", "典型经验案例的通知", "典型经验案例的通知（更正）"),
    "a theme's description": ("_data/themes.yml", "的15个专项行动", "的十五个专项行动"),
    "a theme's keywords": (
        "_data/themes.yml",
        "keywords: [健身, 体医融合, 运动]",
        "keywords: [健身, 体医融合, 运动, 大礼包]",
    ),
    "a removed case": ("cases/gjtwbh-2021-3/hubei-wuhan.md", None, None),
}


@pytest.mark.parametrize("edit", EDITS)
def test_generating_again_after_an_edit_gives_what_a_first_generate_gives(tmp_path, edit):
    """`make serve` loads and generates again after every save, keeping what an edit leaves as it was (the pages of
    unchanged cases, their related cases, the files read): what it gives is what a fresh process gives."""
    content = shutil.copytree(CONTENT, tmp_path / "content")
    settings = SiteSettings("汇编", site_url="https://example.org/h/")
    before = _rendered_from(_from_nothing(content, settings))  # rendered now: a page's text is read from its file
    path, old, new = EDITS[edit]
    if old is None:
        (content / path).unlink()
    else:
        text = (content / path).read_text("utf-8")
        assert old in text
        (content / path).write_text(text.replace(old, new), "utf-8")
    again = _rendered_from(generate(load_compendium(content), settings))
    fresh = _rendered_from(_from_nothing(content, settings))
    assert again == fresh
    assert again != before
