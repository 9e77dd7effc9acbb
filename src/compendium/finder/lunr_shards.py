"""Many small lunr indexes at once, in the serialization lunr.js loads (`lunr.Index.load`).

The finder splits its index by term into hundreds of shards, each a lunr
index (see finder/data.py).  lunr.py builds one index at a time, with Python
objects per token and per (document, index) pair: most of the build's cost
(README's benchmark section has the figures).

This writes the same indexes from term counts kept in flat arrays, in one
pass over the documents per batch of shards: lunr.py's model and scoring
(one field `x`, BM25 with k1 = 1.2 and b = 0.75, lunr.py's idf over the whole
collection, scores rounded to three places, an empty pipeline).  A test builds
the same documents with lunr.py's own Builder and compares every term, posting
and score (tests/lunr_reference.py, used by tests/unit/finder/test_data.py and, under
hypothesis, test_properties.py); the browser tests load the result with lunr.js.  Term indexes (`_index`) follow the terms' sorted order in each
shard, where lunr.py numbers them in order of arrival; lunr.js only needs them
consistent within an index.
"""

from __future__ import annotations

import json
import math
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from itertools import accumulate, chain, count, filterfalse, repeat
from typing import Callable, Hashable, Iterable, Mapping, Sequence

__all__ = ["Postings", "ShardBuild", "LUNR_JS_VERSION", "FIELD"]

LUNR_JS_VERSION = "2.3.9"
"""What lunr.py 0.8 writes into `version` (lunr.__TARGET_JS_VERSION__), checked by the test against lunr.py."""
FIELD = "x"
K1, B = 1.2, 0.75
"""lunr's BM25 parameters (the defaults of lunr.py's and lunr.js's Builder)."""
SHARDS_PER_BATCH = 64
"""Shards built per pass over the documents: memory holds one batch of shards' text at a time,
and processes sharing the work take a batch at a time."""


def consume(iterator) -> None:
    """Run an iterator of side effects (map(list.append, …)) at C speed."""
    deque(iterator, maxlen=0)


class Postings:
    """Every document's term counts over one vocabulary, as arrays.

    10,000 cases of 2,500 distinct terms each take a few hundred MB this way,
    against gigabytes as a dict per case.
    """

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.doc_terms: list[array] = []
        self.doc_counts: list[array] = []

    @property
    def terms(self) -> list[str]:
        """The vocabulary, by term id."""
        return list(self._ids)

    def add(self, counts: Mapping[str, int]) -> None:
        """The next document (its ref is its position): term → number of occurrences."""
        ids = self._ids
        new = list(filterfalse(ids.__contains__, counts))
        if new:
            ids.update(zip(new, count(len(ids))))
        self.doc_terms.append(array("I", map(ids.__getitem__, counts)))
        self.doc_counts.append(array("I", counts.values()))

    def __len__(self) -> int:
        return len(self.doc_terms)


class _Layout:
    """Where each term goes: its shard, its `_index` there, its idf; documents re-keyed by rank.

    Ranks number the vocabulary in (shard, term) order, so a document's postings
    sorted by rank come grouped by shard, each group in `_index` order, which is
    how lunr's field vectors are stored.
    """

    def __init__(self, postings: Postings, shard_of: Callable[[str], Hashable], keys: Sequence[Hashable]):
        terms = postings.terms
        position = {key: i for i, key in enumerate(keys)}
        shard = [position[shard_of(t)] for t in terms]
        order = sorted(range(len(terms)), key=lambda i: (shard[i], terms[i]))
        self.terms = [terms[i] for i in order]
        self.shard = array("I", (shard[i] for i in order))
        self.start = array("I", (bisect_left(self.shard, s) for s in range(len(keys) + 1)))
        self.local = array("I", (r - self.start[self.shard[r]] for r in range(len(order))))
        rank_of_id = array("I", bytes(4 * len(order)))
        for rank, i in enumerate(order):
            rank_of_id[i] = rank

        documents = len(postings)
        frequency = Counter()
        for ids in postings.doc_terms:
            frequency.update(ids)
        # lunr.py's idf (lunr/idf.py), over the whole collection: the same in every shard.
        self.idf = [math.log(1 + abs((documents - frequency[i] + 0.5) / (frequency[i] + 0.5))) for i in order]

        lengths = [sum(counts) for counts in postings.doc_counts]
        average = sum(lengths) / max(1, documents)
        self.norm = [K1 * (1 - B + B * (length / average)) for length in lengths]
        self.doc_ranks: list[array] = []
        self.doc_counts: list[array] = []
        for ids, counts in zip(postings.doc_terms, postings.doc_counts):
            by_rank = dict(zip(map(rank_of_id.__getitem__, ids), counts))
            ranks = sorted(by_rank)
            self.doc_ranks.append(array("I", ranks))
            self.doc_counts.append(array("I", map(by_rank.__getitem__, ranks)))


