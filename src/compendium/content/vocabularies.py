"""The editors' vocabularies: content/_data/themes.yml, collections.yml and regions.yml, loaded and checked.

Read with the same safe YAML loader as front matter (no tags, anchors or
aliases, bounded depth and size), and typed field by field: every problem
names the file, its line and the field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from compendium.content.frontmatter import DataFile, kind_of, parse_data_file
from compendium.errors import Problem, TaxonomyError
from compendium.messages import Text, one_of, t
from compendium.model.regions import Region, RegionTable, load_region_table, official_regions
from compendium.model.taxonomy import Collection, Taxonomy, Theme
from compendium.text.hanzi import HAN, simplified_form

__all__ = ["load_taxonomy", "DATA_DIR"]

DATA_DIR = "_data"
"""Folder inside the content folder that holds the vocabularies."""
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_THEME_FIELDS = ("id", "name", "aliases", "keywords", "description", "children")
_COLLECTION_FIELDS = ("id", "title", "year", "notice", "full_text", "issuers", "description")
_REGION_FIELDS = ("code", "name", "parent", "level", "description")
_YEAR_MIN, _YEAR_MAX = 1949, 2100


class _DataChecker:
    """Typed fields of one data file, each problem with its line."""

    def __init__(self, data: DataFile, problems: list[Problem]):
        self.data = data
        self.problems = problems

    def error(self, where: tuple, message: Text, hint: Text | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(self.data.path, message, field=field, line=self.data.line(*where), hint=hint))

    def item(self, value: Any, where: tuple, what: Text, known: tuple[str, ...]) -> dict | None:
        """`value` as a mapping with only `known` keys, or None after a problem."""
        if not isinstance(value, dict):
            self.error(
                where,
                t("each {what} must be a set of 'field: value' lines, not {kind}", what=what, kind=kind_of(value)),
                t("write it as '- {field}: …' followed by its other fields", field=known[0]),
            )
            return None
        for key in value:
            if key not in known:
                self.error(
                    (*where, key),
                    t("'{key}' is not a field of a {what}", key=str(key), what=what),
                    t("known fields: {names}", names=list(known)),
                    field=str(key),
                )
        return value

    def text(self, item: dict, where: tuple, key: str, *, required: bool = False, max_len: int = 300) -> str:
        value = item.get(key)
        if value is None or value == "":
            if required:
                self.error(where, t("'{key}' is missing", key=key), t("add '{key}:' to this entry", key=key), field=key)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(
                (*where, key),
                t("must be text, not {kind}", kind=kind_of(value)),
                t("write it on one line after the colon"),
                field=key,
            )
            return ""
        value = str(value).strip()
        if _CONTROL.search(value) or "\n" in value or len(value) > max_len:
            self.error(
                (*where, key),
                t("must be one line of at most {limit} characters, without control characters", limit=str(max_len)),
                t("shorten it or retype it"),
                field=key,
            )
            return ""
        return value

    def slug(self, item: dict, where: tuple, key: str, *, required: bool = False) -> str:
        value = self.text(item, where, key, required=required, max_len=100)
        if value and value != str(item[key]):  # matched whole: no space or line break around it
            value = repr(str(item[key]))[1:-1]
        if value and not _ID.fullmatch(value):
            self.error(
                (*where, key),
                t("'{value}' must be lowercase ASCII words joined by '-'", value=value),
                t("for example {example}", example="gjtwbh-2021-3"),
                field=key,
            )
            return ""
        return value

    def text_list(self, item: dict, where: tuple, key: str) -> tuple[str, ...]:
        value = item.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(
                (*where, key),
                t("must be a list of words or phrases, not {kind}", kind=kind_of(value)),
                t("write it as {key}: [甲, 乙]", key=key),
                field=key,
            )
            return ()
        out = []
        for i, text in enumerate(value):
            if _CONTROL.search(text) or "\n" in text or len(text) > 200:
                self.error(
                    (*where, key, i),
                    t("must be one line of at most {limit} characters, without control characters", limit="200"),
                    t("shorten it or retype it"),
                    field=key,
                )
            else:
                out.append(text.strip())
        return tuple(out)


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # tabs too: names and ids are one plain line
_HAN_WORD = re.compile(f"[{HAN}]{{1,20}}")


def _read_data(path: Path, label: str, problems: list[Problem], *, optional: bool = False) -> DataFile | None:
    if path.is_symlink():
        problems.append(
            Problem(label, t("is a symbolic link, which content may not contain"), hint=t("put the file itself here"))
        )
        return None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if not optional:
            problems.append(Problem(label, t("file is missing"), hint=t("restore it from the repository")))
        return None
    except OSError as error:
        problems.append(Problem(label, t("cannot be read ({reason})", reason=error.strerror or str(error))))
        return None
    data, found = parse_data_file(label, raw)
    problems.extend(found)
    return data


def _load_themes(data: DataFile, problems: list[Problem]) -> dict[str, Theme]:
    check = _DataChecker(data, problems)
    themes: dict[str, Theme] = {}

    def walk(items: Any, parent: str | None, where: tuple) -> None:
        if not isinstance(items, list):
            check.error(
                where,
                t(
                    "{what} must be a list of themes, not {kind}",
                    what=t("the file") if not where else "children",
                    kind=kind_of(items),
                ),
                t("write each theme as '- id: …' with 'name:' below it"),
            )
            return
        for i, value in enumerate(items):
            at = (*where, i)
            item = check.item(value, at, t("theme"), _THEME_FIELDS)
            if item is None:
                continue
            tid = check.slug(item, at, "id", required=True)
            name = check.text(item, at, "name", required=True, max_len=100)
            aliases = check.text_list(item, at, "aliases")
            keywords = check.text_list(item, at, "keywords")
            description = check.text(item, at, "description", max_len=1000)
            if tid in themes:
                check.error(
                    (*at, "id"), t("theme id '{id}' is used twice", id=tid), t("give each theme its own id"), field="id"
                )
                continue
            if tid and name:
                themes[tid] = Theme(
                    id=tid, name=name, parent=parent, aliases=aliases, keywords=keywords, description=description
                )
            if "children" in item:
                walk(item["children"], tid or None, (*at, "children"))

    walk(data.value if data.value is not None else [], None, ())
    return themes


def _load_collections(data: DataFile, problems: list[Problem]) -> dict[str, Collection]:
    check = _DataChecker(data, problems)
    collections: dict[str, Collection] = {}
    items = data.value if data.value is not None else []
    if not isinstance(items, list):
        check.error(
            (),
            t("the file must be a list of collections, not {kind}", kind=kind_of(items)),
            t("write each collection as '- id: …' with title, year and the other fields below it"),
        )
        return collections
    for i, value in enumerate(items):
        at = (i,)
        item = check.item(value, at, t("collection"), _COLLECTION_FIELDS)
        if item is None:
            continue
        cid = check.slug(item, at, "id", required=True)
        title = check.text(item, at, "title", required=True)
        notice = check.slug(item, at, "notice")
        issuers = check.text_list(item, at, "issuers")
        description = check.text(item, at, "description", max_len=2000)
        year = item.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or not _YEAR_MIN <= year <= _YEAR_MAX:
            check.error(
                (*at, "year"),
                t("must be a year written in digits, not {value}", value=repr(year)[:100]),
                t("for example {example}", example="year: 2024"),
                field="year",
            )
            year = None
        full_text = item.get("full_text", True)
        if not isinstance(full_text, bool):
            check.error(
                (*at, "full_text"),
                t("must be true or false, not {value}", value=repr(full_text)[:100]),
                t("write full_text: true when the cases carry their text, false for a list of titles"),
                field="full_text",
            )
        if cid in collections:
            check.error(
                (*at, "id"),
                t("collection id '{id}' is used twice", id=cid),
                t("give each collection its own id"),
                field="id",
            )
            continue
        if cid and title and year is not None and isinstance(full_text, bool):
            collections[cid] = Collection(
                id=cid,
                title=title,
                year=year,
                notice=notice or None,
                full_text=full_text,
                issuers=issuers,
                description=description,
            )
    return collections


def _load_region_extras(data: DataFile, problems: list[Problem]) -> list[dict]:
    check = _DataChecker(data, problems)
    value = data.value if data.value is not None else {}
    if not isinstance(value, dict) or not isinstance(value.get("extra", []), list) or set(value) - {"extra"}:
        check.error(
            (),
            t("the file must hold one field 'extra:' with a list of regions"),
            t("see the comment at the top of the file"),
        )
        return []
    extras = []
    for i, raw in enumerate(value.get("extra", [])):
        at = ("extra", i)
        item = check.item(raw, at, t("region"), _REGION_FIELDS)
        if item is None:
            continue
        code = check.text(item, at, "code", required=True, max_len=6)
        name = check.text(item, at, "name", required=True, max_len=50)
        parent = check.text(item, at, "parent", max_len=6)
        check.text(item, at, "description", max_len=500)
        level = item.get("level", 0 if code == "000000" else 1)
        if code and not re.fullmatch(r"\d{6}", code):
            check.error(
                (*at, "code"),
                t("'{code}' is not a six-digit code", code=code),
                t('write it in quotes: code: "660000"'),
                field="code",
            )
            continue
        if parent and not re.fullmatch(r"\d{6}", parent):
            check.error(
                (*at, "parent"),
                t("'{code}' is not a six-digit code", code=parent),
                t("write the parent's code in quotes"),
                field="parent",
            )
            continue
        if isinstance(level, bool) or level not in (0, 1, 2, 3):
            check.error(
                (*at, "level"),
                t("must be 0 (national), 1 (province), 2 (city) or 3 (county), not {value}", value=repr(level)[:100]),
                t("remove it or write one of those numbers"),
                field="level",
            )
            continue
        if code and name:
            extras.append(
                {"code": code, "name": name, "parent": parent or None, "level": level, "line": data.line(*at)}
            )
    return extras


def _check_region_slugs(table: RegionTable, extras: list[dict], label: str, problems: list[Problem]) -> None:
    """An extra region gets a page named by its slug: it must not take another region's page."""
    for item in extras:
        region = table.regions[item["code"]]
        siblings = [r for r in table.children(region.parent) if r.code != region.code]
        if not region.slug:
            problems.append(
                Problem(
                    label,
                    t("region '{name}' has a name that gives no ASCII address", name=region.name),
                    line=item["line"],
                    field="name",
                    hint=t("use its official Chinese name"),
                )
            )
        elif clash := next((r for r in siblings if r.slug == region.slug), None):
            problems.append(
                Problem(
                    label,
                    t(
                        "region '{name}' would have the same address (regions/{slug}/) as {other}",
                        name=region.name,
                        slug=region.slug,
                        other=clash.name,
                    ),
                    line=item["line"],
                    field="name",
                    hint=t("give it a name whose pinyin differs"),
                )
            )
        if item["parent"] and item["parent"] not in table.regions:
            problems.append(
                Problem(
                    label,
                    t("region '{name}' names parent {code}, which is no region", name=region.name, code=item["parent"]),
                    line=item["line"],
                    field="parent",
                    hint=t("write the code of an existing region"),
                )
            )


