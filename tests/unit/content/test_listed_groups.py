"""A listed case is filed under the group its notice put it in (issue 15): a heading of the notice's annex that
names several themes (三、建设健康环境、倡导健康文化、完善健康促进激励机制主题) is one group, not three themes.
The heading is kept as the notice wrote it, numbered, with 主题; the theme is the name within it."""

from compendium.authoring.notice_parse import _theme_heading


def test_each_listed_case_has_the_theme_of_its_group_heading(compendium):
    checked = 0
    for notice in compendium.notices:
        for heading, paths in notice.annex_groups:
            names = _theme_heading(heading)
            assert names, heading
            group, _ = compendium.taxonomy.resolve_theme("、".join(names))
            if group is None:  # a name two themes share (优化健康服务): the case says 父/子
                continue
            for path in paths:
                case = compendium.case_by_path(path)
                assert [t.name for t in case.themes] == [group.name], (case.path, heading)
                checked += 1
    assert checked > 0 or not any(not c.collection.full_text for c in compendium.cases)