class ShardBuild:
    """The shards `keys` of one index (every term's `shard_of` is one of them), built batch by batch
    by every process that calls `run()`: each passes the lunr JSON of the shards it builds, or None
    for a shard without terms, to `emit(key, json)`.

    The common preparation is done here; the shards are then built a batch at a time, each in one pass
    over the documents.
    """

    def __init__(
        self,
        postings: Postings,
        shard_of: Callable[[str], Hashable],
        keys: Sequence[Hashable],
        emit: Callable[[Hashable, str | None], None],
    ):
        self._layout = _Layout(postings, shard_of, keys)
        self._keys, self._emit = keys, emit

    def run(self) -> None:
        for lo in range(0, len(self._keys), SHARDS_PER_BATCH):
            for shard, text in _build_pass(self._layout, lo, min(len(self._keys), lo + SHARDS_PER_BATCH)):
                self._emit(self._keys[shard], text)


def _build_pass(layout: _Layout, lo: int, hi: int) -> Iterable[tuple[int, str | None]]:
    """Shards lo … hi-1 in one pass over the documents."""
    first, end = layout.start[lo], layout.start[hi]
    vectors: dict[int, list[str]] = defaultdict(list)
    refs_of: defaultdict[int, list[str]] = defaultdict(list)
    idf, local, shard_of_rank = layout.idf, layout.local, layout.shard
    k1_plus_1 = K1 + 1
    for ref, (ranks, counts) in enumerate(zip(layout.doc_ranks, layout.doc_counts)):
        a, b = bisect_left(ranks, first), bisect_left(ranks, end)
        if a == b:
            continue
        ranks, counts = ranks[a:b], counts[a:b]
        norm = layout.norm[ref]
        # lunr.py's expression, operation for operation, and its rounding: "%.3f" writes the three
        # decimals that round(score, 3) keeps (both round correctly), at a third of the cost of both
        scores = [idf[r] * (k1_plus_1 * c) / (norm + c) for r, c in zip(ranks, counts)]
        pieces = list(map("%d,%.3f".__mod__, zip(map(local.__getitem__, ranks), scores)))
        # One field vector per shard the document has terms in; the shards come in order, as ranks are
        # sorted.  Chained maps, not a loop: at 5,000 cases there are 7 million (document, shard) pairs.
        sizes = Counter(map(shard_of_rank.__getitem__, ranks))
        ends = list(accumulate(sizes.values()))
        vector = f'["{FIELD}/{ref}",[{{}}]]'.format
        parts = map(",".join, map(pieces.__getitem__, map(slice, chain((0,), ends), ends)))
        consume(map(list.append, map(vectors.__getitem__, sizes), map(vector, parts)))
        consume(map(list.append, map(refs_of.__getitem__, ranks), repeat(f'"{ref}":{{}}')))
    for shard in range(lo, hi):
        start, stop = layout.start[shard], layout.start[shard + 1]
        if start == stop:
            yield shard, None
            continue
        inverted = ",".join(
            f'[{json.dumps(layout.terms[r], ensure_ascii=False)},{{"{FIELD}":{{{",".join(refs_of.pop(r))}}},'
            f'"_index":{r - start}}}]'
            for r in range(start, stop)
        )
        yield (
            shard,
            (
                f'{{"version":"{LUNR_JS_VERSION}","fields":["{FIELD}"],'
                f'"fieldVectors":[{",".join(vectors.pop(shard, ()))}],"invertedIndex":[{inverted}],'
                f'"pipeline":[]}}'
            ),
        )
