"""The finder's postings: for each term, the cases it is in, with lunr's score and where it stands, in a few
characters a case.

A lunr index repeats every case a shard's terms find in the shard's field vectors: at 100,000 cases the shard of
a common bigram was megabytes.  The finder needs less of a term: which cases have it (their numbers, in result
order), its score in each (lunr's model, below) and whether it stands in the case's title, its unit or place, or
only its text (the ranking).  That is written here as a string per term:

* numbers in base 45 (`encode`): a digit of `ALPHABET`'s first half ends a number, one of its second half is
  followed by more digits; the alphabet is printable ASCII without the quotation marks, backslash and '<', so
  the strings go into a script unescaped;
* per case, in order: (gap × 3 + field), gap the cases skipped since the previous one, field `TITLE`, `PLACE` or
  `TEXT`; then the score × `SCORE_SCALE`, rounded; for a bigram in the title, the number of its positions in the
  (normalized) title, then each position, so that the browser can tell a phrase from words apart.

The score is lunr.py's BM25 (k1 = 1.2, b = 0.75, its idf over the whole collection): a test builds the same
documents with lunr.py's own Builder and compares every term, posting and score, to the rounding written here
(tests/lunr_reference.py).  finder.js decodes the strings (`decode` here is its double, for the tests).

The documents' postings are put in buckets of shards as they are added, and written to temporary files past
`SPILL_POSTINGS`; the shards are then written a bucket at a time (`ShardWriter`): memory holds the vocabulary and
one bucket, not every document's terms.
"""

from __future__ import annotations

import math
import tempfile
from array import array
from itertools import chain, groupby
from pathlib import Path
from typing import Callable, Hashable, Mapping, Sequence

__all__ = [
    "ALPHABET",
    "BASE",
    "SCORE_SCALE",
    "TITLE",
    "PLACE",
    "TEXT",
    "encode",
    "decode_numbers",
    "decode",
    "ShardWriter",
]

ALPHABET = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in "\"'\\<")
BASE = len(ALPHABET) // 2
"""45: a digit that ends a number is ALPHABET[d], one followed by more is ALPHABET[BASE + d]."""
assert len(ALPHABET) == 2 * BASE == 90
SCORE_SCALE = 50
"""Scores are written × 50 and rounded: to 0.02, one character below 0.9 (common terms) and two below 40."""
TEXT, PLACE, TITLE = 0, 1, 2
"""Where a term stands in a case: only its text (and themes, keywords), its unit or place, its title."""
K1, B = 1.2, 0.75
"""lunr's BM25 parameters (the defaults of lunr.py's and lunr.js's Builder)."""
SPILL_POSTINGS = 4_000_000
"""Postings a writer holds in memory (48 MB of arrays) before it writes them to its buckets' files."""
BUCKETS = 256
"""Buckets a writer puts its postings in, each a range of shards, read back one at a time: at 100,000 cases
(250 million text postings) about a million postings each."""
_DIGIT = {c: i for i, c in enumerate(ALPHABET)}


def encode(n: int) -> str:
    """A number as base-45 digits, the last one from the alphabet's first half.

    >>> encode(0), encode(44), encode(45), encode(2024)
    ('!', 'P', 'R!', '~P')
    """
    digits = [ALPHABET[n % BASE]]
    n //= BASE
    while n:
        digits.append(ALPHABET[BASE + n % BASE])
        n //= BASE
    return "".join(reversed(digits))


_SHORT = [encode(n) for n in range(BASE**3)]
"""Every number of up to three digits, written once."""


def _enc(n: int) -> str:
    return _SHORT[n] if n < len(_SHORT) else encode(n)


def decode_numbers(text: str) -> list[int]:
    """The numbers of a string of them.

    >>> decode_numbers(encode(0) + encode(2024) + encode(7))
    [0, 2024, 7]
    """
    out, value = [], 0
    for char in text:
        digit = _DIGIT[char]
        if digit < BASE:
            out.append(value * BASE + digit)
            value = 0
        else:
            value = value * BASE + digit - BASE
    return out


