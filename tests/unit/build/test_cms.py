"""The web editor's configuration is generated from the content model (build/cms.py), never written by hand."""

import shutil

from compendium.build import cms
from compendium.build.cms import CmsSettings, cms_config, cms_settings
from compendium.content.vocabularies import load_taxonomy
from compendium.model.fields import CASE_FIELDS, TEXT, Field
from conftest import CONTENT, ROOT


def _case_lists(config: dict) -> dict[str, dict]:
    return {c["name"]: c for c in config["collections"] if c["name"].startswith("cases-")}


def test_a_new_theme_and_a_new_collection_reach_the_editor(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    themes = content / "_data" / "themes.yml"
    themes.write_text(themes.read_text("utf-8") + "\n- id: oral-health\n  name: 口腔健康\n", "utf-8")
    collections = content / "_data" / "collections.yml"
    entry = "\n- id: gwbjkh-2026-77\n  title: 2026年心理健康服务案例\n  year: 2026\n  notice: gwbjkh-2026-77\n  full_text: true\n"
    collections.write_text(collections.read_text("utf-8") + entry, "utf-8")
    config = cms_config(load_taxonomy(content), CmsSettings(local=True))
    lists = _case_lists(config)
    new = lists["cases-gwbjkh-2026-77"]
    assert new["folder"] == "content/cases/gwbjkh-2026-77" and new["create"] is True
    fields = {f["name"]: f for f in new["fields"]}
    assert fields["collection"] == {
        "name": "collection",
        "label": "批次",
        "required": True,
        "widget": "hidden",
        "default": "gwbjkh-2026-77",
    }
    assert fields["year"]["default"] == 2026 and fields["year"]["widget"] == "number"
    assert "口腔健康" in fields["themes"]["options"] and fields["themes"]["multiple"] is True
    assert fields["body"]["required"] is True  # a full-text collection
    assert _case_lists(cms_config(load_taxonomy(CONTENT), CmsSettings(local=True))).keys() < lists.keys()


def test_every_declared_field_is_in_the_form_with_its_rules():
    config = cms_config(load_taxonomy(CONTENT), CmsSettings(local=True))
    for collection in _case_lists(config).values():
        fields = collection["fields"]
        assert [f["name"] for f in fields] == [f.name for f in CASE_FIELDS] + ["body"]
        required = {f["name"]: f["required"] for f in fields}
        assert all(required[f.name] == f.required for f in CASE_FIELDS)
        region = next(f for f in fields if f["name"] == "region")
        assert region["options"][:3] == ["全国", "北京市", "东城区"] and "重庆市" in region["options"]
        number = next(f for f in fields if f["name"] == "number")
        assert number == {"name": "number", "label": "序号", "required": True, "widget": "number", "value_type": "int",
                          "min": 1, "max": 9999}  # fmt: skip
        assert collection["media_folder"] == "" and collection["public_folder"] == ""  # pictures beside the case


def test_a_field_added_to_the_model_is_in_the_editor(monkeypatch):
    funding = Field("funding", "资助", "the programme that funded the work", TEXT)
    monkeypatch.setattr(cms, "CASE_FIELDS", (*CASE_FIELDS, funding))
    config = cms_config(load_taxonomy(CONTENT), CmsSettings(local=True))
    for collection in _case_lists(config).values():
        assert {"name": "funding", "label": "资助", "required": False, "widget": "string"} in collection["fields"]


def test_the_hosted_editor_opens_a_pull_request_per_entry():
    settings = cms_settings(
        {"cms": {"branch": "main"}}, local=False, site_url="", environ={"COMPENDIUM_CMS_REPO": "o/r"}
    )
    config = cms_config(load_taxonomy(CONTENT), settings)
    assert config["backend"] == {"name": "github", "repo": "o/r", "branch": "main", "open_authoring": True}
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "zh_Hans"
    assert "local_backend" not in config
    assert cms_settings({}, local=False, site_url="", environ={}) is None  # no repository named: no editor
    gitea = cms_settings({"cms": {"repo": "o/r", "backend": "gitea", "api_root": "https://git.example.org/api/v1"}},
                         local=False, site_url="", environ={})  # fmt: skip
    assert gitea.backend == "gitea"
    assert cms_config(load_taxonomy(CONTENT), gitea)["backend"]["api_root"] == "https://git.example.org/api/v1"


def test_the_decap_version_is_pinned_once_per_installer():
    script = (ROOT / "scripts" / "node_deps.sh").read_text("utf-8")
    assert f"DECAP_VERSION={cms.DECAP_VERSION}" in script
