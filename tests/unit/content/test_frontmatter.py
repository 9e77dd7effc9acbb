import pytest

from compendium.content.frontmatter import parse_document


def problems_of(data: bytes):
    doc, problems = parse_document("cases/x/a.md", data)
    assert doc is None and len(problems) == 1
    return problems[0]


def test_parses_fields_body_and_lines():
    doc, problems = parse_document("a.md", "---\ntitle: 标题\nyear: 2021\n---\n正文\n".encode())
    assert problems == []
    assert doc.meta == {"title": "标题", "year": 2021}
    assert doc.field_lines == {"title": 2, "year": 3}
    assert doc.body.strip() == "正文" and doc.body_line == 5


@pytest.mark.parametrize(
    "data, expected, line",
    [
        (b"\xef\xbb\xbf---\ntitle: a\n---\n", "byte-order mark", 1),
        ("---\ntitle: 标题\n---\n".encode("gbk"), "not valid UTF-8", 2),
        (b"---\ntitle: a\n", "never closed", 1),
        (b"title: a\n", "no front matter", 1),
        (b"---\ntitle: [a\nunit: b\n---\n", "YAML syntax error", None),
        (
            b"---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n",
            "uses the YAML tag '!!python/object/apply:os.system', which is not allowed",
            2,
        ),
        (b"---\n- a\n- b\n---\n", "must be a set of 'field: value' lines", 2),
        (b"---\ntitle: a\ntitle: b\n---\n", "given twice", 3),
        (b"---\nx: " + b"[" * 40 + b"]" * 40 + b"\n---\n", "nested", 2),
    ],
)
def test_bad_files_get_one_clear_problem(data, expected, line):
    problem = problems_of(data)
    assert expected in problem.format("en")
    if line is not None:
        assert problem.line == line
    assert problem.format().startswith("cases/x/a.md")


def test_python_tags_never_build_objects():
    problem = problems_of(b"---\ntitle: !!python/object/new:os.system [echo pwned]\n---\n")
    assert "uses the YAML tag '!!python/object/new:os.system', which is not allowed" in problem.format("en")


def test_hostile_nesting_is_refused_without_crashing():
    # libyaml's composer recurses in C: depth must be refused before composing.
    text = "---\nx: " + "[" * 200_000 + "]" * 200_000 + "\n---\n"
    problem = problems_of(text.encode())
    assert "nested more than 8 levels deep" in problem.format("en") and problem.line == 2
