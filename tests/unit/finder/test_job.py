"""compendium.finder.job: the finder's data written beside the site, then moved in, or stopped."""

from compendium.finder.data import index_cases
from compendium.finder.job import FinderJob


def test_the_job_writes_beside_the_site_and_is_collected_into_it(tmp_path, compendium):
    index = index_cases(compendium)
    job = FinderJob(index, tmp_path / "site")
    assert job.folder == tmp_path / "site.finder"
    assert job.shards == {"text_shards": index.text_shards, "pinyin_letters": " ".join(index.pinyin_letters)}
    job.collect(tmp_path / "site")
    names = {p.name for p in (tmp_path / "site" / "finder" / "data").iterdir()}
    assert {f"t{k}.js" for k in range(index.text_shards)} <= names
    assert {f"p{letters}.js" for letters in index.pinyin_letters} <= names
    assert "h0.js" in names and "x0.js" in names
    assert not job.folder.exists()
    job.collect(tmp_path / "site")  # collected once: a second call does nothing


def test_a_dirty_build_drops_the_shards_this_build_no_longer_has(tmp_path, compendium):
    data = tmp_path / "site" / "finder" / "data"
    data.mkdir(parents=True)
    (data / "t999.js").write_text("old", "utf-8")
    (data / "meta.js").write_text("kept: the engine writes it", "utf-8")
    FinderJob(index_cases(compendium), tmp_path / "site").collect(tmp_path / "site")
    assert not (data / "t999.js").exists() and (data / "meta.js").read_text("utf-8").startswith("kept")


def test_a_stopped_job_leaves_nothing_behind(tmp_path, compendium):
    job = FinderJob(index_cases(compendium), tmp_path / "site")
    job.stop()
    assert not job.folder.exists()
    job.collect(tmp_path / "site")
    assert not (tmp_path / "site").exists()