def decode(text: str, bigram: bool) -> dict[int, tuple[float, int, tuple[int, ...]]]:
    """A term's postings: case number → (score, field, positions in the title); `bigram` says whether a posting
    in the title carries positions (finder.js's decode)."""
    numbers = iter(decode_numbers(text))
    out: dict[int, tuple[float, int, tuple[int, ...]]] = {}
    ref = -1
    for head in numbers:
        ref += head // 3 + 1
        field, score = head % 3, next(numbers) / SCORE_SCALE
        positions: tuple[int, ...] = ()
        if field == TITLE and bigram:
            positions = tuple(next(numbers) for _ in range(next(numbers)))
        out[ref] = (score, field, positions)
    return out


class _Bucket:
    """The postings of a range of shards, as written by `ShardWriter.add`: (term id, case, count × 4 + field)
    triples in case order, in memory and, past `spill`, in a file of their own; and the positions in the title of
    the title postings that carry them (record number, how many, each)."""

    def __init__(self) -> None:
        self.held = array("I")
        self.records = 0
        self.positions = array("I")
        self.file: Path | None = None

    def spill(self, folder: Path, number: int) -> None:
        if not self.held:
            return
        self.file = self.file or folder / f"{number}.postings"
        with self.file.open("ab") as out:
            self.held.tofile(out)
        self.held = array("I")

    def read(self) -> array:
        """Every triple, and let go of them."""
        triples = array("I")
        if self.file is not None:
            triples.frombytes(self.file.read_bytes())
            self.file.unlink()
        triples.extend(self.held)
        self.held = array("I")
        return triples


