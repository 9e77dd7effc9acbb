"""The Markdown extension that keeps bodies inert, and the body link checks."""

import markdown
import pytest

from compendium.content.links import body_links, link_problem
from compendium.content.safe_markdown import SafeMarkdownExtension, safe_url


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["toc", "attr_list", SafeMarkdownExtension()])


@pytest.mark.parametrize(
    "source, expected",
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("文字 <b onmouseover=alert(1)>粗</b>", "<p>文字 &lt;b onmouseover=alert(1)&gt;粗&lt;/b&gt;</p>"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("[a](javascript:alert(1))", "<p><a>a</a></p>"),
        ("[a](JaVa&#x73;cript:alert(1))", "<p><a>a</a></p>"),
        ("[a](java&Tab;script:alert(1))", "<p><a>a</a></p>"),
        ("[a](vbscript:x)", "<p><a>a</a></p>"),
        ("![i](data:text/html,<script>)", '<p><img alt="i" /></p>'),
        ('[a](x){: onclick="alert(1)" style="color:red" }', '<p><a href="x">a</a></p>'),
        (
            "[ok](../b/c.md#d) [m](mailto:a@b.cn) [w](https://www.nhc.gov.cn/)",
            '<p><a href="../b/c.md#d">ok</a> <a href="mailto:a@b.cn">m</a> <a href="https://www.nhc.gov.cn/">w</a></p>',
        ),
        ("\x02klzzwxh:0\x03 a&b", "<p>klzzwxh:0 a&amp;b</p>"),
    ],
)
def test_bodies_render_inert(source, expected):
    assert render(source) == expected


def test_headings_keep_their_text():
    assert render("# 标题 <em>x</em>") == '<h1 id="h-emxem">标题 &lt;em&gt;x&lt;/em&gt;</h1>'


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://a.cn", True),
        ("../x.md", True),
        ("#top", True),
        ("a:b/c", False),
        ("/x/y", True),
        ("javascript:x", False),
        (" JAVASCRIPT:x", False),
        ("&#106;avascript:x", False),
        ("&amp;#106;avascript:x", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_safe_url(url, safe):
    assert safe_url(url) is safe


def test_body_links_give_file_lines_and_read_code_too():
    # Code blocks are read too: a case text has none, and a fence Markdown does not close must not hide a link.
    body = "第一行 [a](x.md)\n```\n[b](javascript:x)\n```\n![c](y.png) [d]: ../z.md\n[e]: javascript:y\n"
    links = body_links(body, first_line=10)
    assert [(l.line, l.target, l.image) for l in links] == [
        (10, "x.md", False),
        (12, "javascript:x", False),
        (14, "y.png", True),
        (15, "javascript:y", False),
    ]


def test_body_links_nested_brackets_and_escapes():
    links = body_links(r"[外 [内] 文](a.md) \[不是](b.md) ![图](c.png)")
    assert [(l.target, l.image) for l in links] == [("a.md", False), ("c.png", True)]


def test_link_problems():
    pages = {"cases/a/one.md", "cases/b/two.md"}
    source = "cases/a/one.md"
    [script] = body_links("[x](javascript:alert(1))")
    what, how = (text.render("en") for text in link_problem(script, source, pages))
    assert "could run a script" in what and "https://" in how
    [broken] = body_links("[x](../b/three.md#top)")
    what, how = (text.render("zh") for text in link_problem(broken, source, pages))
    assert "“../b/three.md#top”" in what and "汇编中没有这个文件" in what
    for fine in ("[x](../b/two.md#top)", "[x](two.md)".replace("two", "one"), "[x](https://a.cn/b.md)", "[x](#s)"):
        [link] = body_links(fine)
        assert link_problem(link, source, pages) is None, fine
