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

The shards are written in passes over the documents, each for the shards whose postings fit `BATCH_POSTINGS`:
memory holds one batch's postings at a time.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter, deque
from itertools import chain, count, filterfalse, repeat
from typing import Callable, Hashable, Iterable, Mapping, Sequence

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
    "Postings",
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
BATCH_POSTINGS = 4_000_000
"""Postings held per pass over the documents (about 150 MB of Python lists)."""
_DIGIT = {c: i for i, c in enumerate(ALPHABET)}
_EMPTY = array("I")


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


def consume(iterator) -> None:
    """Run an iterator of side effects (map(list.append, …)) at C speed."""
    deque(iterator, maxlen=0)


class Postings:
    """Every document's term counts over one vocabulary, as arrays, and where its marked terms stand.

    100,000 cases of 2,500 distinct terms each take gigabytes as a dict per case; arrays, a quarter of that.
    """

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.doc_terms: list[array] = []
        self.doc_counts: list[array] = []
        self.doc_marks: list[dict[int, tuple[int, tuple[int, ...]]]] = []

    @property
    def terms(self) -> list[str]:
        """The vocabulary, by term id."""
        return list(self._ids)

    def add(self, counts: Mapping[str, int], marks: Mapping[str, tuple[int, tuple[int, ...]]] | None = None) -> None:
        """The next document (its number is its position): term → number of occurrences; `marks`: term →
        (TITLE or PLACE, positions in the title) for the terms that stand there (the others are TEXT)."""
        ids = self._ids
        new = list(filterfalse(ids.__contains__, counts))
        if new:
            ids.update(zip(new, count(len(ids))))
        self.doc_terms.append(array("I", map(ids.__getitem__, counts)))
        self.doc_counts.append(array("I", counts.values()))
        self.doc_marks.append({ids[t]: mark for t, mark in (marks or {}).items() if t in counts})

    def __len__(self) -> int:
        return len(self.doc_terms)


class _Layout:
    """Where each term goes: its shard, its idf; documents re-keyed by rank (the vocabulary numbered in (shard, term)
    order, so that a document's postings sorted by rank come grouped by shard)."""

    def __init__(self, postings: Postings, shard_of: Callable[[str], Hashable], keys: Sequence[Hashable]):
        terms = postings.terms
        position = {key: i for i, key in enumerate(keys)}
        shard = [position[shard_of(t)] for t in terms]
        order = sorted(range(len(terms)), key=lambda i: (shard[i], terms[i]))
        self.terms = [terms[i] for i in order]
        self.shard = array("I", (shard[i] for i in order))
        self.start = array("I", (bisect_left(self.shard, s) for s in range(len(keys) + 1)))
        rank_of_id = array("I", bytes(4 * len(order)))
        for rank, i in enumerate(order):
            rank_of_id[i] = rank

        documents = len(postings)
        frequency = Counter()
        for ids in postings.doc_terms:
            frequency.update(ids)
        self.frequency = array("I", (frequency[i] for i in order))
        # lunr.py's idf (lunr/idf.py), over the whole collection: the same in every shard.
        self.idf = [math.log(1 + abs((documents - frequency[i] + 0.5) / (frequency[i] + 0.5))) for i in order]

        lengths = [sum(counts) for counts in postings.doc_counts]
        average = sum(lengths) / max(1, documents)
        self.norm = [K1 * (1 - B + B * (length / average)) for length in lengths]
        self.doc_ranks: list[array] = []
        self.doc_counts: list[array] = []
        self.doc_marks: list[list[tuple[int, int, tuple[int, ...]]]] = []
        # each document's arrays let go of as soon as they are re-keyed: the postings are not read again, and at
        # 100,000 cases they and their re-keyed copy would be two gigabytes each
        for i in range(documents):
            ids, counts, marks = postings.doc_terms[i], postings.doc_counts[i], postings.doc_marks[i]
            postings.doc_terms[i] = postings.doc_counts[i] = _EMPTY
            postings.doc_marks[i] = {}
            by_rank = dict(zip(map(rank_of_id.__getitem__, ids), counts))
            ranks = sorted(by_rank)
            self.doc_ranks.append(array("I", ranks))
            self.doc_counts.append(array("I", map(by_rank.__getitem__, ranks)))
            self.doc_marks.append(sorted((rank_of_id[term], field, at) for term, (field, at) in marks.items()))

    def batches(self) -> Iterable[tuple[int, int]]:
        """Ranges of shards whose postings together fit BATCH_POSTINGS (a shard bigger than that alone)."""
        lo, held = 0, 0
        for shard in range(len(self.start) - 1):
            size = sum(self.frequency[self.start[shard] : self.start[shard + 1]])
            if held and held + size > BATCH_POSTINGS:
                yield lo, shard
                lo, held = shard, 0
            held += size
        yield lo, len(self.start) - 1


