"""The fixture compendium builds strictly, and bad content stops the build cleanly."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, FIXTURE, ROOT, add_hook, build_site, copy_project, tool_env


def read(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def test_case_page_has_number_title_card_and_neighbours(built_site):
    html = read(built_site, "cases/gjtwbh-2021-3/jilin-changchun-chaoyang-guilinjiedao/index.html")
    assert "案例五" in html and "社区营养厨房赋能合理膳食行动" in html
    assert 'class="cc-meta__unit">吉林省长春市朝阳区桂林街道<' in html
    region = re.search(r'class="cc-meta__region">(.*?)</dd>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>|\s", "", region) == "吉林省·长春市·朝阳区"
    assert 'href="../../../regions/jilin/#city-220100"' in region
    assert "合理膳食行动" in html and "国健推委办函〔2021〕3号" in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'href="../../../collections/gjtwbh-2021-3/"' in html


def _meta(path) -> dict:
    """A case file's front matter, read here independently of the compendium package."""
    return yaml.safe_load(path.read_text("utf-8").split("---")[1])


def test_listed_case_shows_summary_and_notice(built_site):
    html = read(built_site, "cases/gwbxch-2024-471/beijingdaxuedisanyiyuan/index.html")
    assert "北京大学第三医院对在健康教育" in html and "案例全文未随通知发布" in html
    assert 'href="../../../regions/beijing/#city-110108">海淀区</a>' in html


def test_collection_contents_in_notice_order(built_site):
    html = read(built_site, "collections/gwbxch-2024-471/index.html")
    labels = re.findall(r'class="cc-toc__number">([^<]+)<', html)
    numbers = sorted(_meta(p)["number"] for p in (CONTENT / "cases/gwbxch-2024-471").glob("*.md"))
    # a listed case is labelled by its place in the notice's list, never 案例N (which the notice never wrote)
    assert labels == [f"名单第{n}项" for n in numbers] and labels[0] == "名单第1项"
    assert html.index("北京大学人民医院") < html.index("宁夏回族自治区中医医院暨中医研究院")
    # the notice is the preface, without its annex (the contents replace it)
    preface = re.search(r'<section class="cc-preface"(.*?)</section>', html, re.S).group(1)
    assert "一、基本情况" in preface and "国卫办宣传函〔2024〕471号" not in preface.split("前言")[0]
    assert '<h2 id="_' not in preface or "附件</h2>" not in preface
    assert "《健康教育健康促进新模式》" not in preface  # the annex's list: the 目录 replaces it


def test_home_figures_are_computed(built_site):
    html = read(built_site, "index.html")
    figures = dict((label, int(n)) for n, label in re.findall(r"<strong>(\d+)</strong><span>([^<]+)</span>", html))
    # counted here straight from the files, independently of the compendium package
    metas = [_meta(p) for p in (CONTENT / "cases").rglob("*.md")]
    provinces = {m["region"][0] if isinstance(m["region"], list) else m["region"] for m in metas}
    collections = yaml.safe_load((CONTENT / "_data/collections.yml").read_text("utf-8"))
    assert figures == {
        "个案例": len(metas),
        "个单位": len({m["unit"] for m in metas}),
        "个省份": len(provinces - {"全国"}),
        "个年度": len({m["year"] for m in metas}),
        "个批次": len(collections),
    }


def test_notice_page_and_reference_section(built_site):
    html = read(built_site, "notices/gwbxch-2024-471/index.html")
    assert "国卫办宣传函〔2024〕471号" in html and "国家中医药管理局综合司" in html and "2024年12月10日" in html
    assert html.count('href="../../cases/gwbxch-2024-471/') == len(
        list((CONTENT / "cases/gwbxch-2024-471").glob("*.md"))
    )
    plans = read(built_site, "reference/work-plans/pian-04/index.html")
    assert "健康促进工作计划篇四" in plans


