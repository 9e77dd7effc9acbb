"""Units whose region an editor has given once, known to every later import and to new_case.py.

Most units say where they are (吉林省长春市中医院); a university's hospital does not (北京大学第三医院 is in 北京市
海淀区).  An editor gives such a unit its region once: in a case's front matter, or in content/_data/units.yml
(which `scripts/update_units.py` fills from the cases).
"""

from __future__ import annotations

from compendium.authoring.existing import ExistingCase
from compendium.model.regions import Region
from compendium.model.taxonomy import Taxonomy

__all__ = ["known_units", "units_from_cases"]


def _case_units(cases: list[ExistingCase], taxonomy: Taxonomy) -> dict[str, tuple[Region, ...]]:
    """Each unit of the cases with the region its (first) case gives."""
    found: dict[str, tuple[Region, ...]] = {}
    for case in cases:
        unit, names = case.meta.get("unit"), case.meta.get("region")
        if not isinstance(unit, str) or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            continue  # the content check names it
        path, missing = taxonomy.regions.walk(names)
        if path and missing is None:
            found.setdefault(unit.strip(), tuple(path))
    return found


def known_units(cases: list[ExistingCase], taxonomy: Taxonomy) -> dict[str, tuple[Region, ...]]:
    """Units whose region an editor has given: in the content folder's cases, and in units.yml (which wins)."""
    return {**_case_units(cases, taxonomy), **taxonomy.units}


def units_from_cases(cases: list[ExistingCase], taxonomy: Taxonomy) -> dict[str, tuple[Region, ...]]:
    """The units whose name does not say all of their region (infer finds less than the case gives), with it:
    what units.yml needs, so that an import knows them without their cases."""
    out = {}
    for unit, region in _case_units(cases, taxonomy).items():
        inferred, _ = taxonomy.regions.infer(unit)
        if len(inferred) < len(region) or list(inferred) != list(region[: len(inferred)]):
            out[unit] = region
    return out
