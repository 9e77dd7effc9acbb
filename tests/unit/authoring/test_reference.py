import re

from compendium.authoring.reference import split_reference
from conftest import SOURCES

SOURCE = SOURCES / "work-plans.md"


def test_work_plans_split_with_clean_headings():
    text = SOURCE.read_text("utf-8")
    title, intro, docs = split_reference(text)
    assert title == "最新健康促进医院建设工作计划 健康促进工作计划(优秀10篇)"
    assert len(docs) == 10 and docs[5].title.endswith("篇六")
    for doc in docs:
        levels = [len(m) for m in re.findall(r"^(#+) ", doc.markdown, flags=re.M)]
        assert all(level >= 2 for level in levels)
        # a heading is never more than one level below the one before it
        assert all(b - a <= 1 for a, b in zip([1] + levels, levels)), doc.title
        assert "**" not in "".join(re.findall(r"^#+ .*$", doc.markdown, flags=re.M))

    # every character of the text is kept (headings' # and ** aside)
    def letters(s):
        return re.sub(r"[\s#*]", "", s)

    rebuilt = title + intro + "".join(d.title + d.markdown for d in docs)
    assert letters(rebuilt) == letters(text)