class ShardWriter:
    """The shards `keys` of one index (every term's `shard_of` is one of them), from `postings`, which it uses up:
    `run()` passes each shard's postings, {term: string}, or None for a shard without terms, to
    `emit(key, postings)`.  `bigram(term)` says
    which terms' title postings carry positions; `field` is the field of a posting its document does not mark
    (TEXT for the text, PLACE for the pinyin of titles, units and places)."""

    def __init__(
        self,
        postings: Postings,
        shard_of: Callable[[str], Hashable],
        keys: Sequence[Hashable],
        emit: Callable[[Hashable, dict[str, str] | None], None],
        bigram: Callable[[str], bool] = lambda term: False,
        field: int = TEXT,
    ):
        self._layout = _Layout(postings, shard_of, keys)
        self._keys, self._emit, self._bigram, self._field = keys, emit, bigram, field

    def run(self) -> None:
        for lo, hi in self._layout.batches():
            for shard, postings in self._pass(lo, hi):
                self._emit(self._keys[shard], postings)

    def _pass(self, lo: int, hi: int) -> Iterable[tuple[int, dict[str, str] | None]]:
        """Shards lo … hi-1 in one pass over the documents."""
        layout = self._layout
        first, end = layout.start[lo], layout.start[hi]
        refs_of: list[list[int]] = [[] for _ in range(end - first)]
        scores_of: list[list[int]] = [[] for _ in range(end - first)]
        marks_of: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
        idf = layout.idf
        k1_plus_1 = K1 + 1
        for ref, (ranks, counts, marks) in enumerate(zip(layout.doc_ranks, layout.doc_counts, layout.doc_marks)):
            a, b = bisect_left(ranks, first), bisect_left(ranks, end)
            if a == b:
                continue
            ranks, counts = ranks[a:b], counts[a:b]
            norm = layout.norm[ref]
            # lunr.py's expression, operation for operation, then × SCORE_SCALE and rounded (round(score, 3),
            # lunr.py's rounding, first: the scores are the ones lunr.py writes)
            scores = [
                round(round(idf[r] * (k1_plus_1 * c) / (norm + c), 3) * SCORE_SCALE) for r, c in zip(ranks, counts)
            ]
            slots = [r - first for r in ranks]
            consume(map(list.append, map(refs_of.__getitem__, slots), repeat(ref)))
            consume(map(list.append, map(scores_of.__getitem__, slots), scores))
            # marks are sorted by rank: those of this pass's shards are one slice
            for rank, field, at in marks[bisect_left(marks, (first,)) : bisect_left(marks, (end,))]:
                marks_of.setdefault(rank - first, []).append((len(refs_of[rank - first]) - 1, field, at))
        for shard in range(lo, hi):
            start, stop = layout.start[shard], layout.start[shard + 1]
            if start == stop:
                yield shard, None
                continue
            out = {}
            for rank in range(start, stop):
                term, slot = layout.terms[rank], rank - first
                out[term] = self._string(refs_of[slot], scores_of[slot], marks_of.get(slot, ()), self._bigram(term))
                refs_of[slot] = scores_of[slot] = []
            yield shard, out

    def _string(self, refs: list[int], scores: list[int], marks, bigram: bool) -> str:
        field = self._field
        gaps = [3 * (r - p - 1) + field for r, p in zip(refs, chain((-1,), refs))]
        parts = [_enc(g) + _enc(s) for g, s in zip(gaps, scores)]
        for k, mark, at in marks:
            extra = _enc(len(at)) + "".join(map(_enc, at)) if mark == TITLE and bigram else ""
            parts[k] = _enc(gaps[k] - field + mark) + _enc(scores[k]) + extra
        return "".join(parts)
