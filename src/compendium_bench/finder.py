"""Measure the finder against Material's built-in search on the same synthetic cases, in headless Chromium."""

from __future__ import annotations

import os
import statistics
import time
import urllib.parse
from dataclasses import dataclass, field

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Words that occur in the synthetic bodies (taken from real cases), a pinyin place and initials.
QUERIES = [
    "健康",
    "营养",
    "控烟",
    "副校长",
    "高血压",
    "中医药",
    "家庭医生",
    "心理健康",
    "烟",
    "慢性病管理",
    "beijing",
    "guangdong",
    "jkjy",
    "健康 社区",
]


@dataclass
class Measure:
    first_ms: list[float] = field(default_factory=list)
    """Opening the search page with a query (or a filter) until its first results are shown."""
    first_after_dcl_ms: list[float] = field(default_factory=list)
    """The same, from the search page's DOMContentLoaded: the finder's part, the page's own load taken off."""
    first_bytes: list[int] = field(default_factory=list)
    """Everything the search page loaded (the home page's visit before it not counted)."""
    query_ms: list[float] = field(default_factory=list)
    """Typing a query in an open page until its results are shown."""
    query_bytes: list[int] = field(default_factory=list)
    """What a query loaded beyond what the page already had."""
    page_ms: list[float] = field(default_factory=list)
    """A case page of the same site, to DOMContentLoaded: what any page costs on this machine."""

    def row(self) -> dict:
        def median(values):
            return statistics.median(values) if values else float("nan")

        return {
            "case page ms (median)": round(median(self.page_ms)),
            "first result ms (median)": round(median(self.first_ms)),
            "after DOMContentLoaded ms (median)": round(median(self.first_after_dcl_ms)),
            "loaded before first result MB (max)": round(max(self.first_bytes, default=0) / 1e6, 2),
            "query ms (median)": round(median(self.query_ms), 1),
            "query ms (p95)": round(sorted(self.query_ms)[int(0.95 * (len(self.query_ms) - 1))], 1)
            if self.query_ms
            else 0,
            "bytes per query MB (max)": round(max(self.query_bytes, default=0) / 1e6, 2),
        }


class _Bytes:
    """Counts the bytes of every response a page receives."""

    def __init__(self, page):
        self.total = 0
        page.on("response", self._add)

    def _add(self, response):
        try:
            self.total += len(response.body())
        except Exception:  # redirects and aborted requests have no body
            pass


def _dom_content_loaded(page) -> float:
    """When the page's DOMContentLoaded handlers had run, in ms since its navigation started."""
    return page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")


def measure_page(browser, url: str, result: Measure, times: int = 5) -> None:
    for _ in range(times):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url, wait_until="load")
        result.page_ms.append(_dom_content_loaded(page))
        context.close()


def facet_queries(base: str) -> list[dict[str, str]]:
    """Searches with a filter, chosen from the site's meta.js: its first province alone, a word with its newest
    year, a theme alone (the facets' first values: the most cases)."""
    import urllib.request

    from compendium.finder.data import script_data

    with urllib.request.urlopen(base + "finder/data/meta.js") as response:
        meta = script_data(response.read().decode("utf-8"))
    first = {facet["name"]: facet["values"][0]["id"] for facet in meta["facets"] if facet["values"]}
    out = []
    if "region" in first:
        out.append({"region": first["region"]})
    if "year" in first:
        out.append({"q": QUERIES[0], "year": first["year"]})
    if "theme" in first:
        out.append({"theme": first["theme"]})
    return out


def measure_finder(browser, base: str, case_path: str, queries=QUERIES) -> Measure:
    """Opening the finder with a query (the home page visited first, in a fresh browser context, as a reader
    comes from it): until the first results, and the bytes the finder's page loaded; the five first queries and
    the searches with a filter.  Then queries typed into an open page."""
    result = Measure()
    measure_page(browser, base + case_path, result)
    for params in [{"q": query} for query in queries[:5]] + facet_queries(base):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base, wait_until="load")
        counter = _Bytes(page)
        page.goto(base + "finder/?" + urllib.parse.urlencode(params))
        page.wait_for_selector("#cc-finder[data-ready=true]", timeout=120_000)
        ready = page.evaluate("Number(document.getElementById('cc-finder').dataset.readyMs)")
        result.first_ms.append(ready)
        result.first_after_dcl_ms.append(ready - _dom_content_loaded(page))
        page.wait_for_load_state("networkidle")  # the snippets' texts too
        result.first_bytes.append(counter.total)
        context.close()
    context = browser.new_context()
    page = context.new_page()
    counter = _Bytes(page)
    page.goto(base + "finder/")
    page.wait_for_selector("#cc-finder[data-ready=true]", timeout=120_000)
    # meta.js and the first page's lines may still be arriving: count a query's bytes from a quiet page
    page.wait_for_load_state("networkidle")
    for query in queries:
        before = counter.total
        page.fill("#cc-finder-q", query)
        page.wait_for_function(
            "q => document.querySelector('.cc-finder__status').textContent.startsWith('“' + q)",
            arg=query,
            timeout=120_000,
            polling="raf",
        )
        # the finder's own timing, from the search's start (after typing pauses) to its results on screen
        result.query_ms.append(float(page.get_attribute("#cc-finder", "data-search-ms")))
        page.wait_for_load_state("networkidle")
        result.query_bytes.append(counter.total - before)
    context.close()
    return result


def measure_material(browser, base: str, case_path: str, queries=QUERIES) -> Measure:
    """Material's search: type into its box (insert text, then End: Playwright's typing of
    Chinese fires no keyup, which Material listens to) and wait for its first result."""
    result = Measure()
    measure_page(browser, base + case_path, result)

    def ask(page, query):
        box = page.locator(".md-search__input")
        box.click()
        box.fill(query)
        box.press("End")
        page.wait_for_function(
            "q => document.querySelector('.md-search__input').value === q && "
            "/符合条件|没有/.test(document.querySelector('.md-search-result__meta').textContent)",
            arg=query,
            timeout=300_000,
            polling="raf",
        )

    for query in queries[:5]:
        context = browser.new_context()
        page = context.new_page()
        counter = _Bytes(page)
        start = time.perf_counter()
        page.goto(base)
        ask(page, query)
        result.first_ms.append((time.perf_counter() - start) * 1000)
        # from the page's DOMContentLoaded (its navigation started about when `start` was taken)
        result.first_after_dcl_ms.append(result.first_ms[-1] - _dom_content_loaded(page))
        result.first_bytes.append(counter.total)
        context.close()
    context = browser.new_context()
    page = context.new_page()
    counter = _Bytes(page)
    page.goto(base)
    ask(page, "健康")
    page.wait_for_load_state("networkidle")
    for query in queries:
        before = counter.total
        start = time.perf_counter()
        ask(page, query)
        result.query_ms.append((time.perf_counter() - start) * 1000)
        result.query_bytes.append(counter.total - before)
    context.close()
    return result
