"""What a page gives to those who share and cite it: a description, a GB/T 7714-2015 citation, schema.org
JSON-LD and a QR code of its address (for WeChat, which opens addresses from a scanned code).

Absolute addresses exist only where the site's address is configured (`site_url`); without it (a bundle
opened from file://) citations leave out the address and no QR code is drawn.  Every text here comes from
front matter, so it is untrusted: JSON-LD is made safe inside <script>, and templates escape the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache

import segno

from compendium.model.compendium import DESCRIPTION_LENGTH, Case, Compendium, Notice
from compendium.text.reflow import one_line

__all__ = [
    "notice_description",
    "citation",
    "citation_parts",
    "case_json_ld",
    "dataset_json_ld",
    "script_json",
    "qr_svg",
]


def notice_description(notice: Notice) -> str:
    what = "、".join(notice.issuers) + (f"{notice.doc_number}" if notice.doc_number else "")
    return one_line(f"{notice.title}（{what}）" if what else notice.title, DESCRIPTION_LENGTH)


def _published(case: Case, compendium: Compendium) -> str:
    """The date the case was published: its own, its notice's, or its year."""
    notice = compendium.notice_for(case.collection)
    day = case.date or (notice.date if notice else None)
    return day.isoformat() if day else str(case.year)


DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
"""A citation's dates (GB/T 7714: 2021-02-23), which a line never breaks inside."""


def citation_parts(text: str) -> list[dict]:
    """The citation in parts, its dates apart (`whole`: kept on one line where it wraps)."""
    return [{"text": part, "whole": bool(DATE.fullmatch(part))} for part in DATE.split(text) if part]


def citation(case: Case, compendium: Compendium, *, url: str | None, accessed: dt.date) -> str:
    """GB/T 7714-2015, an analytic item of an online collection:
    单位. 题名[EB/OL]//发文机关. 汇编题名. (发布日期)[引用日期]. 地址."""
    issuers = "，".join(compendium.issuers_of(case.collection))
    text = f"{case.unit}. {case.title}[EB/OL]//"
    text += f"{issuers}. " if issuers else ""
    text += f"{case.collection.title}. ({_published(case, compendium)})[{accessed.isoformat()}]."
    return text + (f" {url}." if url else "")


def case_json_ld(case: Case, compendium: Compendium, *, url: str | None, collection_url: str | None) -> dict:
    """schema.org: the case is an Article by its unit, part of its collection, about its place and themes."""
    issuers = compendium.issuers_of(case.collection)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case.title,
        "name": f"{case.number_label} {case.title}",
        "author": {"@type": "Organization", "name": case.unit},
        "datePublished": _published(case, compendium),
        "inLanguage": "zh-CN",
        "description": case.description,
        "keywords": [t.name for t in case.themes] + list(case.keywords),
        "contentLocation": {"@type": "Place", "name": case.region_label},
        "position": case.number,
        "isPartOf": {
            "@type": "CreativeWork",
            "name": case.collection.title,
            "datePublished": str(case.collection.year),
            "publisher": [{"@type": "GovernmentOrganization", "name": name} for name in issuers],
        },
    }
    if url:
        data["url"] = data["@id"] = url
    if collection_url:
        data["isPartOf"]["url"] = collection_url
    return data


def dataset_json_ld(name: str, description_text: str, *, url: str | None, files: dict[str, str]) -> dict:
    """schema.org: every case's metadata as a Dataset, with its files (format → address)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{name}：案例数据",
        "description": description_text,
        "inLanguage": "zh-CN",
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": address} for kind, address in files.items()
        ],
    }
    if url:
        data["url"] = url
    return data


def script_json(value) -> str:
    """JSON to put inside <script>: no '<' (no '</script>' can end it early), no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


@lru_cache(maxsize=20_000)
def qr_svg(url: str, title: str) -> str:
    """The address as a QR code, inline SVG with a title (segno; error correction M, dark on white).

    Kept for the next build: segno takes 2–10 ms a code (it tries the eight masks), and `make serve` builds every
    case's page data after each save (10 s of a 1,000-case rebuild, under serve's site_url, before)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=3, border=2, dark="#000", light="#fff", title=title, svgclass="cc-qr__svg")
    return svg.replace("<svg ", '<svg role="img" ', 1)  # its <title> (escaped by segno) is its name
