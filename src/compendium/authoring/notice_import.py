"""Import an official notice: the notice file, one file per case and the collection's entry, planned then written.

`plan_import` turns a notice read by notice_parse.py into files (paths and
text), with the editor's warnings; `write_plan` writes them all or none, never
overwriting a file that differs from what the importer would write, unless
forced.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from compendium.authoring.existing import existing_cases
from compendium.authoring.notice_parse import ImportedCase, ImportedNotice, annex_markdown, parse_notice
from compendium.authoring.units import known_units
from compendium.content.frontmatter import render_front_matter
from compendium.content.inventory import SLUG
from compendium.content.loader import NOTICES_DIR
from compendium.errors import NoticeImportError, Problem
from compendium.messages import t
from compendium.model.taxonomy import Taxonomy, Theme
from compendium.text.pinyin import initials, place_syllables, slug_words, text_syllables

__all__ = [
    "ImportedCase",
    "ImportedNotice",
    "parse_notice",
    "plan_import",
    "write_plan",
    "PlannedFile",
    "case_slug",
    "notice_slug",
]


@dataclass
class PlannedFile:
    path: Path
    text: str
    replace: bool = False
    """Written even where the file exists and differs (a file the import extends, such as collections.yml)."""


def notice_slug(notice: ImportedNotice) -> str:
    """国健推委办函〔2021〕3号 → gjtwbh-2021-3; without a 文号, from the title."""
    match = re.fullmatch(r"(?P<org>[\u4e00-\u9fff]+)[〔\[(（](?P<year>\d{4})[〕\])）](?P<no>\d+)号", notice.doc_number)
    if match:
        return f"{initials(text_syllables(match.group('org')))}-{match.group('year')}-{match.group('no')}"
    core = re.sub(r"^关于|的?(通知|通报|函|启事|公告)$", "", notice.title)
    word = initials(text_syllables(re.sub(r"[^\u4e00-\u9fff]", "", core)))[:12] or "notice"
    return f"{word}-{notice.year}" if notice.year else word


def case_slug(unit: str, taxonomy: Taxonomy, limit: int = 60) -> str:
    """ASCII slug of a unit: each region in its name as one word, the rest as one word.

    吉林省长春市朝阳区桂林街道 → jilin-changchun-chaoyang-guilinjiedao

    Too long, it drops the widest regions first and keeps the unit's own part, which tells two units of one
    district apart (湖南省长沙市岳麓区望月湖街道社区卫生服务中心 → changsha-yuelu-wangyuehujiedao…), cut at a
    syllable if it must be.
    """
    path, pieces = taxonomy.regions.infer(unit)
    places = [w for w in (slug_words(place_syllables(region.short_name)) for text, region in pieces if text) if w]
    rest = unit[sum(len(text) for text, _ in pieces) :]
    own = ""
    for syllable in text_syllables(rest) if rest else ():
        word = slug_words([syllable])
        if len(own) + len(word) > limit:
            break
        own += word
    while places and len("-".join([*places, own]).strip("-")) > limit:
        places.pop(0)
    return "-".join(w for w in [*places, own] if w) or "case"


def _pick_themes(names: list[str], taxonomy: Taxonomy, context: list[str]) -> tuple[list[Theme], list[str]]:
    """Themes for heading names; an ambiguous name takes the branch that holds the other headings."""
    themes, unknown = [], []
    for name in names:
        theme, _ = taxonomy.resolve_theme(name)
        if theme is None:
            candidates = [t for t in taxonomy.themes.values() if t.name == name or name in t.aliases]
            scored = sorted(
                candidates, key=lambda t: -sum(1 for s in taxonomy.theme_children(t.parent) if s.name in context)
            )
            theme = scored[0] if scored else None
        if theme is None:
            unknown.append(name)
        elif theme not in themes:
            themes.append(theme)
    return themes, unknown


def _suggest_themes(case: ImportedCase, taxonomy: Taxonomy) -> list[Theme]:
    """Themes whose keywords occur in the title (or failing that, the opening of the text)."""
    for text in (case.title, case.title + case.body[:300]):
        hits = [t for t in taxonomy.themes.values() if any(k in text for k in t.keywords)]
        if hits:
            return hits[:3]
    return []


def plan_import(
    notice: ImportedNotice,
    taxonomy: Taxonomy,
    content_dir: Path,
    *,
    slug: str | None = None,
    collection_id: str | None = None,
    source_label: str = "",
) -> tuple[list[PlannedFile], dict | None, list[Problem]]:
    """Files to write (the notice's first), the collection entry to add (or None), and warnings for the editor."""
    _check_arguments(notice, slug, collection_id)
    slug = slug or notice_slug(notice)
    collection_id = collection_id or slug
    warnings: list[Problem] = []
    collection = None
    if notice.cases:
        collection = {
            "id": collection_id,
            "title": notice.collection_title or notice.title,
            "year": notice.year,
            "notice": slug,
            "full_text": notice.style == "full",
            "issuers": notice.issuers,
        }
    cases_there = existing_cases(content_dir)
    stems = _case_stems(notice, taxonomy, collection_id, cases_there)
    known = known_units(cases_there, taxonomy)
    heading_names = [n for c in notice.cases for n in c.theme_names]
    case_dir = Path("cases") / collection_id
    files, needs_region = [], []
    for case in notice.cases:
        rel = (case_dir / f"{stems[case.number]}.md").as_posix()
        path, _ = taxonomy.regions.infer(case.unit)
        # a unit given its region once (units.yml, or a case of it) is known; else what its name says
        path = list(known.get(case.unit, ())) or path
        if not path or len(path) == 1 and len(path[0].name) < len(case.unit) - 8:
            needs_region.append(case.unit)
        fields = {
            "title": case.title,
            "unit": case.unit,
            "region": [r.name for r in path],
            "year": notice.year,
            "themes": [taxonomy.qualified_name(t) for t in _case_themes(case, taxonomy, heading_names, rel, warnings)],
            "collection": collection_id,
            "number": case.number,
        }
        if case.summary:
            fields["summary"] = case.summary
        fields["source"] = f"{notice.doc_number or notice.title}" + (f"（{source_label}）" if source_label else "")
        files.append(PlannedFile(content_dir / rel, render_front_matter(fields) + "\n" + case.body))
    if needs_region:
        warnings.append(
            Problem(
                f"{case_dir.as_posix()}/",
                t(
                    "{count} cases need their region completed by hand (the unit's name does not say it): {units}",
                    count=len(needs_region),
                    units=needs_region,
                ),
                field="region",
                hint=t("write the province and city in each file, e.g. region: [江苏省, 苏州市]"),
            )
        )
    links = {number: f"{stem}.md" for number, stem in stems.items()}
    files.insert(0, _notice_file(notice, slug, collection_id if collection else None, links, content_dir, warnings))
    return files, collection, warnings


def _check_arguments(notice: ImportedNotice, slug: str | None, collection_id: str | None) -> None:
    """Names given on the command line are slugs; no case number is given twice."""
    for name, value in (("--slug", slug), ("--collection", collection_id)):
        if value is not None and not SLUG.fullmatch(value):
            raise NoticeImportError(
                t(
                    "{option} '{value}' must be lowercase ASCII words joined by '-', such as gjtwbh-2021-3",
                    option=name,
                    value=value,
                )
            )
    numbers: dict[int, str] = {}
    for case in notice.cases:
        if case.number in numbers:
            raise NoticeImportError(
                t(
                    "case number {number} is given twice (《{first}》 and 《{second}》); correct the numbers in "
                    "the source, nothing was written",
                    number=case.number,
                    first=numbers[case.number],
                    second=case.title,
                )
            )
        numbers[case.number] = case.title


def _case_stems(notice: ImportedNotice, taxonomy: Taxonomy, collection_id: str, cases_there) -> dict[int, str]:
    """Each case's file name (without .md), by its number: a case imported before keeps its file (by its number
    in the collection's folder); a new one is named after its unit, with its number where two units agree."""
    existing: dict[int, str] = {}
    for case in cases_there:
        if case.collection == collection_id and isinstance(case.meta.get("number"), int):
            existing.setdefault(case.meta["number"], case.path.stem)
    used: set[str] = set(existing.values())
    stems: dict[int, str] = {}
    for case in notice.cases:
        if case.number in existing:
            stem = existing[case.number]
        else:
            base = case_slug(case.unit, taxonomy)
            stem = base if base not in used else f"{base}-{case.number}"
        used.add(stem)
        stems[case.number] = stem
    return stems


def _case_themes(
    case: ImportedCase, taxonomy: Taxonomy, heading_names: list[str], rel: str, warnings: list[Problem]
) -> list[Theme]:
    """The themes of a case: its group heading's (a heading that names several themes may be one group of the
    vocabulary: 建设健康环境、倡导健康文化、完善健康促进激励机制), else suggested from its words, with a warning."""
    group, _ = taxonomy.resolve_theme("、".join(case.theme_names))
    if group is not None:
        return [group]
    if case.theme_names:
        themes, unknown = _pick_themes(case.theme_names, taxonomy, heading_names)
        for name in unknown:
            warnings.append(
                Problem(
                    rel,
                    t("theme '{name}' from the notice is not in the vocabulary", name=name),
                    field="themes",
                    hint=t("add it to content/_data/themes.yml, or write the vocabulary's name in the case"),
                )
            )
        return themes
    themes = _suggest_themes(case, taxonomy)
    if themes:
        message = t("themes suggested from keywords: {names}", names=[theme.name for theme in themes])
        warnings.append(Problem(rel, message, field="themes", hint=t("review them")))
    else:
        warnings.append(
            Problem(
                rel, t("no theme could be suggested"), field="themes", hint=t("add one from content/_data/themes.yml")
            )
        )
    return themes


def _notice_file(
    notice: ImportedNotice,
    slug: str,
    collection_id: str | None,
    links: dict[int, str],
    content_dir: Path,
    warnings: list[Problem],
) -> PlannedFile:
    """The notice's file: its front matter, its text, and for a listed notice the annex linking each case."""
    body = notice.body
    if notice.style == "listed":
        body += "\n" + annex_markdown(notice, collection_id or slug, links)
    fields = {
        "title": notice.title,
        "doc_number": notice.doc_number,
        "issuers": notice.issuers,
        "date": notice.date,
        "kind": notice.kind,
        "recipients": notice.recipients,
        "collection": collection_id,
    }
    rel = f"{NOTICES_DIR}/{slug}.md"
    for field_name, missing, hint in (
        ("doc_number", t("the notice has no 文号"), t("add it if the original has one")),
        ("issuers", t("no issuing body found (signature or header line)"), t("add issuers: [发文单位]")),
        ("date", t("no date found in the notice"), t("add the date it was issued, as date: 2025-06-18")),
    ):
        if not fields[field_name]:
            warnings.append(Problem(rel, missing, field=field_name, hint=hint))
    fields = {k: v for k, v in fields.items() if v not in (None, "") and (v or k == "issuers")}
    return PlannedFile(content_dir / rel, render_front_matter(fields) + "\n" + body)


@dataclass
class WriteReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    """Files that differ from what the import would write (edited since): left alone."""


def write_plan(files: list[PlannedFile], *, force: bool = False, dry_run: bool = False) -> WriteReport:
    """Write the planned files, all of them or none; an existing file that differs is kept unless `force`.

    Every file is first written beside its target under a temporary name; only when all are written are
    they moved into place.  A failure on the way removes what was written and restores what was replaced.
    """
    report = WriteReport()
    planned_paths = [planned.path for planned in files]
    if len(set(planned_paths)) != len(planned_paths):
        repeated = sorted({str(p) for p in planned_paths if planned_paths.count(p) > 1})
        raise NoticeImportError(
            t(
                "the import would write {files} more than once; nothing was written",
                files=[str(f) for f in repeated[:5]],
            )
        )
    to_write = []
    for planned in files:
        if planned.path.exists():
            try:
                current = planned.path.read_text("utf-8", errors="replace")
            except OSError as error:
                raise NoticeImportError(
                    t(
                        "{path}: cannot be read ({reason}); nothing was written",
                        path=planned.path,
                        reason=error.strerror,
                    )
                )
            if current == planned.text:
                report.unchanged.append(planned.path)
                continue
            if not force and not planned.replace:
                report.kept.append(planned.path)
                continue
        report.written.append(planned.path)
        to_write.append(planned)
    if not dry_run:
        _write_all_or_none(to_write)
    return report


def _write_all_or_none(files: list[PlannedFile]) -> None:
    staged: list[tuple[Path, Path]] = []
    replaced: list[tuple[Path, bytes | None]] = []
    created_dirs: list[Path] = []
    try:
        for planned in files:
            missing = [d for d in (planned.path.parent, *planned.path.parent.parents) if not d.exists()]
            planned.path.parent.mkdir(parents=True, exist_ok=True)
            created_dirs += reversed(missing)
            tmp = planned.path.with_name(planned.path.name + ".import-tmp")
            staged.append((tmp, planned.path))
            tmp.write_text(planned.text, "utf-8")
        for tmp, target in staged:
            replaced.append((target, target.read_bytes() if target.exists() else None))
            os.replace(tmp, target)
    except OSError as error:
        for target, previous in reversed(replaced):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(created_dirs):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise NoticeImportError(
            t(
                "{path}: cannot be written ({reason}); nothing was written",
                path=error.filename or "",
                reason=error.strerror or str(error),
            )
        ) from None
