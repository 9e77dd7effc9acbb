"""Check one case or notice against the content model.

`validate_case` and `validate_notice` never raise for bad content: they return
the built object (or None) with lists of errors and warnings, each naming the
file, the line and the field, what is wrong and how to fix it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re

from compendium.content.frontmatter import Document, kind_of
from compendium.content.vocabularies import unknown_region
from compendium.errors import Problem
from compendium.messages import Text, either, one_of, t
from compendium.model.compendium import NOTICE_KINDS, Case, Notice
from compendium.model.fields import (
    BOOLEAN,
    CASE_FIELDS,
    DATE,
    INTEGER,
    NOTICE_FIELDS,
    PARAGRAPH,
    PLAIN_KINDS,
    TEXT,
    TEXTS,
    YEAR_MIN,
    Field,
)
from compendium.model.regions import Region
from compendium.model.taxonomy import Taxonomy
from compendium.text.numerals import parse_chinese_number
from compendium.text.punctuation import half_width_marks, prose_marks

__all__ = [
    "validate_case",
    "validate_notice",
    "validate_page",
    "PAGE_FIELDS",
    "ENGINE_FIELDS",
    "YEAR_MIN",
    "PLACEHOLDER_BODY",
]

PAGE_FIELDS = (
    Field("title", "标题", "the page's title", TEXT),
    Field(
        "source", "来源", "where the text comes from; reference material is shown with it and a note", TEXT, max_len=500
    ),
)
"""Fields of a page that is neither a case nor a notice (reference material, an about page)."""

ENGINE_FIELDS = {"hide": ("navigation", "toc", "footer", "path", "tags", "feedback"), "description": ()}
"""Front matter keys that belong to the site engine and are passed through, with the values `hide` takes.
Others the engine knows (template, icon, status …) are refused: a case's page is the compendium's to lay out."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
PLACEHOLDER_BODY = "（请在此处填写案例正文，并删除本行。）"
NOTICE_PLACEHOLDER_BODY = "（请在此处粘贴通知正文，并删除本行。）"
"""Written by `make new-collection` into a new notice; a notice that still has it is not finished."""
"""Written by scripts/new_case.py into a new full-text case; a case that still has it is not finished."""


EMPTY_LIST_EXAMPLES = {
    "themes": "themes: [控烟行动]（content/_data/themes.yml 中的主题）",
    "region": "region: [湖北省, 武汉市]（content/_data/regions.yml 中的地区，从省级写起）",
}
"""What to write in a required list the editor left empty: an example of each, with where its words come from."""


class _Checker:
    """Collects problems for one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def line_of(self, field: str | None) -> int:
        """The field's line; for a field that is missing, the front matter's closing '---', before which it goes;
        for the text, the line where the text starts."""
        if field is None:
            return self.doc.body_line
        return self.doc.field_lines.get(field, self.doc.body_line - 1)

    def error(self, field: str | None, message: Text, hint: Text | None = None) -> None:
        self.errors.append(Problem(self.doc.path, message, field=field, line=self.line_of(field), hint=hint))

    def warn(self, field: str | None, message: Text, hint: Text | None = None) -> None:
        self.warnings.append(Problem(self.doc.path, message, field=field, line=self.line_of(field), hint=hint))

    def unknown_fields(self, fields: tuple[Field, ...]) -> None:
        known = [f.name for f in fields]
        for key in self.doc.meta:
            if key in known or key in ENGINE_FIELDS:
                continue
            near = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
            hint = (
                t("did you mean {names}?", names=one_of(near))
                if near
                else t("known fields: {names}", names=list(known))
            )
            self.error(str(key), t("is not a field of this kind of file"), hint)
        hide = self.doc.meta.get("hide")
        allowed = ENGINE_FIELDS["hide"]
        if hide is not None and not (isinstance(hide, list) and all(h in allowed for h in hide)):
            self.error("hide", t("must be a list of {names}", names=list(allowed)), t("for example hide: [toc]"))
        self.text("description", max_len=300)

    def required(self, fields: tuple[Field, ...]) -> None:
        for f in fields:
            key = f.name
            if not f.required or key in self.doc.meta and self.doc.meta[key] not in (None, "", []):
                continue
            label = either(zh=f.label, en=f.description)
            value = self.doc.meta.get(key)
            if value == []:  # the field is there, its list empty (the importer leaves one it could not fill)
                example = EMPTY_LIST_EXAMPLES.get(key, f"{key}: [...]")
                self.error(
                    key,
                    t("is an empty list"),
                    t(
                        "write at least one {description} between the brackets, for example {example}",
                        description=label,
                        example=example,
                    ),
                )
            elif key in self.doc.meta:
                self.error(
                    key, t("is empty"), t("write the {description} after '{field}:'", field=key, description=label)
                )
            else:
                self.error(key, t("is missing"), t("add '{field}:' ({description})", field=key, description=label))

    def text(self, field: str, *, max_len: int = 300, multiline: bool = False) -> str:
        value = self.doc.meta.get(field)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(
                field, t("must be text, not {kind}", kind=kind_of(value)), t("write it on one line after the colon")
            )
            return ""
        value = value.strip()
        if _CONTROL.search(value):
            self.error(
                field, t("contains a control character"), t("retype the text; it may have been pasted from a PDF")
            )
        if not multiline and "\n" in value:
            self.error(field, t("must be a single line"), t("join the lines into one"))
        if len(value) > max_len:
            self.error(
                field,
                t("is {length} characters long, more than {limit}", length=len(value), limit=max_len),
                t("shorten it"),
            )
        return value

    def text_list(
        self, field: str, *, allow_single: bool = False, whole=lambda item: False, max_len: int = 300
    ) -> tuple[str, ...]:
        """A list of texts; an item with 、 or ， in it is taken for several unless `whole(item)` (a known name)."""
        value = self.doc.meta.get(field)
        if value is None:
            return ()
        if isinstance(value, str) and _LIST_SEPARATORS.search(value.strip()) and not whole(value.strip()):
            self.error(
                field,
                t("'{value}' is several items written as one", value=value.strip()),
                t("write {field}: {items}", field=field, items=_as_list(value)),
            )
            return ()
        if isinstance(value, str) and allow_single:
            return (value.strip(),)
        if not isinstance(value, list):
            example = _as_list(str(value)) if isinstance(value, (str, int)) else "[甲, 乙]"
            self.error(
                field,
                t("must be a list, not {kind}", kind=kind_of(value)),
                t(
                    "write {field}: {items} (items between [ ], separated by an ASCII comma)",
                    field=field,
                    items=example,
                ),
            )
            return ()
        out = []
        for item in value:
            if isinstance(item, str) and _LIST_SEPARATORS.search(item.strip()) and not whole(item.strip()):
                self.error(
                    field,
                    t("'{value}' is several items written as one", value=item.strip()),
                    t("write {field}: {items}", field=field, items=_as_list(", ".join(str(v) for v in value))),
                )
            elif isinstance(item, (str, int)) and not isinstance(item, bool) and len(str(item).strip()) > max_len:
                self.error(
                    field,
                    t("is {length} characters long, more than {limit}", length=len(str(item).strip()), limit=max_len),
                    t("shorten it"),
                )
            elif isinstance(item, (str, int)) and not isinstance(item, bool) and str(item).strip():
                out.append(str(item).strip())
            else:
                self.error(
                    field,
                    t("has an item that is not text: {kind}", kind=kind_of(item)),
                    t("each item must be a word or phrase"),
                )
        return tuple(out)

    def integer(self, field: str, low: int, high: int, example: str) -> int | None:
        value = self.doc.meta.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str):
                parsed = parse_chinese_number(value.strip()) if not value.strip().isdigit() else int(value)
                if parsed is not None:
                    self.error(
                        field,
                        t("must be a number written in digits, not text '{value}'", value=value),
                        t("write {field}: {number}", field=field, number=str(parsed)),
                    )
                    return None
            self.error(
                field,
                t("must be a whole number, not {kind}", kind=kind_of(value)),
                t("for example {field}: {example}", field=field, example=example),
            )
            return None
        if not low <= value <= high:
            self.error(
                field,
                t("{value} is out of range ({low}–{high})", value=str(value), low=str(low), high=str(high)),
                t("for example {field}: {example}", field=field, example=example),
            )
            return None
        return value

    def boolean(self, field: Field) -> bool:
        value = self.doc.meta.get(field.name)
        if value is None:
            return bool(field.default)
        if not isinstance(value, bool):
            self.error(
                field.name,
                t("must be true or false, not {value}", value=repr(value)[:100]),
                t("write {field}: true or {field}: false", field=field.name),
            )
            return bool(field.default)
        return value

    def plain(self, field: Field):
        """The value of a field of a plain kind (model.fields), checked as its declaration says."""
        name = field.name
        if field.kind in (TEXT, PARAGRAPH):
            return self.text(name, max_len=field.max_len, multiline=field.kind == PARAGRAPH)
        if field.kind == TEXTS:
            return self.text_list(name, allow_single=field.one_allowed, max_len=field.max_len)
        if field.kind == INTEGER:
            return self.integer(name, field.low, field.upper, field.example or str(field.low))
        if field.kind == DATE:
            return self.date(name)
        if field.kind == BOOLEAN:
            return self.boolean(field)
        raise ValueError(f"{name}: {field.kind} is not a plain kind")

    def plain_values(self, fields: tuple[Field, ...]) -> dict[str, object]:
        """Every field of a plain kind, by name: the unknown ones refused, the required ones asked for."""
        self.unknown_fields(fields)
        self.required(fields)
        return {f.name: self.plain(f) for f in fields if f.kind in PLAIN_KINDS}

    def date(self, field: str) -> dt.date | None:
        value = self.doc.meta.get(field)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(
            field,
            t("must be a date written YYYY-MM-DD, not {value}", value=repr(value)[:120]),
            t("for example {field}: {example}", field=field, example="2024-12-10"),
        )
        return None


_LIST_SEPARATORS = re.compile(r"\s*[、，；]\s*")
"""Chinese and other separators an editor may put between items where a YAML list needs [a, b]."""


def split_items(text: str) -> list[str]:
    """Items typed as one text, separated by commas, 、 or semicolons: 甲、乙，丙 → [甲, 乙, 丙]."""
    return [item.strip() for item in re.split(r"[,，、;；]", text) if item.strip()]


def _as_list(text: str) -> str:
    """甲、乙，丙 → [甲, 乙, 丙]: the exact list to write."""
    return "[" + ", ".join(split_items(text)) + "]"


def _placeholder(check: _Checker, placeholder: str, tool: str, hint: Text) -> None:
    """A placeholder line a tool wrote, still in the text: the file is not finished."""
    if placeholder in check.doc.body:
        line = check.doc.body_line + check.doc.body[: check.doc.body.index(placeholder)].count("\n")
        message = t("the text is still the placeholder that {tool} wrote", tool=tool)
        check.errors.append(Problem(check.doc.path, message, line=line, hint=hint))


def _half_width_marks(check: _Checker, fields: tuple[Field, ...]) -> None:
    """Half-width , : ; ? ! ( ) in Chinese text (规划,建立; (一)): GB/T 15834 sets them full-width.  One warning for
    each text field that has any and one for the text (outside fenced code, as `make fix-punctuation` leaves it),
    at the first, with how many there are and the command that sets them all."""
    hint = t("GB/T 15834 sets them full-width; `make fix-punctuation` changes them all (and nothing else)")

    def message(marks) -> Text:
        return t(
            "{count} half-width marks in Chinese text, first '{mark}' in '{context}'",
            count=len(marks),
            mark=marks[0].mark,
            context=marks[0].context,
        )

    for f in fields:
        value = check.doc.meta.get(f.name)
        if f.kind in (TEXT, PARAGRAPH) and isinstance(value, str) and (marks := half_width_marks(value)):
            check.warn(f.name, message(marks), hint)
    if marks := prose_marks(check.doc.body):
        line = check.doc.body_line + marks[0].line - 1
        check.warnings.append(Problem(check.doc.path, message(marks), line=line, hint=hint))


def _resolve_region(check: _Checker, taxonomy: Taxonomy) -> tuple[Region, ...]:
    value = check.doc.meta.get("region")
    if value in (None, "", []):
        return ()
    table = taxonomy.regions
    if isinstance(value, str):
        names = [value.strip()]
        # A whole name written as one string (吉林省长春市) is split on official names.
        path, pieces = table.infer(names[0])
        if path and "".join(p for p, _ in pieces) == names[0] and all(p == r.name for p, r in pieces):
            return tuple(path)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = [v.strip() for v in value]
    else:
        check.error(
            "region",
            t("must be a list of names, not {kind}", kind=kind_of(value)),
            t("write the official names from the province down, e.g. region: [吉林省, 长春市]"),
        )
        return ()
    path, missing = table.walk(names)
    if missing is not None:
        check.error("region", *unknown_region(table, path, missing))
        return ()
    return tuple(path)


_CASE_ATTRIBUTES = {f.name for f in dataclasses.fields(Case)}


def validate_case(doc: Document, taxonomy: Taxonomy, slug: str) -> tuple[Case | None, list[Problem], list[Problem]]:
    """Build a Case from a parsed file, or say everything that is wrong with it."""
    check = _Checker(doc)
    meta = doc.meta
    values = check.plain_values(CASE_FIELDS)
    # Title, unit, year and number are the Case's own attributes; the other plain fields stay in its values.
    own = {name: values.pop(name) for name in _CASE_ATTRIBUTES & set(values)}
    year = own["year"]
    regions = _resolve_region(check, taxonomy)

    themes = []
    known_theme = lambda name: taxonomy.resolve_theme(name)[0] is not None  # noqa: E731
    for value in check.text_list("themes", allow_single=False, whole=known_theme):
        theme, why = taxonomy.resolve_theme(value)
        if theme is None:
            check.error("themes", *why)
        elif theme in themes:
            check.warn("themes", t("'{value}' is listed twice", value=value), t("remove the repetition"))
        else:
            themes.append(theme)

    collection = None
    cid = meta.get("collection")
    if cid not in (None, ""):
        collection = taxonomy.collections.get(str(cid))
        if collection is None:
            near = difflib.get_close_matches(str(cid), list(taxonomy.collections), n=3, cutoff=0.4)
            hint = (
                t("did you mean {names}?", names=one_of(near)) if near else t("add it to content/_data/collections.yml")
            )
            check.error("collection", t("'{id}' is not a known collection", id=str(cid)), hint)

    body = doc.body.strip()
    _placeholder(check, PLACEHOLDER_BODY, "new-case", t("replace that line with the case's text"))
    _half_width_marks(check, CASE_FIELDS)
    if collection is not None:
        if collection.full_text and not body:
            check.error(
                None,
                t("the case has no text, but collection '{id}' publishes full texts", id=collection.id),
                t("write the case's text below the front matter"),
            )
        if year is not None and year != collection.year:
            check.warn(
                "year",
                t(
                    "{year} differs from the collection's year {expected}",
                    year=str(year),
                    expected=str(collection.year),
                ),
                t("check which is right"),
            )

    if check.errors:
        return None, check.errors, check.warnings
    case = Case(
        path=doc.path,
        slug=slug,
        regions=regions,
        themes=tuple(themes),
        collection=collection,
        text=doc.body,
        values=values,
        field_lines=doc.field_lines,
        **own,
    )
    return case, check.errors, check.warnings


def validate_page(doc: Document, reference: bool = False) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings of a page that is neither a case nor a notice: a title, and the engine's few fields;
    a page of the reference shelf (`reference`) must also be finished text, with no template's placeholders."""
    check = _Checker(doc)
    check.plain_values(PAGE_FIELDS)
    if reference:
        for number, line in enumerate(doc.body.split("\n")):
            if match := UNFINISHED.search(line):
                check.errors.append(
                    Problem(
                        doc.path,
                        t("a template's placeholder '{text}' is still in the text", text=match.group(0)),
                        line=doc.body_line + number,
                        hint=t(
                            "the reference shelf publishes finished texts only: write what stands there, or keep "
                            "the file under content/_sources/ (never published)"
                        ),
                    )
                )
                break
    return check.errors, check.warnings


UNFINISHED = re.compile(
    r"[□■]|(?<![A-Za-z])(?:\d{2}|[Xx]{2})[Xx]{2}(?![A-Za-z])|(?<![A-Za-z])[Xx]{2,3}(?=[%％\u4e00-\u9fff]|$)"
    r"|(?<=[\u4e00-\u9fff])[Xx]{2,3}(?![A-Za-z])|〇〇|○○|某某"
)
"""What a template's unfilled blanks look like: □ (a lost character or a blank), 20xx, xx%, xx市, 某某."""


def validate_notice(doc: Document, taxonomy: Taxonomy, slug: str) -> tuple[Notice | None, list[Problem], list[Problem]]:
    """Build a Notice from a parsed file, or say everything that is wrong with it."""
    check = _Checker(doc)
    values = check.plain_values(NOTICE_FIELDS)
    kind = values["kind"]
    if kind and kind not in NOTICE_KINDS:
        check.warn(
            "kind",
            t("'{kind}' is not a usual kind of official document", kind=kind),
            t("usual kinds: {kinds}", kinds=list(NOTICE_KINDS)),
        )
    if "doc_number" not in doc.meta:
        check.warn("doc_number", t("is missing"), t("add the 文号, or write doc_number: '' for a notice that has none"))
    collection = doc.meta.get("collection")
    if collection not in (None, "") and str(collection) not in taxonomy.collections:
        check.error(
            "collection",
            t("'{id}' is not a known collection", id=str(collection)),
            t("add it to content/_data/collections.yml"),
        )
    _placeholder(check, NOTICE_PLACEHOLDER_BODY, "new-collection", t("paste the notice's text in its place"))
    _half_width_marks(check, NOTICE_FIELDS)
    if check.errors:
        return None, check.errors, check.warnings
    notice = Notice(
        path=doc.path,
        slug=slug,
        collection=str(collection) if collection else None,
        body=doc.body,
        field_lines=doc.field_lines,
        **values,
    )
    return notice, check.errors, check.warnings
