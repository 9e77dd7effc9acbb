"""The orders in which cases, collections and notices are listed, each named once.

Every listing uses one of these by name, so that "collection order" means
the same on the site, in the finder, in cases.json and in the print book.
Each is a sort key: `sorted(cases, key=newest_first)`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the model's modules import this one
    from compendium.model.compendium import Case, Notice
    from compendium.model.taxonomy import Collection

__all__ = ["newest_first", "as_published", "within_collection", "collections_newest_first", "notices_newest_first"]


def within_collection(case: Case) -> tuple:
    """A collection's own order: by its number (案例一, 案例二 …), then by file name."""
    return (case.number, case.slug)


def newest_first(case: Case) -> tuple:
    """Newest collection first, each in its own order: the order readers browse in."""
    return (-case.collection.year, case.collection.id, case.number)


def as_published(case: Case) -> tuple:
    """Oldest collection first, each in its own order: the order of record (cases.json, cases.csv)."""
    return (case.collection.year, case.collection.id, case.number)


def collections_newest_first(collection: Collection) -> tuple:
    """Newest collection first, then by id: the order readers expect in a list of batches."""
    return (-collection.year, collection.id)


def notices_newest_first(notice: Notice) -> tuple:
    """Newest notice first; a notice with no date last."""
    return (-(notice.date or dt.date.min).toordinal(),)
