"""Whether a built site is self-contained: what its pages and styles would load from outside it.

The offline bundle is opened from file:// at conferences, often with no
network; a page that loads an image or a script from a host leaks that the
bundle was opened (and fails).  URLs are read the way browsers read them, not
by a pattern: any scheme (`https:evil.example/x.png` has no '//' and still
goes to the host), backslashes as slashes, tabs and newlines dropped,
protocol-relative (`//host`) and root-relative (`/path`) URLs, `srcset`
lists, and `url()` / `@import` in styles.  Links a reader clicks (`<a href>`)
are not loads and may go anywhere.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["loads_from_outside", "outside_loads", "check_offline"]

# Attributes that make a browser fetch something when the page loads, by element ('*': any element).
_LOADING = {
    "*": ("src", "srcset", "poster", "background", "data"),
    "link": ("href",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "base": ("href",),  # changes where every relative URL of the page goes
}
_NAVIGATION_ONLY = {"a", "area", "form"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_INLINE_SCHEMES = {"data"}
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def loads_from_outside(url: str) -> bool:
    """Whether loading `url` from a page of the bundle would reach outside the bundle."""
    # What the URL parser does first: strip leading and trailing C0 controls and spaces, drop tabs and
    # newlines anywhere; for file: and http(s): pages a backslash is a slash.
    cleaned = re.sub(r"[\t\n\r]", "", url.strip(_C0_AND_SPACE)).replace("\\", "/")
    if match := _SCHEME.match(cleaned):
        return match.group(1).lower() not in _INLINE_SCHEMES
    return cleaned.startswith("/")


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in re.split(r",\s+", value) if candidate.strip()]


class _LoadFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (where, url)
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        self._in_style = tag == "style"
        if tag in _NAVIGATION_ONLY:
            return
        loading = _LOADING["*"] + _LOADING.get(tag, ())
        for name, value in attrs:
            if value is None:
                continue
            name = name.lower()
            if name == "style":
                self.urls += [(f"<{tag} style>", url) for url in css_urls(value)]
            elif name in ("srcset", "imagesrcset"):
                self.urls += [(f"<{tag} {name}>", url) for url in _srcset_urls(value)]
            elif name in loading:
                self.urls.append((f"<{tag} {name}>", value))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += [("<style>", url) for url in css_urls(data)]


def css_urls(text: str) -> list[str]:
    return [next(group for group in match.groups() if group is not None) for match in _CSS_URL.finditer(text)]


def outside_loads(html_text: str) -> list[tuple[str, str]]:
    """(where, url) of everything an HTML page would load from outside the bundle."""
    finder = _LoadFinder()
    finder.feed(html_text)
    finder.close()
    return [(where, url) for where, url in finder.urls if loads_from_outside(url)]


def check_offline(site: Path) -> list[str]:
    """Problems that keep a built site from working as a bundle: outside loads, and non-ASCII file names."""
    problems = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not rel.isascii() or any(ord(c) < 0x20 for c in rel):
            problems.append(f"{rel!r}: file name is not plain ASCII")
        if path.suffix == ".html":
            found = outside_loads(path.read_text("utf-8", errors="replace"))
        elif path.suffix == ".css":
            found = [
                ("url()", url) for url in css_urls(path.read_text("utf-8", errors="replace")) if loads_from_outside(url)
            ]
        else:
            continue
        problems += [f"{rel}: {where} loads from outside the bundle: {url[:120]}" for where, url in found]
    return problems
