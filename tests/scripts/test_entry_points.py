"""Every command-line tool is registered in [project.scripts] and reachable through its scripts/ shim."""

import importlib
import re
import tomllib

from conftest import ROOT


def test_every_cli_module_is_a_registered_script_and_a_shim():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    targets = {value.split(":")[0] for value in scripts.values()}
    # a module whose name starts with _ helps the commands (cli/_editions.py): it is not one
    modules = {f"compendium.cli.{p.stem}" for p in (ROOT / "src/compendium/cli").glob("*.py") if p.stem[0] != "_"}
    modules |= {
        f"compendium_bench.cli.{p.stem}"
        for p in (ROOT / "src/compendium_bench/cli").glob("*.py")
        if p.stem != "__init__"
    }
    assert targets == modules
    for value in scripts.values():
        module, function = value.split(":")
        assert callable(getattr(importlib.import_module(module), function)), value
    shims = {
        m
        for p in (ROOT / "scripts").glob("*.py")
        for m in re.findall(r"from (compendium[\w.]*) import entrypoint", p.read_text("utf-8"))
    }
    assert shims == modules