def load_taxonomy(content_dir: str | Path) -> Taxonomy:
    """Load the vocabularies of a content folder; raise TaxonomyError listing every problem."""
    data_dir = Path(content_dir) / DATA_DIR
    problems: list[Problem] = []
    themes: dict[str, Theme] = {}
    collections: dict[str, Collection] = {}
    extras: list[dict] = []
    if data := _read_data(data_dir / "themes.yml", f"{DATA_DIR}/themes.yml", problems):
        themes = _load_themes(data, problems)
    # A new content folder has no collections until the first import adds one.
    if data := _read_data(data_dir / "collections.yml", f"{DATA_DIR}/collections.yml", problems, optional=True):
        collections = _load_collections(data, problems)
    if data := _read_data(data_dir / "regions.yml", f"{DATA_DIR}/regions.yml", problems, optional=True):
        extras = _load_region_extras(data, problems)
    if problems:
        raise TaxonomyError(problems)
    official = official_regions()
    for item in extras:
        if item["code"] in official:
            problems.append(
                Problem(
                    f"{DATA_DIR}/regions.yml",
                    t(
                        "code {code} is already {name}, an official region",
                        code=item["code"],
                        name=official[item["code"]].name,
                    ),
                    line=item["line"],
                    field="code",
                    hint=t("extra regions need codes that GB/T 2260 does not use"),
                )
            )
    table = load_region_table(extras)
    _check_region_slugs(table, extras, f"{DATA_DIR}/regions.yml", problems)
    if problems:
        raise TaxonomyError(problems)
    synonyms: tuple[tuple[str, ...], ...] = ()
    if data := _read_data(data_dir / "synonyms.yml", f"{DATA_DIR}/synonyms.yml", problems, optional=True):
        synonyms = _load_synonyms(data, problems)
    units: dict[str, tuple[Region, ...]] = {}
    if data := _read_data(data_dir / "units.yml", f"{DATA_DIR}/units.yml", problems, optional=True):
        units = _load_units(data, table, problems)
    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(themes=themes, collections=collections, regions=table, synonyms=synonyms, units=units)


