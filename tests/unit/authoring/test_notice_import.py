import re

import pytest

from compendium.authoring.notice_import import parse_notice, plan_import, write_plan
from compendium.content.vocabularies import load_taxonomy
from compendium.errors import NoticeImportError
from compendium.text.numerals import parse_chinese_number
from compendium.text.reflow import reflow, strip_markdown
from conftest import CONTENT, SOURCES, squeeze


@pytest.fixture(scope="module")
def full():
    return parse_notice((SOURCES / "gjtwbh-2021-3.txt").read_text("utf-8"))


@pytest.fixture(scope="module")
def listed():
    return parse_notice((SOURCES / "gwbxch-2024-471.txt").read_text("utf-8"))


def test_full_notice_metadata(full):
    assert full.style == "full" and len(full.cases) == 18
    assert full.doc_number == "国健推委办函〔2021〕3号"
    assert full.title == "健康中国行动推进委员会办公室关于推介健康中国行动推进典型经验案例的通知"
    assert full.kind == "通知" and full.date.isoformat() == "2021-02-23"
    assert full.issuers == ["健康中国行动推进委员会办公室"]
    assert full.collection_title == "健康中国行动推进典型经验案例"
    assert [c.number for c in full.cases] == list(range(1, 19))


def test_full_cases_keep_every_character(full):
    for case in full.cases:
        rebuilt = case.title + "——" + case.unit + strip_markdown(case.body)
        assert squeeze(rebuilt) == squeeze(case.source_text), case.number


def test_full_cases_get_structure(full):
    ningbo = full.cases[7]
    assert ningbo.unit == "浙江省宁波市"
    assert "\n## 一、主要做法\n" in ningbo.body
    assert "\n### （一）构建完整平台架构。\n" in ningbo.body
    assert "\n1. **完整的平台架构。**平台利用" in ningbo.body
    first = full.cases[0].body
    assert "**一是组建“街巷小管家”队伍。**以" in first
    # paragraphs are rebuilt across the PDF's line and page breaks
    assert "由各学校颁发聘任证书，并报同级教育" in full.cases[1].body


def test_listed_notice(listed):
    assert listed.style == "listed" and len(listed.cases) == 51
    assert listed.doc_number == "国卫办宣传函〔2024〕471号" and listed.kind == "函"
    assert listed.issuers == ["国家卫生健康委办公厅", "国家中医药管理局综合司"]
    assert listed.collection_title == "2024年健康促进医院优秀案例"
    groups = [tuple(c.theme_names) for c in listed.cases]
    assert groups.count(("强化健康教育",)) == 18
    assert groups.count(("优化健康服务",)) == 15
    assert groups.count(("建设健康环境", "倡导健康文化", "完善健康促进激励机制")) == 18


def test_listed_entries_keep_every_character(listed):
    source = (SOURCES / "gwbxch-2024-471.txt").read_text("utf-8")
    assert len(re.findall(r"[:：]\s*《", source.split("优秀案例名单\n")[-1])) == 51
    for case in listed.cases:
        assert squeeze(case.source_text).replace(":", "：") == squeeze(case.unit) + "：《" + squeeze(case.title) + "》"
    wrapped = next(c for c in listed.cases if c.unit == "首都医科大学附属北京同仁医院")
    assert wrapped.title == "应用智能移动宣教系统助力医院健康教育创新管理"


def test_listed_cases_get_the_notices_words_as_summary(listed):
    summaries = {c.unit: c.summary for c in listed.cases if c.summary}
    assert len(summaries) == 12
    assert summaries["北京大学第三医院"].startswith("北京大学第三医院对在健康教育")
    assert summaries["广东省深圳平乐骨伤科医院"].endswith("营造人文就诊环境。")


def test_call_for_cases_has_no_cases():
    call = parse_notice((SOURCES / "jkzgcjdh-2024-zhengji.txt").read_text("utf-8"))
    assert call.style == "none" and call.cases == [] and call.kind == "函"
    assert call.recipients == "四川省妇幼保健院："
    assert "## 四、案例重点" in call.body and "### （一）卫生健康事业高质量发展" in call.body


@pytest.mark.parametrize("text", ["", "   \n\n", "随便一段文字，没有标题。"])
def test_unreadable_sources_are_refused_clearly(text):
    with pytest.raises(NoticeImportError):
        parse_notice(text)


