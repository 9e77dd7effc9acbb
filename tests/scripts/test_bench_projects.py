"""The benchmark's projects are made from this repository's config and a content folder's vocabularies (make bench
runs them in CI, from content/; here from the fixture compendium)."""

import pytest

from compendium.cli import read_site_config
from compendium_bench.cli.bench import build_parser
from compendium_bench.project import make_projects
from conftest import CONTENT, ROOT


def test_the_benchmark_projects_are_made(tmp_path):
    ours, baseline = make_projects(tmp_path, 12, per_collection=5, source=CONTENT)
    config = read_site_config(ours / "mkdocs.yml")  # the project's own config, inherited
    assert config["site_name"] and config["hooks"][0].endswith("hooks/compendium_hooks.py")
    assert config["markdown_extensions"] == read_site_config(ROOT / "mkdocs.yml")["markdown_extensions"]
    assert len(list((ours / "content" / "cases").rglob("*.md"))) == 12
    assert (baseline / "mkdocs.yml").exists()


def test_the_benchmark_runs_the_builds_asked_for_and_always_ours(capsys):
    parser = build_parser()
    assert parser.parse_args([]).builds == ("ours", "material", "hugo")
    assert parser.parse_args(["--builds", "hugo,ours"]).builds == ("ours", "hugo")
    assert parser.parse_args(["--builds", "material"]).builds == ("ours", "material")
    with pytest.raises(SystemExit) as stop:
        parser.parse_args(["--builds", "ours,solr"])
    assert stop.value.code == 2 and "unknown build(s) solr" in capsys.readouterr().err