def test_site_makes_no_outside_requests(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            # links for readers are fine; nothing may be loaded from another host
            assert not re.search(r"<(script|link|img)[^>]+" + re.escape(url), html), (page, url)
    assert not (built_site / "_data").exists() and not (built_site / "_sources").exists()


def test_bad_case_stops_the_build_with_a_clear_message(tmp_path):
    project = copy_project(tmp_path / "project")
    case = project / "content" / "cases" / "gjtwbh-2021-3" / "shanghai.md"
    case.write_text(
        case.read_text("utf-8").replace("themes: [健康知识普及行动]", "themes: [健康知识普及]x: ["), "utf-8"
    )
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "content/cases/gjtwbh-2021-3/shanghai.md:6: 文件头格式错误" in output
    assert "Aborted with a BuildError" in output and "Traceback" not in output
    assert not site.exists()


def test_a_unit_that_recurs_in_another_collection_gets_its_own_page(tmp_path):
    project = copy_project(tmp_path / "project")
    folder = project / "content" / "cases" / "gwbxch-2024-471"
    number = max(_meta(p)["number"] for p in folder.glob("*.md")) + 1
    (folder / "shanghai.md").write_text(
        "---\ntitle: 上海市健康促进医院的新做法\nunit: 上海市卫生健康委员会\nregion: [上海市]\nyear: 2024\n"
        f"themes: [强化健康教育]\ncollection: gwbxch-2024-471\nnumber: {number}\n---\n",
        "utf-8",
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "上海市健康促进医院的新做法" in read(tmp_path / "site", "cases/gwbxch-2024-471/shanghai/index.html")
    assert "上海市健康促进医院的新做法" not in read(tmp_path / "site", "cases/gjtwbh-2021-3/shanghai/index.html")


def test_a_github_pages_project_site_gets_its_address(tmp_path, built_site):
    # publish.yml sets SITE_URL from GitHub Pages; without it the site works at any address (and no canonical link).
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(FIXTURE / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=FIXTURE,
        env=tool_env(
            SITE_URL="https://octocat.github.io/compendium/",
            COMPENDIUM_CMS_REPO="octocat/compendium",
            COMPENDIUM_NODE=str(ROOT / ".cache" / "node"),
        ),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '<a href="/compendium/">首页</a>' in read(site, "404.html")
    # publish.yml names the repository: the web editor is at /admin/, not indexed and not in the sitemap
    admin = read(site, "admin/index.html")
    assert '<meta name="robots" content="noindex, nofollow">' in admin and '<html lang="zh-Hans">' in admin
    assert (site / "admin" / "decap-cms.js").stat().st_size > 1_000_000
    config = yaml.safe_load(read(site, "admin/config.yml"))
    assert config["backend"]["repo"] == "octocat/compendium" and config["publish_mode"] == "editorial_workflow"
    assert config["site_url"] == "https://octocat.github.io/compendium/"
    assert "admin" not in read(site, "sitemap.xml")
    assert not (built_site / "admin").exists()  # no repository named: no editor
    assert "<loc>https://octocat.github.io/compendium/cases/" in read(site, "sitemap.xml")
    assert 'rel="canonical" href="https://octocat.github.io/compendium/"' in read(site, "index.html")
    assert 'rel="canonical"' not in read(built_site, "index.html")
    assert '<a href="/">首页</a>' in read(built_site, "404.html")


def test_the_footer_names_the_publisher_from_the_config(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nextra:\n  publisher: 某市卫生健康委员会<b>宣传处</b>\n", "utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    footer = read(tmp_path / "site", "index.html").split('class="md-copyright"')[1]
    assert "编印：某市卫生健康委员会&lt;b&gt;宣传处&lt;/b&gt;" in footer and "本网站由案例汇编生成器制作" in footer


@pytest.mark.parametrize("when", ["on_files", "on_post_build"])
def test_a_case_changed_after_the_check_is_not_published_unchecked(tmp_path, when):
    """A case's text is read again from its file when its page is converted and when the finder's data is written
    (the build keeps none of them): a file saved in between is refused, by name, and the build stops."""
    project = copy_project(tmp_path / "project")
    add_hook(project, "edit.py", EDIT_AFTER_CHECK_HOOK.replace("EVENT", when))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "构建网站期间有文件被改动：" in result.stderr
    assert "content/cases/gjtwbh-2021-3/chongqing.md: 文件在检查之后又被改动；请再构建一次" in result.stderr
    assert "Traceback" not in result.stderr


EDIT_AFTER_CHECK_HOOK = """
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(100)  # after the compendium's hook has checked the content, before it uses the file's text
def EVENT(*args, config, **kwargs):
    case = Path(config.docs_dir, "cases", "gjtwbh-2021-3", "chongqing.md")
    case.write_text(case.read_text("utf-8") + "<script>alert(1)</script>", "utf-8")
    return args[0] if args else None
"""


PROBE_HOOK = """
import json
from pathlib import Path

from mkdocs.plugins import event_priority

seen = {}


@event_priority(100)  # before the compendium's hook
def on_page_context(context, page, config, nav):
    held = len(page.content or "")
    if page.file.src_uri.startswith("cases/"):  # its front matter and contents are shelved with its HTML
        held += len(set(page.meta) - {"template"}) + len(page.toc.items)  # (the engine picks the template first)
    seen[page.file.src_uri] = {"held": held, "data": "compendium" in page.meta}
    return context


@event_priority(-100)  # after it
def on_post_page(output, page, config):
    kept = len(page.content or "") + len(page.markdown or "") + ("compendium" in page.meta)
    if page.file.src_uri.startswith("cases/"):  # in no navigation: its front matter and contents go too
        kept += len(page.meta) + len(page.toc.items)
    seen[page.file.src_uri]["kept"] = kept
    return output


def on_post_build(config):
    Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen), "utf-8")
"""


def test_no_page_holds_its_html_or_data_from_conversion_to_layout_and_after(tmp_path):
    """MkDocs converts every page before it lays out any and keeps every page to the end of the build: at 100,000
    cases each page's HTML, Markdown and data, held meanwhile, were gigabytes (issue 28). The probe sees each page
    just before the compendium's hook lays it out, and just after it is written."""
    project = copy_project(tmp_path / "project")
    add_hook(project, "probe.py", PROBE_HOOK)
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads((project / "seen.json").read_text("utf-8"))
    cases = [src for src in seen if src.startswith("cases/")]
    assert len(cases) == len(list((CONTENT / "cases").rglob("*.md")))
    assert all(s["held"] == 0 and not s["data"] and s["kept"] == 0 for s in seen.values()), [
        (src, s) for src, s in seen.items() if s["held"] or s["data"] or s["kept"]
    ][:3]
    # and yet every case page was laid out with its text and data
    page = read(site, "cases/gjtwbh-2021-3/jilin-changchun-chaoyang-guilinjiedao/index.html")
    assert "社区营养厨房赋能合理膳食行动" in page and "cc-meta__unit" in page
