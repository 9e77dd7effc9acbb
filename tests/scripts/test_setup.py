"""`make` on a machine with too old a Python says so in one line and leaves no .venv behind."""

import shutil
import subprocess

from conftest import ROOT


def test_an_old_python_is_named_and_no_venv_is_left(tmp_path):
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    fake = tmp_path / "python3.10"
    fake.write_text('#!/bin/sh\n[ "$1" = "--version" ] && echo "Python 3.10.12" && exit 0\nexit 1\n', "utf-8")
    fake.chmod(0o755)
    result = subprocess.run(
        ["make", f"PYTHON={fake}", ".venv/.installed-stamp"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Python 3.11 or newer is needed" in result.stderr and "Python 3.10.12" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_serve_installs_the_site_alone_and_another_engine_only_when_asked_for(tmp_path):
    """`make serve`'s set-up is the `site` extra (MkDocs and Material); ProperDocs and Zensical (about 21 MB) are
    the `engines` extra, which `make build ENGINE=…` installs: what make would run, read with --dry-run."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)

    def planned(*goal: str) -> str:
        return subprocess.run(["make", "--dry-run", *goal], cwd=tmp_path, capture_output=True, text=True).stdout

    assert "-e '.[site]'" in planned("serve")
    assert "-e '.[site,engines]'" in planned("build", "ENGINE=zensical")
    assert "engines" not in planned("build")
    assert "-e '.[site,engines,print,test,bench]'" in planned(".venv/.installed-stamp")


def test_building_with_an_engine_that_is_not_installed_says_what_to_run(monkeypatch, capsys):
    import importlib.util

    from compendium.cli import build

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a))
    monkeypatch.setenv("COMPENDIUM_LANG", "zh")
    assert build.main(["--engine", "zensical", "-f", str(ROOT / "mkdocs.yml")]) != 0
    assert "未安装渲染引擎 zensical：请运行 `make build ENGINE=zensical`" in capsys.readouterr().err


def test_uv_is_given_the_package_sources_pip_was_told_about(tmp_path):
    """`make serve` installs with uv, which reads no pip configuration: a mirror, another index and wheels on disk
    that pip was given (here in PIP_* variables, pip's files left out) are given to uv."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env |= {
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_INDEX_URL": "https://pypi.tuna.tsinghua.edu.cn/simple",
        "PIP_EXTRA_INDEX_URL": "https://a.example/simple https://b.example/simple",
        "PIP_FIND_LINKS": str(tmp_path),
    }
    printed = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "uv_args.py")], env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    pairs = set(zip(printed[::2], printed[1::2]))
    assert pairs == {
        ("--default-index", "https://pypi.tuna.tsinghua.edu.cn/simple"),
        ("--index", "https://a.example/simple"),
        ("--index", "https://b.example/simple"),
        ("--find-links", str(tmp_path)),
    }
    env = {k: v for k, v in env.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}
    assert (
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "uv_args.py")], env=env, capture_output=True, text=True
        ).stdout
        == ""
    )
