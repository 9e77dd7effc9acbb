"""Build the offline conference bundle: a zip that opens from file:// with no network.

    python scripts/make_bundle.py [--config mkdocs-offline.yml] [--dist dist]

Makes the print edition (make_pdf: the whole compendium, each collection and
each full-text case as PDF), builds the site with the offline configuration
and those PDFs into a temporary folder, checks that no page loads anything
from another host, and writes dist/<name>-<date>.zip: one folder holding
index.html (the entry page, opened by double-click, which lists the PDFs)
and site/ (the compendium, its pages linking the PDFs from site/downloads/).  File names are ASCII
so that the zip opens everywhere.  Nothing is written to dist/ when the build
or a check fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from compendium.cli import edition_name, make_pdf, read_site_config, reported_errors, site_name
from compendium.content.loader import load_compendium
from compendium.editions.downloads import DOWNLOADS_DIR, EDITIONS_ENV
from compendium.editions.offline import check_offline
from compendium.errors import CompendiumError
from compendium.messages import t

ENTRY_PAGE = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font: 18px/1.7 sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em; color: #222; }}
h1 {{ color: #9f1d20; }} a {{ color: #9f1d20; }} .open {{ font-size: 1.3em; }}</style>
</head>
<body>
<h1>{title}</h1>
<p class="open"><a href="site/index.html">打开《{title}》</a></p>
<p>本离线版无需联网：双击本文件即可阅读，检索、索引和地图均可使用。</p>
{downloads}</body>
</html>
"""
# Only a web server uses these (404.html links with absolute paths; sitemaps need a site URL).
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}


def _entry_downloads(site: Path, titles: dict[str, str]) -> str:
    """The entry page's list of the print edition's PDFs: the whole compendium's, then each collection's
    (`titles`: a PDF's name without .pdf → what it holds)."""
    folder = site / DOWNLOADS_DIR
    books = [folder / f"{name}.pdf" for name in titles if (folder / f"{name}.pdf").is_file()]
    items = "".join(
        f'<li><a href="site/{DOWNLOADS_DIR}/{html.escape(p.name)}">{html.escape(titles[p.stem])}</a></li>\n'
        for p in books
    )
    return f"<h2>印刷版（PDF）</h2>\n<ul>\n{items}</ul>\n" if items else ""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_bundle.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--content", type=Path, help="content folder (default: the config's docs_dir, beside the config)"
    )
    parser.add_argument("--config", type=Path, default=Path("mkdocs-offline.yml"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes), tempfile.TemporaryDirectory() as tmp:
        if args.content is None:  # what the engine builds: the config's docs_dir, relative to the config
            args.content = args.config.parent / str(read_site_config(args.config).get("docs_dir") or "docs")
        site = Path(tmp) / "site"
        # The print edition, made afresh, goes into the bundle (site/downloads/), linked from its pages and the
        # entry page.
        editions = Path(tmp) / "editions"
        pdf_arguments = ["--content", str(args.content), "--config", str(args.config), "--dist", str(editions)]
        if make_pdf.main(pdf_arguments) != 0:
            raise CompendiumError(
                t("the print edition failed (see above); nothing was written to {dist}/", dist=args.dist)
            )
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{EDITIONS_ENV: str(editions)})
        env.pop("SITE_URL", None)  # a bundle has no address: no canonical link to a host
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(args.config), "-d", str(site)],
            capture_output=True,
            text=True,
            env=env,
        )
        if result.returncode != 0:
            raise CompendiumError(
                f"the offline build failed; nothing was written to {args.dist}/\n"
                + (result.stdout + result.stderr)[-4000:]
            )
        for name in SERVER_ONLY:
            (site / name).unlink(missing_ok=True)
        problems = check_offline(site)
        if problems:
            raise CompendiumError("the offline build is not self-contained:\n  " + "\n  ".join(problems[:50]))
        title = site_name(args.config)
        name = edition_name(title, dt.date.today())
        args.dist.mkdir(parents=True, exist_ok=True)
        target = args.dist / f"{name}.zip"
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            entry = zipfile.ZipInfo(f"{name}/index.html", date_time=dt.datetime.now().timetuple()[:6])
            entry.external_attr = 0o644 << 16  # readable by everyone once unpacked (writestr's default is 0600)
            entry.compress_type = zipfile.ZIP_DEFLATED
            compendium = load_compendium(args.content).compendium
            titles = {name: f"{title}（全书）"} | {c.id: c.title for c in compendium.taxonomy.collections.values()}
            downloads = _entry_downloads(site, titles)
            archive.writestr(entry, ENTRY_PAGE.format(title=html.escape(title), downloads=downloads))
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{name}/site/{path.relative_to(site).as_posix()}")
        partial.replace(target)
        files = sum(1 for p in site.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB zipped, {size / 1e6:.1f} MB in {files} files)")
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
