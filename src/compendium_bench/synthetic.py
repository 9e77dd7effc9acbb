"""Synthetic but realistic compendiums for benchmarks and scale tests.

Bodies are built from the sentences of the real 2021 cases shipped in
`content/_sources/`, shuffled with a fixed seed; themes, provinces, cities,
years and collections are spread as in real archives (a few large provinces,
many small ones; batches of 30–120 cases).  Everything generated passes the
content checks.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from compendium.authoring.notice_import import parse_notice
from compendium.content.vocabularies import DATA_DIR, load_taxonomy
from compendium.model.regions import Region
from compendium.text.numerals import chinese_number
from compendium.text.pinyin import slug_words, text_syllables
from compendium.text.punctuation import to_full_width

__all__ = ["generate_content"]

_TOPICS = [
    "健康促进",
    "慢病管理",
    "控烟",
    "营养",
    "心理健康",
    "妇幼保健",
    "中医药",
    "健康教育",
    "家庭医生",
    "智慧医疗",
    "医养结合",
    "爱国卫生",
    "全民健身",
    "健康科普",
    "学校卫生",
    "职业健康",
    "传染病防控",
    "健康社区",
]
_UNITS = [
    "人民医院",
    "中医医院",
    "妇幼保健院",
    "疾病预防控制中心",
    "卫生健康委员会",
    "社区卫生服务中心",
    "中心医院",
    "第一人民医院",
    "儿童医院",
    "精神卫生中心",
]


def _sentences(source_dir: Path) -> list[str]:
    """The 2021 notice's sentences, with their punctuation as an editor publishes it (GB/T 15834: the source's
    half-width brackets and commas in Chinese text set full-width, as `make check` asks)."""
    text = (source_dir / "gjtwbh-2021-3.txt").read_text("utf-8")
    bodies = "".join(re.sub(r"[#*\s\\]", "", to_full_width(c.body)) for c in parse_notice(text).cases)
    return [s for s in re.findall(r"[^。！？]+[。！？]", bodies) if 12 <= len(s) <= 160]


def generate_content(target: Path, count: int, *, source: Path, seed: int = 2024, per_collection: int = 80) -> Path:
    """Write a content folder of `count` cases into `target`, with the vocabularies of `source`."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    (target / DATA_DIR).mkdir(parents=True)
    for name in ("themes.yml", "regions.yml"):
        shutil.copy(source / DATA_DIR / name, target / DATA_DIR / name)
    taxonomy = load_taxonomy(source)
    sentences = _sentences(source / "_sources")
    leaves = [t for t in taxonomy.themes.values() if not any(c.parent == t.id for c in taxonomy.themes.values())]
    provinces = [p for p in taxonomy.regions.provinces() if taxonomy.regions.children(p.code)][:31]
    weights = [rng.paretovariate(1.2) for _ in provinces]

    collections = []
    years = list(range(2016, 2026))
    for i in range(max(1, -(-count // per_collection))):
        year = years[i % len(years)]
        cid = f"synthetic-{year}-{i + 1}"
        collections.append(
            {
                "id": cid,
                "title": f"{year}年{rng.choice(_TOPICS)}典型案例（第{chinese_number(i + 1)}批）",
                "year": year,
                "notice": cid,
                "full_text": True,
                "issuers": ["某某委员会办公室"],
            }
        )
    (target / DATA_DIR / "collections.yml").write_text(
        yaml.safe_dump(collections, allow_unicode=True, sort_keys=False), "utf-8"
    )

    for collection in collections:
        notice = (
            f"---\ntitle: 关于推介{collection['title']}的通知\ndoc_number: 某办函〔{collection['year']}〕"
            f"{rng.randint(1, 300)}号\nissuers: [某某委员会办公室]\ndate: {collection['year']}-06-30\nkind: 通知\n"
            f"collection: {collection['id']}\n---\n\n" + "".join(rng.sample(sentences, 6)) + "\n"
        )
        (target / "notices").mkdir(exist_ok=True)
        (target / "notices" / f"{collection['id']}.md").write_text(notice, "utf-8")

    seen: set[tuple[str, str]] = set()
    for n in range(count):
        collection = collections[n // per_collection]
        province: Region = rng.choices(provinces, weights)[0]
        cities = taxonomy.regions.children(province.code)
        city = rng.choice(cities)
        unit = f"{province.name}{city.name}{rng.choice(_UNITS)}"
        topic = rng.choice(_TOPICS)
        title = f"{rng.choice(['创新', '深化', '推进', '打造', '构建'])}{topic}{rng.choice(['新模式', '服务体系', '工作机制', '品牌', '示范区'])}"
        while (unit, title) in seen:  # a unit does not publish the same title twice
            title = f"{rng.choice(_TOPICS)}与{title}"
        seen.add((unit, title))
        themes = rng.sample(leaves, rng.choice([1, 1, 2, 3]))
        paragraphs = []
        length = 0
        goal = rng.randint(2000, 3000)
        while length < goal:
            paragraph = "".join(rng.sample(sentences, rng.randint(2, 5)))
            paragraphs.append(paragraph)
            length += len(paragraph)
        body = (
            f"{unit}围绕{topic}开展工作。\n\n## 一、主要做法\n\n"
            + "\n\n".join(paragraphs[:-1])
            + "\n\n## 二、推进成效\n\n"
            + paragraphs[-1]
            + "\n"
        )
        meta = {
            "title": title,
            "unit": unit,
            "region": [province.name, city.name],
            "year": collection["year"],
            "themes": [taxonomy.qualified_name(t) for t in themes],
            "collection": collection["id"],
            "number": n % per_collection + 1,
        }
        front = "\n".join(
            yaml.safe_dump(
                {k: v}, allow_unicode=True, width=1000, default_flow_style=None if isinstance(v, list) else False
            ).rstrip()
            for k, v in meta.items()
        )
        folder = target / "cases" / collection["id"]
        folder.mkdir(parents=True, exist_ok=True)
        slug = f"{slug_words(text_syllables(city.short_name))[:20]}-{n + 1}"
        (folder / f"{slug}.md").write_text(f"---\n{front}\n---\n\n{body}", "utf-8")
    return target