class ShardWriter:
    """The shards `keys` of one index, from the documents `add`ed to it (each term goes to the shard `shard_of` says;
    a document's number is its position): `run()` passes each shard's postings, {term: string}, or None for a
    shard without terms, to `emit(key, postings)`.  `bigram(term)` says which terms' title postings carry
    positions; `field` is the field of a posting its document does not mark (TEXT for the text, PLACE for the
    pinyin of titles, units and places).

    Memory holds the vocabulary, each document's length, and `spill` postings: the postings are put, as they come,
    into one of up to `BUCKETS` buckets by their shard (a bucket holds a range of shards), and the buckets are
    written to files in a temporary folder (in `spill_dir`: 3 GB at 100,000 cases, which a /tmp in memory would
    hold in memory) whenever together they hold `spill`; `run()` then reads one bucket at a
    time and writes its shards.  A term's postings are all in its bucket, so its idf is counted there; the length
    of each document, which lunr's BM25 also needs, is counted as it is added.
    """

    def __init__(
        self,
        shard_of: Callable[[str], Hashable],
        keys: Sequence[Hashable],
        emit: Callable[[Hashable, dict[str, str] | None], None],
        bigram: Callable[[str], bool] = lambda term: False,
        field: int = TEXT,
        spill: int = SPILL_POSTINGS,
        spill_dir: Path | None = None,
    ):
        self._keys, self._emit, self._bigram, self._field, self._spill = list(keys), emit, bigram, field, spill
        self._spill_dir = spill_dir
        position = {key: i for i, key in enumerate(self._keys)}
        self._position_of = lambda term: position[shard_of(term)]
        self._buckets = [_Bucket() for _ in range(max(1, min(BUCKETS, len(self._keys))))]
        self._ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._shard = array("I")
        """term id → its shard's position in keys"""
        self._bucket = array("I")
        """term id → its bucket"""
        self._lengths = array("I")
        self._held = 0
        self._folder: tempfile.TemporaryDirectory | None = None

    def _bucket_of(self, shard: int) -> int:
        return shard * len(self._buckets) // len(self._keys)

    def add(self, counts: Mapping[str, int], marks: Mapping[str, tuple[int, tuple[int, ...]]] | None = None) -> None:
        """The next document: term → number of occurrences; `marks`: term → (TITLE or PLACE, positions in the
        title) for the terms that stand there (the others are `field`)."""
        ref = len(self._lengths)
        self._lengths.append(sum(counts.values()))
        ids, shard, buckets, default = self._ids, self._shard, self._buckets, self._field
        marks = marks or {}
        for term, n in counts.items():
            i = ids.get(term)
            if i is None:
                i = ids[term] = len(self._terms)
                self._terms.append(term)
                shard.append(self._position_of(term))
                self._bucket.append(self._bucket_of(shard[i]))
            bucket = buckets[self._bucket[i]]
            field, at = marks.get(term, (default, ()))
            if at:
                bucket.positions.extend((bucket.records, len(at), *at))
            bucket.held.extend((i, ref, n * 4 + field))
            bucket.records += 1
        self._held += len(counts)
        if self._held >= self._spill:
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix=".finder-postings-", dir=self._spill_dir)
            for number, bucket in enumerate(buckets):
                bucket.spill(Path(self._folder.name), number)
            self._held = 0

    def run(self) -> None:
        average = sum(self._lengths) / max(1, len(self._lengths))
        norm = [K1 * (1 - B + B * (length / average)) for length in self._lengths]
        try:
            for number, bucket in enumerate(self._buckets):
                shards = self._bucket_shards(bucket, norm)
                for shard in range(self._first_shard(number), self._first_shard(number + 1)):
                    found = shards.get(shard)
                    self._emit(self._keys[shard], dict(sorted(found.items())) if found else None)
        finally:
            if self._folder is not None:
                self._folder.cleanup()

    def _first_shard(self, bucket: int) -> int:
        """The first shard of a bucket (the shards of bucket b are those s with s × buckets // shards == b)."""
        return -(-bucket * len(self._keys) // len(self._buckets))

    def _bucket_shards(self, bucket: _Bucket, norm: list[float]) -> dict[int, dict[str, str]]:
        """A bucket's shards, by shard: {term: postings}; `norm`, each document's BM25 length term."""
        triples = bucket.read()
        terms, refs, counts = triples[0::3], triples[1::3], triples[2::3]
        del triples
        places = bucket.positions
        positions = {}
        k = 0
        while k < len(places):
            record, n = places[k], places[k + 1]
            positions[record] = tuple(places[k + 2 : k + 2 + n])
            k += 2 + n
        bucket.positions = array("I")
        documents, k1_plus_1 = len(self._lengths), K1 + 1
        out: dict[int, dict[str, str]] = {}
        for term, group in groupby(sorted(range(len(terms)), key=terms.__getitem__), key=terms.__getitem__):
            records = list(group)
            frequency = len(records)
            # lunr.py's idf (lunr/idf.py), over the whole collection
            idf = math.log(1 + abs((documents - frequency + 0.5) / (frequency + 0.5)))
            refs_of = list(map(refs.__getitem__, records))
            counted = list(map(counts.__getitem__, records))
            # lunr.py's expression, operation for operation, then × SCORE_SCALE and rounded (round(score, 3),
            # lunr.py's rounding, first: the scores are the ones lunr.py writes)
            scores = [
                round(round(idf * (k1_plus_1 * (c >> 2)) / (norm[r] + (c >> 2)), 3) * SCORE_SCALE)
                for r, c in zip(refs_of, counted)
            ]
            fields = [c & 3 for c in counted]
            name = self._terms[term]
            at = [positions.get(record, ()) for record in records] if self._bigram(name) else None
            out.setdefault(self._shard[term], {})[name] = _string(refs_of, scores, fields, at)
        return out


def _string(refs: list[int], scores: list[int], fields: list[int], at: list[tuple[int, ...]] | None) -> str:
    """A term's postings (module docstring); `at`, for a bigram, each posting's positions in the title."""
    parts = [_enc(3 * (r - p - 1) + f) + _enc(s) for r, p, f, s in zip(refs, chain((-1,), refs), fields, scores)]
    if at is not None:
        for k, f in enumerate(fields):
            if f == TITLE:
                parts[k] += _enc(len(at[k])) + "".join(map(_enc, at[k]))
    return "".join(parts)
