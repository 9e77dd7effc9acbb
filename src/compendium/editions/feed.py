"""`feed.xml`: an Atom feed (RFC 4287) of the cases, newest collection first, for readers who follow the
compendium in a feed reader.  Written with ElementTree, which escapes every text it is given."""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from typing import Callable

from compendium.model.compendium import Case, Compendium
from compendium.model.ordering import collections_newest_first, within_collection
from compendium.site.paths import FEED
from compendium.text.lines import FORBIDDEN_CHARACTERS

__all__ = ["atom_feed", "FEED_ENTRIES"]

FEED_ENTRIES = 200
"""The newest cases in the feed; the site and cases.json have them all."""
ATOM = "http://www.w3.org/2005/Atom"


def _when(case: Case, compendium: Compendium) -> str:
    notice = compendium.notice_for(case.collection)
    day = case.date or (notice.date if notice else None) or dt.date(case.year, 1, 1)
    return f"{day.isoformat()}T00:00:00+08:00"


def atom_feed(compendium: Compendium, url_of: Callable[[str], str], *, site_name: str, site_url: str | None) -> str:
    """The feed's XML; links are absolute where the site's address is known, else relative to the feed."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    order = {
        c.id: i for i, c in enumerate(sorted(compendium.taxonomy.collections.values(), key=collections_newest_first))
    }
    cases = sorted(compendium.cases, key=lambda c: (order[c.collection.id], within_collection(c)))[:FEED_ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})

    def add(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        # ElementTree escapes markup but writes what XML forbids (U+000B, U+FFFE …) as it is, and a feed holding
        # one is rejected whole by every reader: those characters are left out (the check refuses them in
        # content; this holds for any text that reaches the feed).
        attrs = {name: FORBIDDEN_CHARACTERS.sub("", value) for name, value in attrs.items()}
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = FORBIDDEN_CHARACTERS.sub("", text)
        return element

    # Stable ids that do not depend on where the site is published (a moved site keeps its feed's ids).
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "compendium:" + site_name)
    add(feed, "id", f"urn:uuid:{namespace}")
    add(feed, "title", site_name)
    add(feed, "updated", max((_when(c, compendium) for c in cases), default="1970-01-01T00:00:00+08:00"))
    add(feed, "link", rel="self", href=base + FEED)
    add(feed, "link", rel="alternate", type="text/html", href=base or "./")
    add(add(feed, "author"), "name", site_name)
    for case in cases:
        entry = add(feed, "entry")
        add(entry, "id", f"urn:uuid:{uuid.uuid5(namespace, case.path)}")
        add(entry, "title", f"{case.number_label} {case.title}")
        add(entry, "link", rel="alternate", type="text/html", href=base + url_of(case.path))
        add(entry, "updated", _when(case, compendium))
        add(add(entry, "author"), "name", case.unit)
        add(entry, "summary", case.description)
        add(entry, "category", term=case.collection.id, label=case.collection.title, scheme="collection")
        for theme in case.themes:
            add(entry, "category", term=theme.id, label=theme.name, scheme="theme")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
