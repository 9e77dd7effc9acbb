"""The core's layers import only downward, as README's "Architecture" draws them."""

import ast
from pathlib import Path

import compendium

PACKAGE = Path(compendium.__file__).parent
# Each layer and the layers it may import (besides itself, errors, messages and publish, which import nothing of the package).
ALLOWED = {
    "text": set(),
    "model": {"text"},
    "content": {"model", "text"},
    "authoring": {"content", "model", "text"},
    "site": {"model", "text"},
    "finder": {"site", "model", "text"},
    "editions": {"site", "content", "model", "text"},
    "build": {"content", "editions", "finder", "model", "site", "text"},
    "cli": {"authoring", "build", "content", "editions", "finder", "model", "site", "text"},
}
BASE = {"errors", "messages", "publish", "data"}


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imported_layers(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "compendium":
            # the package's public names come from every layer: inside the package, name the module
            raise AssertionError(f"{path}: from compendium import …; import from the module that defines it")
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("compendium."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; write compendium.… in full")
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("compendium.")}
    return found


def test_every_module_imports_only_the_layers_below_it():
    wrong = []
    modules = [p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE]
    assert len(modules) > 30
    for path in modules:
        layer = _layer(path)
        if layer in BASE:
            allowed = set()
        else:
            allowed = ALLOWED[layer] | {layer}
        for used in _imported_layers(path) - allowed - BASE:
            wrong.append(f"{path.relative_to(PACKAGE)} ({layer}) imports compendium.{used}")
    assert wrong == []


def test_base_modules_import_nothing_of_the_package():
    for name in ("errors.py", "messages.py", "publish.py"):
        assert _imported_layers(PACKAGE / name) <= {"errors", "messages"}, name


def test_only_the_editions_templates_module_imports_jinja():
    importers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in ("jinja2", "mkdocs", "material") for name in names):
                importers.append(path.relative_to(PACKAGE).as_posix())
    assert importers == ["editions/templates.py"]


def test_importing_one_module_loads_no_other_layer():
    # compendium/__init__.py imports its public names on first use: the errors need no Markdown, no pypinyin.
    import subprocess
    import sys

    code = "import sys, compendium.errors; print(sorted(m for m in sys.modules if m.startswith('compendium.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert ast.literal_eval(loaded) == ["compendium.errors", "compendium.messages"], loaded
