"""A new collection, ready for its cases: its entry in collections.yml and its notice's skeleton.

The core of `make new-collection`.  The entry is appended to
content/_data/collections.yml (the editors' comments kept), and
notices/<id>.md gets every required field and a placeholder line where the
notice's text goes, which the content check refuses until it is replaced.
Everything is checked first; all files are written or none (write_plan).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from compendium.authoring.notice_import import PlannedFile
from compendium.content.frontmatter import render_front_matter
from compendium.content.inventory import SLUG
from compendium.content.validation import NOTICE_PLACEHOLDER_BODY, YEAR_MIN
from compendium.content.vocabularies import DATA_DIR
from compendium.errors import Problem
from compendium.messages import Text, t
from compendium.model.compendium import NOTICE_KINDS
from compendium.model.taxonomy import Taxonomy

__all__ = ["collection_entry_file", "plan_new_collection"]


def collection_entry_file(content_dir: Path, entry: dict) -> PlannedFile:
    """collections.yml with `entry` appended at its end, the editors' comments kept."""
    path = content_dir / DATA_DIR / "collections.yml"
    current = path.read_text("utf-8") if path.exists() else ""
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    text = current + ("\n" if current and not current.endswith("\n") else "") + ("\n" if current else "") + block
    return PlannedFile(path, text, replace=True)


def plan_new_collection(
    content_dir: Path,
    taxonomy: Taxonomy,
    *,
    collection_id: str,
    title: str,
    year: int,
    notice_title: str,
    issuers: list[str],
    doc_number: str = "",
    date: dt.date | None = None,
    kind: str = "通知",
    full_text: bool = True,
) -> tuple[list[PlannedFile], list[Problem]]:
    """The files to write (collections.yml, the notice), or the problems that prevent it."""
    problems: list[Problem] = []
    label = f"{DATA_DIR}/collections.yml"
    notice_path = content_dir / "notices" / f"{collection_id}.md"

    def problem(message: Text, hint: Text, path: str = label) -> None:
        problems.append(Problem(path, message, line=1, hint=hint))

    if not SLUG.fullmatch(collection_id):
        problem(
            t("'{value}' must be lowercase ASCII words joined by '-'", value=collection_id),
            t("make it from the 文号, e.g. gwbxch-2024-471 for 国卫办宣传函〔2024〕471号"),
        )
    elif collection_id in taxonomy.collections:
        problem(t("collection '{id}' already exists", id=collection_id), t("choose another id"))
    elif notice_path.exists():
        notice = f"notices/{collection_id}.md"
        problem(t("{file} already exists", file=notice), t("choose another id"), notice)
    if not title.strip():
        problem(t("the collection needs a title"), t("for example {example}", example="2025年健康促进医院优秀案例"))
    if not YEAR_MIN <= year <= dt.date.today().year + 1:
        low, high = str(YEAR_MIN), str(dt.date.today().year + 1)
        problem(
            t("{value} is out of range ({low}–{high})", value=str(year), low=low, high=high),
            t("for example {example}", example=str(dt.date.today().year)),
        )
    if not notice_title.strip():
        problem(t("the notice needs its title"), t("the notice's title as printed, e.g. 关于通报……的函"))
    if not [i for i in issuers if i.strip()]:
        problem(t("the notice needs its issuing bodies"), t("for example {example}", example="国家卫生健康委办公厅"))
    if kind not in NOTICE_KINDS:
        problem(
            t("'{kind}' is not a usual kind of official document", kind=kind),
            t("usual kinds: {kinds}", kinds=list(NOTICE_KINDS)),
        )
    if problems:
        return [], problems

    entry = {
        "id": collection_id,
        "title": title.strip(),
        "year": year,
        "notice": collection_id,
        "full_text": full_text,
        "issuers": [i.strip() for i in issuers if i.strip()],
    }
    notice = {
        "title": notice_title.strip(),
        "doc_number": doc_number.strip(),
        "issuers": entry["issuers"],
        "kind": kind,
        "collection": collection_id,
    }
    if date is not None:
        notice["date"] = date
    notice_text = render_front_matter(notice) + "\n" + NOTICE_PLACEHOLDER_BODY + "\n"
    return [collection_entry_file(content_dir, entry), PlannedFile(notice_path, notice_text)], []
