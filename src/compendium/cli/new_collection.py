"""Start a new collection: its entry in collections.yml and its notice's skeleton, checked first.

    python scripts/new_collection.py --doc-number 国卫办宣传函〔2025〕12号 \\
        --title 2025年健康促进医院优秀案例 --year 2025 \\
        --notice-title 关于通报2025年健康促进医院优秀案例的函 --issuers 国家卫生健康委办公厅

Asks for whatever is not given (in a terminal, unless CI=true), again after a
wrong answer.  The id comes from the 文号 unless given (gwbxch-2025-12).
Writes content/_data/collections.yml (the entry appended) and
content/notices/<id>.md (paste the notice's text in place of its
placeholder line); the editors' schemas follow.  Then add cases with
`make new-case`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from types import SimpleNamespace

from compendium.authoring.new_collection import plan_new_collection
from compendium.authoring.notice_import import notice_slug, write_plan
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
from compendium.content.schema import write_schemas
from compendium.content.validation import split_items
from compendium.errors import ContentError
from compendium.messages import speaking, t
from compendium.model.compendium import NOTICE_KINDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="new_collection.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--doc-number", help="文号 of the notice, e.g. 国卫办宣传函〔2025〕12号 ('' if none)")
    parser.add_argument("--id", help="the collection's id (default: from the 文号)")
    parser.add_argument("--title", help="the collection's title, e.g. 2025年健康促进医院优秀案例")
    parser.add_argument("--year", type=int, help="its year")
    parser.add_argument("--notice-title", help="the notice's title")
    parser.add_argument("--issuers", help="issuing bodies, separated by commas or 、")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="the notice's date, YYYY-MM-DD")
    parser.add_argument("--kind", default=None, help=f"文种 (default 通知): {', '.join(NOTICE_KINDS)}")
    parser.add_argument("--list-only", action="store_true", help="the notice lists cases by name, without texts")
    add_language_option(parser)
    return parser


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise ValueError("年份要写成四位数字，如 2025 (a year in digits)")
    return int(text)


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("日期要写成 2025-03-18 这样 (YYYY-MM-DD)") from None


def _ask_missing(args) -> None:
    if args.doc_number is None:
        args.doc_number = ask("文号 document number (none: leave empty)")
    if not args.title:
        args.title = ask("批次标题 collection title, e.g. 2025年健康促进医院优秀案例", required)
    if args.year is None:
        args.year = ask("年份 year", _year, default=str(dt.date.today().year))
    if not args.id:
        suggested = notice_slug(SimpleNamespace(doc_number=args.doc_number, title=args.title, year=args.year))
        args.id = ask("批次编号 collection id", required, default=suggested)
    if not args.notice_title:
        args.notice_title = ask("通知标题 notice title", required)
    if not args.issuers:
        args.issuers = ask("发文单位 issuing bodies (用、分隔)", required)
    if args.date is None:
        args.date = ask("成文日期 date (YYYY-MM-DD, or empty)", _date)
    if args.kind is None:
        args.kind = choose("文种 kind", list(NOTICE_KINDS))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with speaking(args.lang), reported_errors(codes, f"{args.content.as_posix().rstrip('/')}/"):
        taxonomy = content_vocabularies(args.content)
        if interactive():
            _ask_missing(args)
        if args.year is not None and not args.id and args.doc_number is not None:
            args.id = notice_slug(SimpleNamespace(doc_number=args.doc_number, title=args.title or "", year=args.year))
        require_options(args, ("id", "title", "year", "notice_title", "issuers"))
        files, problems = plan_new_collection(
            args.content,
            taxonomy,
            collection_id=args.id,
            title=args.title,
            year=args.year,
            notice_title=args.notice_title,
            issuers=split_items(args.issuers),
            doc_number=args.doc_number or "",
            date=args.date,
            kind=args.kind or "通知",
            full_text=not args.list_only,
        )
        if problems:
            raise ContentError(problems)
        for path in write_plan(files, force=False).written:
            print(t("wrote {path}", path=str(path)))
        write_schemas(args.content)
        notice = f"notices/{args.id}.md"
        print(t("next: paste the notice's text into {file}, then add cases: make new-case", file=notice))
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
