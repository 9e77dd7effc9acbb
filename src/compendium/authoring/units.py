"""Units whose region an editor has given once, known to every later import and to new_case.py.

Most units say where they are (吉林省长春市中医院); a university's hospital does not (北京大学第三医院 is in 北京市
海淀区).  An editor gives such a unit its region once: in a case's front matter, or in content/_data/units.yml
(which `scripts/update_units.py` fills from the cases).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from compendium.model.regions import Region
from compendium.model.taxonomy import Taxonomy

__all__ = ["known_units", "units_from_cases"]

_FRONT = re.compile(r"\A---\n(.*?)\n---", re.S)


def _case_units(content_dir: Path, taxonomy: Taxonomy) -> dict[str, tuple[Region, ...]]:
    """Each unit of the content folder's cases with the region its (first) case gives."""
    found: dict[str, tuple[Region, ...]] = {}
    for path in sorted((content_dir / "cases").rglob("*.md")) if (content_dir / "cases").is_dir() else []:
        if not path.is_file():
            continue
        front = _FRONT.match(path.read_text("utf-8", errors="replace"))
        try:
            meta = yaml.safe_load(front.group(1)) if front else None
        except yaml.YAMLError:
            continue  # the content check names it
        if (
            not isinstance(meta, dict)
            or not isinstance(meta.get("unit"), str)
            or not isinstance(meta.get("region"), list)
        ):
            continue
        if region := _region_path(taxonomy, meta["region"]):
            found.setdefault(meta["unit"].strip(), region)
    return found


def _region_path(taxonomy: Taxonomy, names: list) -> tuple[Region, ...]:
    path: list[Region] = []
    for name in names:
        region = taxonomy.regions.child_by_name(path[-1].code if path else None, str(name).strip())
        if region is None:
            return ()
        path.append(region)
    return tuple(path)


def known_units(content_dir: Path, taxonomy: Taxonomy) -> dict[str, tuple[Region, ...]]:
    """Units whose region an editor has given: in every case of the content folder, and in units.yml (which wins)."""
    return {**_case_units(content_dir, taxonomy), **taxonomy.units}


def units_from_cases(content_dir: Path, taxonomy: Taxonomy) -> dict[str, tuple[Region, ...]]:
    """The units whose name does not say all of their region (infer finds less than the case gives), with it:
    what units.yml needs, so that an import knows them without their cases."""
    out = {}
    for unit, region in _case_units(content_dir, taxonomy).items():
        inferred, _ = taxonomy.regions.infer(unit)
        if len(inferred) < len(region) or list(inferred) != list(region[: len(inferred)]):
            out[unit] = region
    return out
