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
