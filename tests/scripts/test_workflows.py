"""The GitHub Actions workflows pass zizmor's audit: actions pinned by commit, least permissions, no credentials kept."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_workflows_pass_zizmor():
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", str(ROOT / ".github" / "workflows")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr
