"""The finder's search index: files the browser loads only as a query needs them.

At 100,000 cases nothing can be loaded whole, so the data is split by what a query needs:

* `meta.js`: what every query needs, small whatever the number of cases: the facets (those the fields
  declare, model.fields) with their values and their counts over all cases, the shard lists, the tables of
  traditional characters, synonyms and pinyin words;
* `t<k>.js`: text shards, the postings (finder.postings) of the tokens whose hash falls in shard k (Chinese
  characters and character bigrams, ASCII words): for each, the cases it is in, its score and where it stands
  (title, unit and place, text);
* `p<xx>.js`: pinyin shards, the postings of the pinyin tokens that start with the letters xx (finder.js finds
  the tokens a prefix or a near spelling matches with lunr.js's token sets);
* `f<j>.js`: each case's facet cells, for `FACET_CHUNK` cases at a time (a query loads the chunks its hits are
  in; a search with no words and no filter needs none: meta.js has the counts);
* `r<j>.js`: the result lines (`DOC_FIELDS`) of `ROWS_PER_CHUNK` cases, loaded for the results shown;
* `h<j>.js`: the opening lines of 50 cases, shown under a result when the query has no words;
* `x<i>.js`: one case's text, for the snippet around a match, loaded only for results on screen.

Cases are numbered in result order (newest first), the same in every file.  Every file is a script that calls
`__finder.<kind>(…)`, so that the finder works from `file://`, where fetch and XHR of local files are refused.

The tokenizer here and the one in `overrides/assets/finder/finder.js` must agree: both are tested against the
same examples (tests/unit/finder/test_data.py, tests/browser/test_finder.py).
"""

from __future__ import annotations

import json
import math
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from compendium.finder.postings import ALPHABET, BASE, PLACE, TITLE, ShardWriter, decode_numbers, encode
from compendium.model.compendium import Case, Compendium
from compendium.model.fields import BOOLEAN, CASE_FIELDS, COLLECTION, LIST_KINDS, REGION, THEMES, Facet, Field
from compendium.model.ordering import collections_newest_first, newest_first
from compendium.site.indexes import Indexes
from compendium.site.indexes.issuers import issuer_entries
from compendium.site.paths import FINDER_DATA
from compendium.text.hanzi import HAN, traditional_table
from compendium.text.pinyin import initials, place_syllables, sort_key, text_syllables
from compendium.text.reflow import plain_text

__all__ = [
    "DOC_FIELDS",
    "FINDER_DATA_VERSION",
    "text_tokens",
    "query_terms",
    "query_runs",
    "normalize",
    "toneless",
    "shard_of",
    "pinyin_tokens",
    "FinderIndex",
    "index_cases",
    "finder_files",
    "simplified_table",
    "write_data",
    "build_finder_files",
    "FinderData",
    "script_data",
    "SHARD_CHARS",
    "HEADS_PER_CHUNK",
    "ROWS_PER_CHUNK",
    "FACET_CHUNK",
]

FINDER_DATA_VERSION = 6
"""The version of meta.js; finder.js reads only this version (its DATA_VERSION) and says so otherwise."""
DOC_FIELDS = ("url", "title", "unit", "place", "number_label")
"""The cells of a row of `r<j>.js` (rows, not objects): what a result's line shows.  finder.js reads them by these
names, given in meta.js as `docFields`."""
ROWS_PER_CHUNK = 100
"""Result lines per `r<j>.js`: a page of results needs one or two."""
FACET_CHUNK = 10_000
"""Cases per `f<j>.js` (their facet cells, a few characters a case)."""
SHARD_CHARS = 5_000
"""Characters of text per text shard (about 3,800 postings, 75 KB of script): a query loads
little, and the build makes few enough shards that their fixed cost stays small."""
PINYIN_PREFIX = 2
"""Pinyin shards hold the tokens starting with the same two letters (or more: `PINYIN_SHARD_POSTINGS`); shorter
pinyin queries are not looked up."""
PINYIN_SHARD_POSTINGS = 100_000
"""Postings a pinyin shard may hold (about 300 KB) before it is split by one letter more: at 100,000 cases the
tokens starting with sh had 1.6 MB of them.  A shard keeps the tokens no longer than its letters."""
HEADS_PER_CHUNK = 50
"""Cases per `h<j>.js` (their opening lines, shown under results when the query has no words)."""
LEAD = 100
"""Characters of a case's text kept with its head, shown when there is no match to centre on."""
TITLE_WEIGHT, UNIT_WEIGHT = 3, 2
_RUNS = re.compile(rf"[{HAN}]+|[a-z0-9]+")
_TONED = re.compile(r"(?:[bpmfdtnlgkhjqxrzcsyw]?h?[aeiouv]+(?:ng|n|r)?[1-5]?)+")
"""Pinyin with tone digits (ying2yang3): syllables, each ending in a vowel, n, ng or r, then its tone."""


_QUOTES = dict.fromkeys(map(ord, "“”‘’\"'「」『』《》〈〉"))
"""Quotation and title marks join the words they stand between: 四色科普 finds “四色”科普."""


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII), lower case, without quotation marks.

    >>> normalize("“四色”科普 ＥＰＧ")
    '四色科普 epg'
    """
    return unicodedata.normalize("NFKC", text).lower().translate(_QUOTES)


def text_tokens(text: str) -> list[str]:
    """Index tokens: every Han character and every pair of adjacent ones; ASCII words.

    >>> text_tokens("控烟 EPG2号")
    ['控', '烟', '控烟', 'epg2', '号']
    """
    out: list[str] = []
    for run in _RUNS.findall(normalize(text)):
        if run[0].isascii():
            out.append(run)
        else:
            out.extend(run)
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def toneless(run: str) -> str:
    """An ASCII run read as pinyin with tone digits loses them; any other run stays as it is.

    >>> toneless("ying2yang3"), toneless("zhong4qing4"), toneless("epg2"), toneless("h7n9"), toneless("2024")
    ('yingyang', 'zhongqing', 'epg2', 'h7n9', '2024')
    """
    if run[0].isalpha() and any(c.isdigit() for c in run) and _TONED.fullmatch(run):
        return re.sub(r"[1-5]", "", run)
    return run


def query_runs(text: str, simplified: dict[str, str] | None = None) -> list[str]:
    """The words of a query as the finder reads them: runs of Han characters and of ASCII letters and digits,
    normalized, in simplified characters, pinyin without tone digits (finder.js's runsOf).

    >>> query_runs("營養 Ying2Yang3，控烟")
    ['營養', 'yingyang', '控烟']
    """
    text = normalize(text)
    if simplified:
        text = "".join(simplified.get(char, char) for char in text)
    return [toneless(run) if run[0].isascii() else run for run in _RUNS.findall(text)]


def query_terms(text: str, simplified: dict[str, str] | None = None) -> list[str]:
    """Query tokens: bigrams of each Han run (the character itself for a run of one); ASCII words
    (pinyin without its tone digits).
    `simplified` maps traditional characters to the simplified ones of the index (meta.js carries it).

    >>> query_terms("副校长 Shanghai")
    ['副校', '校长', 'shanghai']
    >>> query_terms("營養", {"營": "营", "養": "养"})
    ['营养']
    >>> query_terms("xin1li3 ying2 yang3")
    ['xinli', 'ying', 'yang']
    """
    out: list[str] = []
    for run in query_runs(text, simplified):
        if run[0].isascii() or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return list(dict.fromkeys(out))


def shard_of(token: str, shards: int) -> int:
    """FNV-1a over the token's UTF-16 code units, as JavaScript sees the string."""
    h = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


WORD_SYLLABLES = 4
"""Full pinyin is indexed from every syllable of a title and a unit, this many syllables long: enough for the
words a reader types (queries match tokens as prefixes)."""


def _spellings(syllables: tuple[str, ...]) -> set[str]:
    """Full pinyin and initials of a name (with u for ü); queries match them as prefixes."""
    syllables = _letters(syllables)
    if not syllables:
        return set()
    out = {"".join(syllables), initials(syllables)}
    return out | {s.replace("v", "u") for s in out if "v" in s}


def _letters(syllables) -> tuple[str, ...]:
    return tuple(s.lower() for s in syllables if s.isascii() and s.isalpha())


def _windows(syllables) -> set[str]:
    """Full pinyin from every syllable on, a few syllables long: yingyang finds 社区营养厨房, xinli 心理
    (a reader types the words of a title, not the whole title, and pinyin on a phone without choosing)."""
    syllables = _letters(syllables)
    return {"".join(syllables[i : i + WORD_SYLLABLES]) for i in range(len(syllables))}


def pinyin_tokens(case: Case, unit_pieces: list[tuple[str, object]] | None = None) -> set[str]:
    """Pinyin of the title, the unit, each region level, the themes, keywords and summary, each converted on its own.

    The part of the unit's name after the places it starts with is spelled on
    its own too, so that `zhongyiyuan` finds every 中医院 whatever its city;
    initials are indexed from every syllable on, so a word inside a title can
    be found by its initials.
    """
    tokens = _spellings(text_syllables(case.title)) | _spellings(text_syllables(case.unit))
    for name in (case.title, case.unit):
        syllables = text_syllables(name)
        # initials from every syllable on (short tokens): jkfxz finds 卫生健康副校长 …
        letters = initials(_letters(syllables))
        tokens |= {letters[i:] for i in range(len(letters))}
        tokens |= _windows(syllables)
    # Themes and keywords as words (full pinyin and initials); the summary's words by their full pinyin, as the
    # title's (its initials would be noise: a hundred-letter run that matches any short query).
    for word in tuple(t.name for t in case.themes) + case.keywords:
        tokens |= _spellings(text_syllables(word))
    if case.summary:
        tokens |= _windows(text_syllables(case.summary))
    for region in case.regions:
        tokens |= _spellings(place_syllables(region.name)) | _spellings(place_syllables(region.short_name))
    if unit_pieces:
        rest = case.unit[sum(len(text) for text, _ in unit_pieces) :]
        tokens |= _spellings(text_syllables(rest))
    return {t for t in tokens if len(t) >= PINYIN_PREFIX}


def _script(call: str, *args) -> str:
    """`__finder.call(args…);` with JSON safe inside a script: no '<', no line separators.

    Objects and lists are passed as `JSON.parse('…')`: browsers parse a JSON string several times
    faster than the same data written as a JavaScript literal (a quarter off a query at 10,000 cases).
    """

    def as_js(value) -> str:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        if isinstance(value, (dict, list)):
            return "JSON.parse('" + text.replace("\\", "\\\\").replace("'", "\\'") + "')"
        return text

    return f"__finder.{call}({','.join(as_js(a) for a in args)});\n"


def script_data(script: str):
    """The object a finder script passes (`__finder.meta(JSON.parse('…'))` → the dict; None for a shard without
    terms, `__finder.shard("t1",null)`), for checks and benchmarks."""
    if "JSON.parse('" not in script and script.rstrip().endswith(",null);"):
        return None
    quoted = script[script.index("JSON.parse('") + len("JSON.parse('") : script.rindex("')")]
    return json.loads(re.sub(r"\\(.)", r"\1", quoted, flags=re.S))


def _plain_text(case: Case) -> str:
    body = plain_text(case.body)
    return "\n".join(p.strip() for p in ([case.summary] + body.split("\n")) if p.strip())


@dataclass
class FinderIndex:
    """What the finder is built from: the cases in result order and their pinyin (their plain texts are made as
    `write_data` writes them).

    Deciding the shards is cheap (`text_shards` comes from the amount of text,
    `pinyin_letters` from the pinyin), so the page can be laid out at once;
    `write_data` does the expensive part, the texts, tokenizing and building the
    shards, which the build runs in a process of its own.
    """

    cases: list[Case]
    pinyin: list[list[str]]
    text_shards: int
    pinyin_letters: list[str]


_PINYIN_OF: dict[tuple, list[str]] = {}
"""A case's pinyin tokens by what they are made of: `make serve` rebuilds after every save, and an edit changes the
pinyin of one case at most (a second of 1,000 cases' rebuild before)."""


def _case_pinyin(case: Case, compendium: Compendium) -> list[str]:
    key = (
        case.title,
        case.unit,
        case.summary,
        case.keywords,
        tuple(t.name for t in case.themes),
        tuple((r.name, r.short_name) for r in case.regions),
    )
    found = _PINYIN_OF.get(key)
    if found is None:
        tokens = pinyin_tokens(case, compendium.taxonomy.regions.infer(case.unit)[1])
        # one string for each spelling: 55 tokens a case, of a few thousand spellings (280 MB at 100,000 cases)
        found = _PINYIN_OF[key] = sorted(map(sys.intern, tokens))
    return found


def index_cases(compendium: Compendium) -> FinderIndex:
    cases = sorted(compendium.cases, key=newest_first)
    pinyin = [_case_pinyin(case, compendium) for case in cases]
    # From the source text (Markdown included), which is near enough to size the shards.
    chars = sum(len(case.summary) + case.body_size + len(case.title) + len(case.unit) for case in cases)
    return FinderIndex(cases, pinyin, max(1, math.ceil(chars / SHARD_CHARS)), pinyin_keys(pinyin))


def pinyin_keys(pinyin: list[list[str]], limit: int = PINYIN_SHARD_POSTINGS) -> list[str]:
    """The pinyin shards' letters: the tokens' first two, and one more where a shard would hold over `limit`
    postings (and so on); a token goes to the longest of them it starts with (`pinyin_shard`).

    >>> pinyin_keys([["shanghai", "sh", "shenzhen", "beijing"], ["shanghai", "shaanxi"]], limit=3)
    ['be', 'sh', 'sha', 'she']
    """
    keys: list[str] = []
    level = PINYIN_PREFIX
    counts = Counter(t[:level] for tokens in pinyin for t in tokens)
    while counts:
        keys += counts
        big = {prefix for prefix, n in counts.items() if n > limit}
        level += 1
        counts = Counter(t[:level] for tokens in pinyin for t in tokens if len(t) >= level and t[: level - 1] in big)
    return sorted(keys)


def pinyin_shards_of(prefix: str, keys: list[str]) -> list[str]:
    """The pinyin shards (their letters) holding the tokens that start with `prefix`: the longest of `keys` it
    starts with, then every key that starts with it (finder.js's shardsOf).

    >>> pinyin_shards_of("sh", ["be", "sh", "sha", "she"]), pinyin_shards_of("shanghai", ["be", "sh", "sha", "she"])
    (['sh', 'sha', 'she'], ['sha'])
    """
    longest = max((key for key in keys if prefix.startswith(key)), key=len, default=None)
    return ([longest] if longest else []) + [key for key in keys if len(key) > len(prefix) and key.startswith(prefix)]


def pinyin_shard(keys: list[str]):
    """token → the pinyin shard it goes to: the longest of `keys` it starts with (`pinyin_shards_of`'s first)."""
    known, longest = set(keys), max(map(len, keys), default=PINYIN_PREFIX)

    def shard(token: str) -> str:
        return next(token[:n] for n in range(min(len(token), longest), PINYIN_PREFIX - 1, -1) if token[:n] in known)

    return shard


def _marks(case: Case) -> dict[str, tuple[int, tuple[int, ...]]]:
    """The terms that stand in the case's title (with each bigram's positions in the normalized title, so that the
    browser tells a phrase from its words apart) and in its unit or place."""
    marks: dict[str, tuple[int, tuple[int, ...]]] = {}
    for found in _RUNS.finditer(normalize(case.title)):
        run, at = found.group(), found.start()
        if run[0].isascii():
            marks[run] = (TITLE, ())
            continue
        for char in run:
            marks[char] = (TITLE, ())
        for i in range(len(run) - 1):
            marks[run[i : i + 2]] = (TITLE, marks.get(run[i : i + 2], (TITLE, ()))[1] + (at + i,))
    for token in text_tokens(case.unit) + text_tokens(case.region_label):
        marks.setdefault(token, (PLACE, ()))
    return marks


def _text_counts(case: Case, text: str) -> Counter:
    counts = Counter(text_tokens(case.title) * TITLE_WEIGHT + text_tokens(case.unit) * UNIT_WEIGHT)
    # the places, keywords and themes' names (健康教育 finds the cases filed under that theme)
    counts.update(text_tokens(" ".join(r.name for r in case.regions)) + text_tokens(" ".join(case.keywords)))
    counts.update(text_tokens(" ".join(t.name for t in case.themes)))
    counts.update(text_tokens(text))
    return counts


def _is_bigram(term: str) -> bool:
    return len(term) == 2 and not term.isascii()


def write_data(index: FinderIndex, out: Path) -> list[str]:
    """Write the shards, heads and texts into `out` (the finder/data folder); return their names."""
    out.mkdir(parents=True, exist_ok=True)
    names: list[str] = []

    def write(name: str, script: str) -> None:
        (out / name).write_text(script, "utf-8")
        names.append(name)

    def write_shard(prefix: str):
        return lambda key, postings: (out / f"{prefix}{key}.js").write_text(
            _script("shard", f"{prefix}{key}", postings), "utf-8"
        )

    keys = index.pinyin_letters
    pinyin = ShardWriter(pinyin_shard(keys), keys, write_shard("p"), field=PLACE)
    for tokens in index.pinyin:
        pinyin.add(dict.fromkeys(tokens, 1))
    pinyin.run()
    names += [f"p{letters}.js" for letters in index.pinyin_letters]

    # one pass over the cases: each text written, tokenized and let go of (at 100,000 cases the texts are
    # half a gigabyte), the heads kept a chunk at a time
    shards = index.text_shards
    text = ShardWriter(
        lambda term: shard_of(term, shards), range(shards), write_shard("t"), _is_bigram, spill_dir=out.parent
    )
    leads: list[str] = []
    for i, case in enumerate(index.cases):
        case_text = _plain_text(case)
        write(f"x{i}.js", _script("text", i, case_text))
        text.add(_text_counts(case, case_text), _marks(case))
        leads.append(case_text[:LEAD])
        if len(leads) == HEADS_PER_CHUNK or i == len(index.cases) - 1:
            write(f"h{i // HEADS_PER_CHUNK}.js", _script("heads", i // HEADS_PER_CHUNK, leads))
            leads = []
    text.run()
    names += [f"t{k}.js" for k in range(shards)]
    return names


@dataclass
class FinderData:
    files: dict[str, str]
    """{path under the site root: script text}"""
    text_shards: int
    pinyin_letters: list[str]


def build_finder_files(compendium: Compendium, ix: Indexes, url_of) -> FinderData:
    """All finder files in memory, for checks and small sites (the build writes the shards with `write_data`)."""
    index = index_cases(compendium)
    with tempfile.TemporaryDirectory() as tmp:
        names = write_data(index, Path(tmp))
        files = {f"{FINDER_DATA}/{name}": (Path(tmp) / name).read_text("utf-8") for name in names}
    files |= {f"{FINDER_DATA}/{name}": text for name, text in finder_files(index, compendium, ix, url_of).items()}
    return FinderData(files, index.text_shards, index.pinyin_letters)


def _traditional_table(cases: list[Case]) -> dict[str, str]:
    # The characters of everyday text (GB 2312) and those of the titles, units and summaries: reading every
    # case's body for its characters took a second at 10,000 cases, and adds next to nothing.
    texts = "".join(f"{c.title}{c.unit}{c.summary}{c.region_label}" for c in cases)
    return traditional_table(set(texts))


def simplified_table(meta: dict) -> dict[str, str]:
    """meta.js's table of traditional → simplified characters, as a dict."""
    pairs = meta.get("simplified", "")
    return {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}


@dataclass
class _FacetData:
    """A facet as meta.js gives it: its values (id, name, and depth in a tree), and each case's cell."""

    facet: Facet
    values: list[dict]
    cell: object
    """Case → the position of its value in `values`, a list of positions, or None."""

    def cells(self, cases: list[Case]) -> list[tuple[int, ...]]:
        """Each case's cell as a tuple of value positions."""
        out = []
        for case in cases:
            cell = self.cell(case)
            out.append(() if cell is None else tuple(cell) if isinstance(cell, list) else (cell,))
        return out

    def with_above(self, cell: tuple[int, ...]) -> set[int]:
        """A cell's values and every value above them (`up`: a theme's parent), as finder.js reads a cell."""
        out = set()
        for k in cell:
            while k is not None and k not in out:
                out.add(k)
                k = self.values[k].get("up")
        return out

    def as_meta(self, cells: list[tuple[int, ...]]) -> dict:
        f = self.facet
        counts = Counter(k for cell in cells for k in self.with_above(cell))
        return {
            "name": f.name,
            "label": f.label,
            "suffix": f.suffix,
            "inResult": f.in_result,
            "values": self.values,
            # over all cases: a search with no words and no filter shows them without loading any case's cells
            "counts": [counts[k] for k in range(len(self.values))],
        }


def _facet_data(f: Field, facet: Facet, compendium: Compendium, ix: Indexes, cases: list[Case]) -> _FacetData:
    """The values one facet offers and how each case's cell is made, by the kind of its field (model.fields)."""
    taxonomy = compendium.taxonomy
    if facet.of == "issuers":
        issuers = issuer_entries(ix)
        at = {e.name: i for i, e in enumerate(issuers)}
        of_collection = {c.id: sorted(at[n] for n in compendium.issuers_of(c)) for c in taxonomy.collections.values()}
        return _FacetData(
            facet, [{"id": e.slug, "name": e.name} for e in issuers], lambda case: of_collection[case.collection.id]
        )
    if f.kind == THEMES:
        # Only themes with cases are offered: a facet of options that find nothing is noise (a category scheme
        # announced in a call for cases, before any case uses it).  A case counts under its themes and every
        # theme above them: a cell holds the case's own themes, `up` names a theme's parent.
        ids = [tid for tid in taxonomy.themes if ix.theme_nodes[tid].total]
        at = {tid: i for i, tid in enumerate(ids)}
        values = []
        for tid in ids:
            path = taxonomy.theme_path(taxonomy.themes[tid])
            values.append({"id": tid, "name": taxonomy.themes[tid].name, "depth": len(path) - 1})
            if len(path) > 1 and path[-2].id in at:
                values[-1]["up"] = at[path[-2].id]
        return _FacetData(facet, values, lambda case: sorted({at[t.id] for t in case.themes}))
    if f.kind == REGION:
        provinces = [p.region for p in ix.provinces if p.total]
        at = {r.code: i for i, r in enumerate(provinces)}
        return _FacetData(
            facet, [{"id": r.slug, "name": r.name} for r in provinces], lambda case: at[case.province.code]
        )
    if f.kind == COLLECTION:
        collections = sorted(taxonomy.collections.values(), key=collections_newest_first)
        at = {c.id: i for i, c in enumerate(collections)}
        return _FacetData(
            facet, [{"id": c.id, "name": c.title} for c in collections], lambda case: at[case.collection.id]
        )

    # A plain field: the values the cases have, numbers and dates newest first, texts in pinyin order.
    def items(case: Case) -> list:
        value = case.record.value(f.name)
        return [v for v in (value if isinstance(value, list) else [value]) if v not in ("", None)]

    found = {item for case in cases for item in items(case)}
    if f.kind == BOOLEAN:
        ordered = [v for v in (True, False) if v in found]
        values = [{"id": "true" if v else "false", "name": "是" if v else "否"} for v in ordered]
    elif all(isinstance(v, (int, float)) for v in found):
        ordered = sorted(found, reverse=True)
        values = [{"id": str(v), "name": str(v)} for v in ordered]
    else:
        ordered = sorted(found, key=lambda v: (sort_key(str(v)), str(v)))
        values = [{"id": str(v), "name": str(v)} for v in ordered]
    at = {v: i for i, v in enumerate(ordered)}
    if f.kind in LIST_KINDS:
        return _FacetData(facet, values, lambda case: sorted(at[v] for v in items(case)))
    return _FacetData(facet, values, lambda case: next((at[v] for v in items(case)), None))


def pinyin_words(compendium: Compendium, cases: list[Case]) -> dict[str, str]:
    """Full pinyin → word, for the compendium's vocabulary (themes' names, aliases and keywords, synonyms, the cases'
    keywords) and the places the cases name; where two words read alike, the vocabulary's (医养 before 益阳).

    >>> from compendium.content.loader import load_compendium
    >>> from pathlib import Path
    >>> c = load_compendium(Path("tests/fixtures/compendium/content")).compendium
    >>> words = pinyin_words(c, c.cases)
    >>> words["yingyang"], words["kongyan"], words["lanzhou"], words["yiyang"]
    ('营养', '控烟', '兰州', '医养')
    """
    words = set(compendium.taxonomy.vocabulary) | {w for c in cases for w in c.keywords}
    places = {r.short_name for c in cases for r in c.regions if r.level > 0} - words
    out: dict[str, str] = {}
    for word in sorted(words) + sorted(places):
        syllables = _letters(place_syllables(word) if word in places else text_syllables(word))
        spelling = "".join(syllables)
        if len(word) > 1 and spelling and len(syllables) == len(word):
            out.setdefault(spelling, word)
    return dict(sorted(out.items()))


DIRECT = BASE - 1
"""A facet of at most 44 values may write each case's cell directly (`_column`)."""


def _column(cells: list[tuple[int, ...]], values: int = DIRECT) -> dict:
    """One facet's cells of a chunk of cases, whichever is shorter of:

    * `runs`: the distinct cells (`cells`), and each case's, as runs of equal ones (a collection's cases,
      numbered together, are one run): per run (cell × 2 + 1, then length − 2), or cell × 2 for a run of one,
      in finder.postings' numbers;
    * `direct` (a facet of at most 44 values): each case's values, one character each, ALPHABET[v] when more
      follow and ALPHABET[44 + v] for the last; ALPHABET[88] for a case with none (a theme's cases, which rarely
      share their combination of themes).
    """
    runs = _runs(cells)
    if values > DIRECT:
        return runs
    direct = "".join(
        "".join(ALPHABET[v] for v in cell[:-1]) + ALPHABET[DIRECT + cell[-1]] if cell else ALPHABET[2 * DIRECT]
        for cell in cells
    )
    return {"direct": direct} if len(direct) < len(runs["runs"]) + len(json.dumps(runs["cells"])) else runs


def _runs(cells: list[tuple[int, ...]]) -> dict:
    distinct: dict[tuple[int, ...], int] = {}
    ids = [distinct.setdefault(cell, len(distinct)) for cell in cells]
    runs: list[str] = []
    i = 0
    while i < len(ids):
        j = i
        while j < len(ids) and ids[j] == ids[i]:
            j += 1
        runs.append(encode(2 * ids[i]) if j - i == 1 else encode(2 * ids[i] + 1) + encode(j - i - 2))
        i = j
    return {"cells": [list(cell) for cell in distinct], "runs": "".join(runs)}


def column_cells(column: dict) -> list[list[int]]:
    """Each case's cell of a column as `_column` writes it (finder.js's decodeColumn), for checks.

    >>> column_cells(_column([(1,), (1,), (1,), (0, 2), ()]))
    [[1], [1], [1], [0, 2], []]
    >>> _column([(1,), (0, 2), (), (3,)]), column_cells(_column([(1,), (0, 2), (), (3,)]))
    ({'direct': 'Q!R}S'}, [[1], [0, 2], [], [3]])
    """
    if "direct" in column:
        out, cell = [], []
        for char in column["direct"]:
            digit = ALPHABET.index(char)
            if digit < DIRECT:
                cell.append(digit)
            else:
                out.append(cell + [digit - DIRECT] if digit < 2 * DIRECT else cell)
                cell = []
        return out
    numbers = iter(decode_numbers(column["runs"]))
    out = []
    for head in numbers:
        out += [column["cells"][head >> 1]] * (next(numbers) + 2 if head % 2 else 1)
    return out


def finder_files(index: FinderIndex, compendium: Compendium, ix: Indexes, url_of) -> dict[str, str]:
    """`meta.js`, the result lines (`r<j>.js`) and the facet cells (`f<j>.js`), by name in the finder's data
    folder: the part of the finder's data made with the pages (`url_of` maps a source path to its URL)."""
    cases = index.cases
    declared = sorted(((facet, f) for f in CASE_FIELDS for facet in f.facets), key=lambda pair: pair[0].order)
    facets = [_facet_data(f, facet, compendium, ix, cases) for facet, f in declared]
    cells = [data.cells(cases) for data in facets]
    meta = {
        "version": FINDER_DATA_VERSION,
        "count": len(cases),
        "docFields": list(DOC_FIELDS),
        "textShards": index.text_shards,
        "pinyinShards": index.pinyin_letters,
        "headsPerChunk": HEADS_PER_CHUNK,
        "rowsPerChunk": ROWS_PER_CHUNK,
        "facetChunk": FACET_CHUNK,
        "facets": [data.as_meta(column) for data, column in zip(facets, cells)],
        # A query typed in traditional characters (營養) finds the simplified text: the traditional forms of the
        # characters the cases use, each followed by its simplified one ("營营養养…").
        "simplified": "".join(t + s for t, s in _traditional_table(cases).items()),
        # Words readers use for the same thing (content/_data/synonyms.yml): a query naming one searches all.
        "synonyms": [list(group) for group in compendium.taxonomy.synonyms],
        # The compendium's words by their full pinyin (yingyang → 营养): a pinyin query, which searches titles,
        # units, places, themes and keywords, is offered the characters' search, which searches the text too.
        "pinyinWords": pinyin_words(compendium, cases),
    }
    files = {"meta.js": _script("meta", meta)}
    for start in range(0, len(cases), ROWS_PER_CHUNK):
        rows = []
        for case in cases[start : start + ROWS_PER_CHUNK]:
            record = case.record
            row = {
                "url": url_of(record.path),
                "title": record.title,
                "unit": record.unit,
                "place": record.place,
                "number_label": record.number_label,
            }
            rows.append([row[name] for name in DOC_FIELDS])
        files[f"r{start // ROWS_PER_CHUNK}.js"] = _script("rows", start // ROWS_PER_CHUNK, rows)
    for start in range(0, len(cases), FACET_CHUNK):
        columns = [
            _column(column[start : start + FACET_CHUNK], len(data.values)) for data, column in zip(facets, cells)
        ]
        files[f"f{start // FACET_CHUNK}.js"] = _script("facets", start // FACET_CHUNK, columns)
    return files
