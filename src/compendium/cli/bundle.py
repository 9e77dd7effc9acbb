"""Build the offline conference bundle: a zip that opens from file:// with no network.

    python scripts/make_bundle.py [--config mkdocs-offline.yml] [--dist dist]

Makes the print edition (make_pdf: the whole compendium, each collection and
each full-text case as PDF) and the Word edition (make_docx: the compendium
and each collection), builds the site with the offline configuration and
those files into a temporary folder, checks that no page loads anything
from another host, and writes dist/<name>-<date>.zip: one folder holding
index.html (the entry page, opened by double-click, which lists the PDF and Word files)
and site/ (the compendium, its pages linking the PDFs from site/downloads/).  File names are ASCII
so that the zip opens everywhere.  Nothing is written to dist/ when the build
or a check fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from compendium.build.cms import ADMIN_DIR
from compendium.cli import edition_name, make_docx, make_pdf, read_site_config, reported_errors, site_name
from compendium.content.loader import load_compendium
from compendium.editions.downloads import DOWNLOADS_DIR, EDITIONS_ENV
from compendium.editions.offline import check_offline
from compendium.editions.templates import render_template
from compendium.errors import CompendiumError
from compendium.messages import t

# Only a web server uses these (404.html links with absolute paths; sitemaps need a site URL).
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}


def _entry_books(site: Path, titles: dict[str, str]) -> list[dict]:
    """The entry page's list of the editions: the whole compendium's, then each collection's, each as PDF and as
    Word where the site holds it (`titles`: an edition's name without its suffix → what it holds)."""
    folder = site / DOWNLOADS_DIR
    return [
        {
            "title": title,
            "href": f"{DOWNLOADS_DIR}/{name}.pdf",
            "docx": f"{DOWNLOADS_DIR}/{name}.docx" if (folder / f"{name}.docx").is_file() else "",
        }
        for name, title in titles.items()
        if (folder / f"{name}.pdf").is_file()
    ]


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
        if make_pdf.main(pdf_arguments) != 0 or make_docx.main(pdf_arguments) != 0:
            raise CompendiumError(
                t("the print edition failed (see above); nothing was written to {dist}/", dist=args.dist)
            )
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{EDITIONS_ENV: str(editions)})
        env.pop("SITE_URL", None)  # a bundle has no address: no canonical link to a host
        result = subprocess.run(
            # The build command (make build): the engine, with the finder's data written beside it.
            [sys.executable, "-m", "compendium.cli.build", "-f", str(args.config), "-d", str(site)],
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
        shutil.rmtree(site / ADMIN_DIR, ignore_errors=True)  # the web editor edits the repository: not offline
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
            page = render_template("bundle/entry.html", title=title, books=_entry_books(site, titles))
            archive.writestr(entry, page)
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
