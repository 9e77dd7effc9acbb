"""Property-based tests: arbitrary input never crashes the parser, the validator or the importer.

Each either accepts its input or rejects it with a message that names the
file; nothing else (no exception of another kind) may come out.  The runs are
derandomized so that CI is repeatable; a failure prints the smallest input.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compendium.authoring.notice_import import parse_notice, plan_import
from compendium.content.frontmatter import parse_document
from compendium.content.validation import validate_case, validate_notice
from compendium.content.vocabularies import load_taxonomy
from compendium.errors import NoticeImportError
from compendium.text.reflow import reflow
from conftest import CONTENT
from lunr_reference import lunr_py_index, rounded, scores_of, sharded

TAXONOMY = load_taxonomy(CONTENT)
PROPERTY = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Text that looks like what editors and PDFs produce: Chinese, ASCII, punctuation, YAML's own characters.
CHARS = st.sampled_from(
    list("健康中国行动案例一二三十省市区县医院（）《》〔〕、，。：；“”—")
    + list("abcXYZ019 -:#[]{}&*!|>'\"%@`,\n\t\\")
    + ["\u3000", "\ufeff", "\x00", "\x85", "é"]
)
TEXT = st.text(CHARS, max_size=200)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    TEXT,
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)
FIELD_NAMES = (
    st.sampled_from(
        [
            "title",
            "unit",
            "region",
            "year",
            "themes",
            "collection",
            "number",
            "summary",
            "keywords",
            "source",
            "date",
            "authors",
            "hide",
            "description",
            "template",
            "doc_number",
            "issuers",
            "kind",
            "recipients",
        ]
    )
    | TEXT
)
PLAUSIBLE = {
    "region": st.sampled_from([["吉林省", "长春市"], "吉林省长春市", ["全国"], ["長春市"], []]),
    "themes": st.sampled_from([["控烟行动"], ["合理膳食行動"], "控烟行动", [["x"]], []]),
    "collection": st.sampled_from(["gjtwbh-2021-3", "gwbxch-2024-471", "nope", 3]),
    "year": st.sampled_from([2021, 2024, "二〇二一", 1800, True]),
}


def _assert_clean_problems(problems, path: str) -> None:
    for problem in problems:
        text = problem.format()
        assert text.startswith(path) and str(problem.message).strip(), text


@PROPERTY
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_are_refused(data):
    doc, problems = parse_document("cases/x/a.md", data)
    assert (doc is None) == bool(problems)
    _assert_clean_problems(problems, "cases/x/a.md")


@PROPERTY
@given(TEXT, TEXT)
def test_any_front_matter_text_parses_or_is_refused(front, body):
    doc, problems = parse_document("cases/x/a.md", f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))
    assert (doc is None) == bool(problems)
    _assert_clean_problems(problems, "cases/x/a.md")


@PROPERTY
@given(st.dictionaries(FIELD_NAMES, VALUES, max_size=10), st.fixed_dictionaries({}, optional=PLAUSIBLE), TEXT)
def test_validator_accepts_or_explains_any_fields(fields, plausible, body):
    text = "---\n" + yaml.safe_dump({**fields, **plausible}, allow_unicode=True) + "---\n" + body
    doc, problems = parse_document("cases/gjtwbh-2021-3/a.md", text.encode("utf-8", "surrogatepass"))
    if doc is None:
        _assert_clean_problems(problems, "cases/gjtwbh-2021-3/a.md")
        return
    for validate in (validate_case, validate_notice):
        item, errors, warnings = validate(doc, TAXONOMY, "a")
        assert (item is None) == bool(errors)
        _assert_clean_problems(errors + warnings, "cases/gjtwbh-2021-3/a.md")


@PROPERTY
@given(
    st.lists(
        st.one_of(
            TEXT,
            st.sampled_from(
                [
                    "健康中国行动推进典型经验案例三",
                    "标题——吉林省长春市某单位",
                    "一、基本情况",
                    "（一）主要做法",
                    "1.第一条",
                    "一是加强领导。",
                    "北京大学第三医院:《标题",
                    "》",
                    "二、健康促进医院建设",
                    "国卫办宣传函〔2024〕471号",
                    "关于通报某某案例的函",
                    "2024年12月10日",
                    "附件",
                    "-3-",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_importer_reads_or_refuses_any_notice_text(lines):
    text = "\n".join(lines)
    try:
        notice = parse_notice(text)
    except NoticeImportError as error:
        assert str(error).strip()
        return
    try:
        files, _, warnings = plan_import(notice, TAXONOMY, Path("/nonexistent-content"))
    except NoticeImportError as error:
        assert str(error).strip()
        return
    for planned in files:
        assert planned.path.suffix == ".md" and re.fullmatch(r"[a-z0-9-]+", planned.path.stem)


@PROPERTY
@given(st.lists(st.text(st.sampled_from(list("健康中国行动。，；一二三（）1. \n")), max_size=60), max_size=20))
def test_reflow_keeps_every_character(pieces):
    text = "\n".join(pieces)
    kept = "".join(reflow(text))
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", text)


# Term counts as the finder's tokenizer makes them: Han characters and pairs, ASCII words.
TERMS = st.sampled_from(["控", "烟", "控烟", "健康", "康", "健", "营养", "厨房", "epg2", "beijing", "bj", "a1", "医"])


@PROPERTY
@given(
    st.lists(st.dictionaries(TERMS, st.integers(1, 40), min_size=1, max_size=10), min_size=1, max_size=12),
    st.integers(1, 9),
    st.sampled_from([1, 5, 40, 1_000_000]),
)
def test_sharded_postings_hold_what_lunr_py_builds(docs, shards, spill):
    """However the documents and shards fall, and whether the writer keeps its postings in memory or writes them to
    its files (`spill`), the shards' postings together are lunr.py's index (its scores to the postings' rounding)."""
    union = {}
    for part in sharded(docs, shards, spill).values():
        if part is not None:
            union.update(part)
    assert union == rounded(scores_of(lunr_py_index(docs)))
