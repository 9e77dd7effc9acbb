import subprocess
import sys


def test_core_does_not_import_the_site_engine():
    code = ("import sys, compendium, compendium.cli.check, compendium.cli.import_notice; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'jinja2')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