def test_reflow_joins_broken_lines_and_splits_paragraphs():
    text = "  第一段开头，被折\n\n行了。\n  第二段。\n\n\n   \n  三是第三段。"
    assert reflow(text) == ["第一段开头，被折行了。", "第二段。", "三是第三段。"]


def test_import_plan_regions_and_rerun(tmp_path, listed):
    content = tmp_path / "content"
    (content / "_data").mkdir(parents=True)
    for name in ("themes.yml", "regions.yml"):
        (content / "_data" / name).write_text((CONTENT / "_data" / name).read_text("utf-8"), "utf-8")
    taxonomy = load_taxonomy(content)
    files, collection, warnings = plan_import(listed, taxonomy, content)
    assert collection["id"] == "gwbxch-2024-471" and collection["full_text"] is False
    assert len(files) == 52 and len({f.path for f in files}) == 52
    assert all(f.path.name.isascii() for f in files)
    region_warning = next(w for w in warnings if w.field == "region")
    for unit in ("苏州大学附属儿童医院", "海军军医大学第二附属医院", "中山大学附属第一医院"):
        assert unit in region_warning.what()
    changchun = next(f for f in files if f.path.name == "jilin-changchun-zhongyiyuan.md")
    assert "region: [吉林省, 长春市]" in changchun.text
    assert "themes: [建设健康环境、倡导健康文化、完善健康促进激励机制]" in changchun.text  # one group, as listed
    service = next(f for f in files if f.path.name == "shandongdaxueqiluyiyuan.md")
    assert "themes: [健康促进医院/优化健康服务]" in service.text

    dry = write_plan(files, dry_run=True)
    assert len(dry.written) == 52 and not any(f.path.exists() for f in files)
    assert len(write_plan(files).written) == 52
    edited = files[5].path
    edited.write_text(edited.read_text("utf-8") + "\n编辑补充。\n", "utf-8")
    again = write_plan(files)
    assert again.written == [] and again.kept == [edited] and len(again.unchanged) == 51
    assert "编辑补充" in edited.read_text("utf-8")
    assert write_plan(files, force=True).written == [edited]
    assert len(list((content / "cases").rglob("*.md"))) == 51


@pytest.mark.parametrize("dash", ["——", "—", "－－", "--"])
def test_title_and_unit_apart_by_any_dash_other_offices_write(full, dash):
    source = (SOURCES / "gjtwbh-2021-3.txt").read_text("utf-8")
    changed_source, count = re.subn(r"(?m)^(\s*\S.+?)——(?=\S+\s*$)", lambda m: m.group(1) + dash, source)
    assert count >= len(full.cases)
    changed = parse_notice(changed_source)
    assert [(c.title, c.unit) for c in changed.cases] == [(c.title, c.unit) for c in full.cases]


@pytest.mark.parametrize("style", ["一、", "（一）", "(一)"])
def test_theme_groups_under_any_heading_style(listed, style):
    source = (SOURCES / "gwbxch-2024-471.txt").read_text("utf-8")
    head, annex = source.split("优秀案例名单\n", 1)
    numbers = iter(["一", "二", "三", "四"])
    annex, count = re.subn(r"(?m)^[一二三四五]、(?=.*主题\s*$)", lambda m: style.replace("一", next(numbers)), annex)
    assert count == 3
    changed = parse_notice(head + "优秀案例名单\n" + annex)
    assert [c.theme_names for c in changed.cases] == [c.theme_names for c in listed.cases]


@pytest.mark.parametrize(
    "heading",
    ["健康中国行动推进典型经验案例{cn}", "案例{n}", "案例{n}：", "典型案例{n}", "案例{cn}："],
)
def test_case_headings_in_the_styles_offices_write(full, heading):
    source = (SOURCES / "gjtwbh-2021-3.txt").read_text("utf-8")

    def restyle(match):
        n = parse_chinese_number(match.group(1))
        return match.group(0).replace(match.group(0).strip(), heading.format(n=n, cn=match.group(1)))

    changed_source, count = re.subn(
        r"(?m)^\s*健康中国行动推进典型经验案例([一二三四五六七八九十]+)\s*$", restyle, source
    )
    assert count == len(full.cases)
    changed = parse_notice(changed_source)
    assert [(c.number, c.title, c.unit) for c in changed.cases] == [(c.number, c.title, c.unit) for c in full.cases]
    assert [squeeze(c.body) for c in changed.cases] == [squeeze(c.body) for c in full.cases]