def unknown_region(table: RegionTable, above: list[Region], name: str) -> tuple[Text, Text]:
    """What is wrong with a region name that is not one under `above` (the regions before it), and how to fix it:
    for a case's region and a unit's in units.yml alike."""
    parent = above[-1].code if above else None
    simplified = simplified_form(name)
    if simplified and table.child_by_name(parent, simplified):
        return t("'{name}' is written in traditional characters", name=name), t("write '{name}'", name=simplified)
    where = above[-1].name if above else t("the top level (provinces, 全国)")
    near = table.suggest(parent, name)
    hint = (
        t("did you mean {names}?", names=one_of(near))
        if near
        else t("use the official name with its suffix (省, 市, 区, 县)")
    )
    return t("'{name}' is not a region under {above}", name=name, above=where), hint


def _load_units(data: DataFile, table: RegionTable, problems: list[Problem]) -> dict[str, tuple[Region, ...]]:
    """content/_data/units.yml: each unit whose name does not say where it is, with its region from the province
    down, as a case gives it (北京大学人民医院: [北京市, 西城区])."""
    check = _DataChecker(data, problems)
    items = data.value if data.value is not None else {}
    if not isinstance(items, dict):
        check.error(
            (),
            t("the file must map each unit to its region, not {kind}", kind=kind_of(items)),
            t("write one unit per line: 北京大学人民医院: [北京市, 西城区]"),
        )
        return {}
    units: dict[str, tuple[Region, ...]] = {}
    for unit, names in items.items():
        where = (unit,)
        if not isinstance(unit, str) or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            check.error(
                where, t("a unit's region must be a list of names"), t("write 北京大学人民医院: [北京市, 西城区]")
            )
            continue
        path, missing = table.walk(names)
        if missing is not None:
            check.error(where, *unknown_region(table, path, missing))
        elif path:
            units[unit.strip()] = tuple(path)
    return units


def _load_synonyms(data: DataFile, problems: list[Problem]) -> tuple[tuple[str, ...], ...]:
    """content/_data/synonyms.yml: a list of groups, each a list of two or more words; a word in one group only."""
    check = _DataChecker(data, problems)
    items = data.value if data.value is not None else []
    if not isinstance(items, list):
        check.error(
            (),
            t("the file must be a list of groups, not {kind}", kind=kind_of(items)),
            t("write each group as - [慢病, 慢性病]"),
        )
        return ()
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        words = check.text_list({"words": item}, (i,), "words")
        if len(set(words)) < 2:
            check.error((i,), t("a group needs two or more different words"), t("write each group as - [慢病, 慢性病]"))
            continue
        for word in words:
            if not _HAN_WORD.fullmatch(word):
                check.error(
                    (i,),
                    t("'{word}' must be a word of Chinese characters, without spaces or punctuation", word=word),
                    t("write one word per item"),
                )
            elif word in seen:
                check.error(
                    (i,),
                    t("'{word}' is also in the group on line {line}", word=word, line=str(data.line(seen[word]))),
                    t("keep each word in one group"),
                )
            else:
                seen[word] = i
        groups.append(tuple(dict.fromkeys(words)))
    return tuple(groups)
