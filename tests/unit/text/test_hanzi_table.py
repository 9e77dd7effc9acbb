"""The shipped table of traditional forms is OpenCC's, for every GB 2312 character."""

from pathlib import Path

import compendium
from compendium.text.hanzi import GB2312_TABLE, gb2312_table_text, traditional_table

REGENERATE = (
    ".venv/bin/python -c 'from pathlib import Path; from compendium.text.hanzi import gb2312_table_text as t; "
    'Path("src/compendium/data/traditional-gb2312.txt").write_text(t(), "utf-8")\''
)


def test_the_shipped_table_is_what_opencc_says():
    shipped = Path(compendium.__file__).parent / "data" / GB2312_TABLE
    assert shipped.read_text("utf-8") == gb2312_table_text(), f"regenerate it: {REGENERATE}"


def test_characters_outside_gb2312_get_their_traditional_forms_too():
    table = traditional_table("营镕")  # 镕 is not in GB 2312
    assert table["營"] == "营" and table["鎔"] == "镕"
