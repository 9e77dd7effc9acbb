"""The core never imports the site engine; Jinja only where the editions are laid out."""

import subprocess
import sys

# Modules that lay out editions with templates, and those that import them.
JINJA_ALLOWED = {
    "compendium.editions.templates",
    "compendium.editions.book",
    "compendium.editions.word",
    "compendium.editions.pdf",
    "compendium.cli._editions",
    "compendium.cli.make_pdf",
    "compendium.cli.make_docx",
    "compendium.cli.bundle",  # it makes the print edition for the bundle
    "compendium.build.generate",  # the web editor's page and preview (admin/), laid out by templates too
    "compendium.cli.build",
}
CODE = """
import sys, pkgutil, importlib, compendium
names = sorted(m.name for m in pkgutil.walk_packages(compendium.__path__, 'compendium.'))
allowed = {allowed!r}
for name in names:
    if name not in allowed:
        importlib.import_module(name)
before = sorted({{m.split('.')[0] for m in sys.modules}} & {{'mkdocs', 'material', 'jinja2'}})
for name in allowed:
    importlib.import_module(name)
after = sorted({{m.split('.')[0] for m in sys.modules}} & {{'mkdocs', 'material', 'jinja2'}})
print(len(names), before, after)
"""


def test_no_core_module_imports_the_site_engine():
    # Every module of the package, not a sample.
    out = subprocess.run(
        [sys.executable, "-c", CODE.format(allowed=JINJA_ALLOWED)], capture_output=True, text=True, check=True
    ).stdout
    count, before, after = out.strip().split(" ", 2)
    assert int(count) > 30
    assert before == "[]", f"imported without a template: {before}"
    assert after == "['jinja2']", f"with the editions' templates: {after}"
