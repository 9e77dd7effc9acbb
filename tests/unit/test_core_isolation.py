import subprocess
import sys


def test_no_core_module_imports_the_site_engine():
    # Every module of the package, not a sample: the core must build without MkDocs, Material or Jinja.
    code = (
        "import sys, pkgutil, importlib, compendium\n"
        "names = [m.name for m in pkgutil.walk_packages(compendium.__path__, 'compendium.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'jinja2')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    count, engine = out.strip().split(" ", 1)
    assert int(count) > 30
    assert engine == "[]"
