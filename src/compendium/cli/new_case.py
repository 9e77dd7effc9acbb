"""Create a new case file, checked before it is written.

    python scripts/new_case.py --collection gwbxch-2024-471 --unit 吉林省长春市人民医院 \\
        --title 健康促进医院建设 --themes 强化健康教育

Asks for whatever is not given (unless CI=true or input is not a terminal).
The region is read from the unit's name, the number is the next free one in
the collection, and the file name is the unit in pinyin; each can be given
instead.  Nothing is written if anything is wrong, and an existing file is
never replaced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.authoring.new_case import plan_new_case
from compendium.cli import (
    add_language_option,
    ask,
    choose,
    content_vocabularies,
    interactive,
    reported_errors,
    require_options,
    required,
)
from compendium.content.validation import split_items
from compendium.errors import ContentError
from compendium.messages import speaking, t


def _split(text: str | None) -> list[str] | None:
    return split_items(text) if text else None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="new_case.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--collection", help="id of the collection (see content/_data/collections.yml)")
    parser.add_argument("--unit", help="the unit the case is about, as its official name")
    parser.add_argument("--title", help="the case's title, without 《》")
    parser.add_argument("--themes", help="themes, separated by commas or 、 (see content/_data/themes.yml)")
    parser.add_argument(
        "--region", help="region names from the province down, e.g. 吉林省,长春市 (default: from the unit)"
    )
    parser.add_argument("--year", type=int, help="year (default: the collection's)")
    parser.add_argument("--number", type=int, help="its number in the collection (default: the next free one)")
    parser.add_argument("--slug", help="file name without .md, ASCII (default: the unit in pinyin)")
    parser.add_argument("--summary", default="", help="a one-paragraph summary")
    parser.add_argument("--keywords", help="keywords, separated by commas or 、")
    parser.add_argument("--dry-run", action="store_true", help="print the file, write nothing")
    add_language_option(parser)
    return parser


def _ask_missing(args, taxonomy) -> None:
    """Each question again after a wrong answer; vocabularies as numbered choices; the region asked when the
    unit's name does not give it."""
    if not args.collection:
        args.collection = choose("批次 collection", list(taxonomy.collections))
    if not args.unit:
        args.unit = ask("单位 unit (official name, e.g. 吉林省长春市人民医院)", required)
    if not args.title:
        args.title = ask("标题 title", required)
    if not args.themes:
        names = [taxonomy.qualified_name(t) for t in taxonomy.themes.values()]
        args.themes = "、".join(choose("主题 themes", names, several=True))
    if not args.region:
        path, _ = taxonomy.regions.infer(args.unit)
        if len(path) < 2:
            print(f"  从单位名称看不出地区 (no city in the unit's name): {args.unit}")
            args.region = "、".join(_ask_region(taxonomy, path))


def _ask_region(taxonomy, path) -> list[str]:
    """Province, then city, then (optionally) county, each a numbered choice."""
    table = taxonomy.regions
    chosen = list(path[:1])
    if not chosen:
        provinces = table.top_level()
        name = choose("省份 province", [r.name for r in provinces])
        chosen.append(next(r for r in provinces if r.name == name))
    for level in ("城市 city", "区县 county"):
        children = table.children(chosen[-1].code)
        if not children:
            break
        whole = "（整个" + chosen[-1].name + "）"
        name = choose(level, [whole] + [r.name for r in children])
        if name == whole:
            break
        chosen.append(next(r for r in children if r.name == name))
    return [r.name for r in chosen]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with speaking(args.lang), reported_errors(codes, f"{args.content.as_posix().rstrip('/')}/"):
        taxonomy = content_vocabularies(args.content)
        if interactive():
            _ask_missing(args, taxonomy)
        require_options(args, ("collection", "unit", "title", "themes"))
        new, problems = plan_new_case(
            args.content,
            taxonomy,
            collection=args.collection,
            unit=args.unit.strip(),
            title=args.title.strip(),
            themes=_split(args.themes),
            region=_split(args.region),
            year=args.year,
            number=args.number,
            slug=args.slug,
            summary=args.summary.strip(),
            keywords=_split(args.keywords),
        )
        if problems:
            raise ContentError(problems)
        for note in new.notes:
            print(f"  {note}")
        if args.dry_run:
            print(t("would write {path}:", path=str(new.path)) + f"\n{new.text}")
        else:
            new.path.parent.mkdir(parents=True, exist_ok=True)
            with new.path.open("x", encoding="utf-8") as out:  # "x": never replace a file
                out.write(new.text)
            print(t("wrote {path}", path=str(new.path)))
            if "正文" in new.text:
                print("  " + str(t("next: replace the placeholder line with the case's text, then run make check")))
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
