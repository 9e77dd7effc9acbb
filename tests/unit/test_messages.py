"""Every message the tools can show has its Chinese text, with the same fields, and is shown in the language asked."""

import ast
from pathlib import Path

import pytest

import compendium
from compendium import messages
from compendium.content.frontmatter import parse_document
from compendium.messages import catalogue, fields_of, one_of, t
from conftest import ROOT

PACKAGE = Path(compendium.__file__).parent
HOOKS = ROOT / "hooks"


def _templates() -> dict[str, str]:
    """Every template written as t("…") in the package and the hooks, with the file it is in."""
    found = {}
    for path in [*PACKAGE.rglob("*.py"), *HOOKS.rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path}:{node.lineno}: t() needs a literal template"
                found[first.value] = f"{path.name}:{node.lineno}"
    return found


def test_every_template_has_its_chinese_text_with_the_same_fields():
    templates, zh = _templates(), catalogue("zh")
    assert len(templates) > 150
    missing = {template: where for template, where in templates.items() if template not in zh}
    assert missing == {}
    assert sorted(set(zh) - set(templates)) == [], "texts no code uses any more"
    for template, text in zh.items():
        assert fields_of(text) == fields_of(template), template
        assert text.strip() and text != template, template


def test_chinese_by_default_english_on_request(monkeypatch):
    monkeypatch.delenv("COMPENDIUM_LANG", raising=False)
    message = t("'{value}' is not a known theme", value="健康科普")
    hint = t("did you mean {names}?", names=one_of(["健康知识普及行动", "健康科普"]))
    assert message.render() == "“健康科普”不是已有的主题"
    assert hint.render() == "是否应为“健康知识普及行动”或“健康科普”？"
    monkeypatch.setenv("COMPENDIUM_LANG", "en")
    assert str(message) == "'健康科普' is not a known theme"
    assert str(hint) == "did you mean '健康知识普及行动' or '健康科普'?"
    messages.use_language("zh")
    try:
        assert str(message) == "“健康科普”不是已有的主题"
    finally:
        messages.use_language(None)
    with pytest.raises(ValueError):
        messages.use_language("fr")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            "cases/x.md:2: “title：”用的是中文全角冒号（：）；请改为英文半角冒号加一个空格：“title: ”，如 title: …",
        ),
        (
            "en",
            "cases/x.md:2: 'title：' is written with a full-width colon (：); "
            "write 'title: ' with an ASCII colon and a space, as in title: …",
        ),
    ],
)
def test_a_problem_reads_in_one_language_from_place_to_fix(lang, expected):
    _, problems = parse_document("cases/x.md", "---\ntitle：标题\n---\n正文\n".encode())
    assert [p.format(lang) for p in problems] == [expected]


def test_numbers_keep_their_format_and_lists_their_separator():
    size = t("file is {size:,} bytes, more than the {limit:,} allowed", size=5_000_000, limit=2_000_000)
    assert size.render("zh") == "文件有 5,000,000 字节，超过了允许的 2,000,000 字节"
    kinds = t("usual kinds: {kinds}", kinds=["通知", "通报"])
    assert kinds.render("zh") == "常见文种：通知、通报"
    assert kinds.render("en") == "usual kinds: 通知, 通报"
