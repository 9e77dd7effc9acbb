"""lunr.py as the reference for the finder's postings (compendium.finder.postings), shared by its tests."""

from __future__ import annotations

import json

from compendium.finder.data import shard_of
from compendium.finder.postings import SCORE_SCALE, SPILL_POSTINGS, ShardWriter, decode


def lunr_py_index(docs: list[dict[str, int]]) -> dict:
    """The reference: lunr.py's own Builder over the same documents (tokens given as lists), empty pipeline."""
    from lunr.builder import Builder

    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("i")
    builder.field("x")
    for ref, counts in enumerate(docs):
        builder.add({"i": str(ref), "x": [t for t, n in counts.items() for _ in range(n)]})
    return json.loads(json.dumps(builder.build().serialize()))


def scores_of(index: dict) -> dict[str, dict[str, float]]:
    """{term: {ref: score}} read from a serialized lunr index, checking that it is well formed on the way."""
    assert index["fields"] == ["x"] and index["pipeline"] == []
    terms = [term for term, _ in index["invertedIndex"]]
    assert terms == sorted(terms), "lunr.js builds its token set from terms in sorted order"
    term_of = {posting["_index"]: term for term, posting in index["invertedIndex"]}
    assert len(term_of) == len(terms), "every term has its own _index"
    scores: dict[str, dict[str, float]] = {term: {} for term in terms}
    for field_ref, elements in index["fieldVectors"]:
        field, ref = field_ref.split("/")
        positions = elements[::2]
        assert field == "x" and positions == sorted(positions), "lunr.js looks up vector elements by bisection"
        for position, score in zip(positions, elements[1::2]):
            scores[term_of[position]][ref] = score
    for term, posting in index["invertedIndex"]:
        assert set(posting["x"]) == set(scores[term]), f"{term}: postings and field vectors disagree"
        assert all(value == {} for value in posting["x"].values())
    return scores


def sharded(
    docs: list[dict[str, int]], shards: int, spill: int = SPILL_POSTINGS
) -> dict[int, dict[str, dict[str, float]] | None]:
    """The documents' postings written in shards, read back: {shard: {term: {ref: score}}} (None: a shard without
    terms); `spill`: the postings the writer holds before it writes them to its files."""
    written: dict[int, dict | None] = {}

    def emit(key, terms):
        written[key] = (
            None
            if terms is None
            else {
                t: {str(ref): score for ref, (score, _, _) in decode(text, False).items()} for t, text in terms.items()
            }
        )

    writer = ShardWriter(lambda term: shard_of(term, shards), range(shards), emit, spill=spill)
    for counts in docs:
        writer.add(counts)
    writer.run()
    return written


def rounded(scores: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """lunr.py's scores as the postings write them (× SCORE_SCALE, rounded)."""
    return {
        t: {ref: round(score * SCORE_SCALE) / SCORE_SCALE for ref, score in refs.items()} for t, refs in scores.items()
    }
