"""A listed case is filed under the group its notice put it in (issue 15): a heading of the notice's annex that
names several themes (建设健康环境、倡导健康文化、完善健康促进激励机制) is one group, not three themes."""

import re

from conftest import CONTENT

_LINK = re.compile(r"\]\(\.\./(cases/[^)#]+\.md)\)")


def test_each_listed_case_has_the_theme_of_its_group_heading(compendium):
    checked = 0
    for notice in compendium.notices:
        heading = None
        for line in (CONTENT / notice.path).read_text("utf-8").splitlines():
            if line.startswith("### "):
                heading = line[4:].strip().replace("\\", "")
            elif heading and (link := _LINK.search(line)):
                case = compendium.case_by_path(link.group(1))
                group, _ = compendium.taxonomy.resolve_theme(heading)
                if case is not None and group is not None:
                    assert [t.name for t in case.themes] == [group.name], (case.path, heading)
                    checked += 1
    assert checked > 0 or not any(not c.collection.full_text for c in compendium.cases)
