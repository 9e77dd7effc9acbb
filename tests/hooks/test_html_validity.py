"""Every page of the fixture compendium's site is valid HTML by the Nu HTML Checker (vnu.jar from the npm registry, run with
Java; scripts/node_deps.sh installs it, `make test` runs it), but for three errors of Material's own templates
that the compendium does not render (named below, each matched exactly).  Hosted and file:// builds both."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / ".cache" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off".
    re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
    # partials/nav-item.html: section labels carry tabindex="" where a section has no index page.
    re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
    # partials/toc.html: the toc's label points at the __toc toggle, which nav.html draws only for pages in the nav.
    re.compile(
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.$"
    ),
]


def _errors(site) -> list[str]:
    if shutil.which("java") is None or not VNU.exists():
        pytest.fail("the Nu HTML Checker needs Java and vnu.jar: run `make test` (it installs both)")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages], capture_output=True, text=True
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert len(pages) > 20
    return [
        f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not any(p.search(m["message"]) for p in MATERIAL)
    ]


def test_every_hosted_page_is_valid_html(built_site):
    assert _errors(built_site) == []


def test_every_page_from_file_is_valid_html(file_site):
    assert _errors(file_site) == []