@pytest.mark.parametrize("layout", ["same line", "colon", "two lines", "dash on the next line"])
def test_title_and_unit_in_the_layouts_offices_write(full, layout):
    source = (SOURCES / "gjtwbh-2021-3.txt").read_text("utf-8")

    def restyle(match):
        heading, title, unit = match.group("heading"), match.group("title"), match.group("unit")
        at = match.group("indent")  # each paragraph starts indented, as in the seed
        return {
            "same line": f"{at}{heading}：{title}——{unit}",
            "colon": f"{at}{heading}\n\n{at}{title}：{unit}",
            "two lines": f"{at}{heading}\n\n{at}{title}\n\n{at}{unit}",
            "dash on the next line": f"{at}{heading}\n\n{at}{title}\n\n{at}——{unit}",
        }[layout]

    pattern = (
        r"(?m)^(?P<indent>[ \t\u3000]*)(?P<heading>健康中国行动推进典型经验案例[一二三四五六七八九十]+)[ \t]*\n\s*\n"
        r"[ \t\u3000]*(?P<title>\S.*?)——(?P<unit>\S+)[ \t]*$"
    )
    changed_source, count = re.subn(pattern, restyle, source)
    assert count == len(full.cases)
    changed = parse_notice(changed_source)
    assert [(c.number, c.title, c.unit) for c in changed.cases] == [(c.number, c.title, c.unit) for c in full.cases]


@pytest.mark.parametrize("style", ["1.", "1、", "①", "第一部分 "])
def test_theme_groups_under_numbered_headings(listed, style):
    source = (SOURCES / "gwbxch-2024-471.txt").read_text("utf-8")
    head, annex = source.split("优秀案例名单\n", 1)
    marks = {
        "1.": ["1.", "2.", "3."],
        "1、": ["1、", "2、", "3、"],
        "①": ["①", "②", "③"],
        "第一部分 ": ["第一部分 ", "第二部分 ", "第三部分 "],
    }[style]
    numbers = iter(marks)
    annex, count = re.subn(r"(?m)^[一二三四五]、(?=.*主题\s*$)", lambda m: next(numbers), annex)
    assert count == 3
    changed = parse_notice(head + "优秀案例名单\n" + annex)
    assert [c.theme_names for c in changed.cases] == [c.theme_names for c in listed.cases]


@pytest.mark.parametrize("style", ["单位《标题》", "《标题》（单位）"])
def test_list_entries_in_the_styles_offices_write(listed, style):
    source = (SOURCES / "gwbxch-2024-471.txt").read_text("utf-8")
    head, annex = source.split("优秀案例名单\n", 1)
    flat = re.sub(r"(《[^》]*)\n\s*", r"\1", annex)  # each entry on one line
    entry = re.compile(r"(?m)^(?P<unit>[^:：《》\n]{2,80}?)\s*[:：]\s*《(?P<title>[^》]+)》\s*$")
    make = {"单位《标题》": "{unit}《{title}》", "《标题》（单位）": "《{title}》（{unit}）"}[style]
    changed_annex, count = entry.subn(lambda m: make.format(unit=m.group("unit"), title=m.group("title")), flat)
    assert count == len(listed.cases)
    changed = parse_notice(head + "优秀案例名单\n" + changed_annex)
    assert [(c.unit, squeeze(c.title), c.theme_names) for c in changed.cases] == [
        (c.unit, squeeze(c.title), c.theme_names) for c in listed.cases
    ]


def test_a_structure_not_understood_is_named_with_its_line(tmp_path, capsys):
    from compendium.cli import import_notice

    source = (SOURCES / "gjtwbh-2021-3.txt").read_text("utf-8")
    broken = source.replace(
        "健康手拉手“街巷小管家在行动”——北京市西城区新街口街道", "健康手拉手，街巷小管家在行动，北京", 1
    )
    line = broken.split("\n").index(next(l for l in broken.split("\n") if "健康手拉手，街巷" in l)) + 1
    path = tmp_path / "notice.txt"
    path.write_text(broken, "utf-8")
    assert import_notice.main([str(path), "--out", str(tmp_path / "content"), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line}: " in err and "标题——单位" in err and "Traceback" not in err
