"""Build the offline conference bundle: a zip that opens from file:// with no network.

    python scripts/make_bundle.py [--config mkdocs-offline.yml] [--dist dist]

Builds the site with the offline configuration into a temporary folder,
checks that no page loads anything from another host, and writes
dist/<name>-<date>.zip: one folder holding index.html (the entry page,
opened by double-click) and site/ (the compendium).  File names are ASCII
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

from compendium.cli import edition_name, reported_errors, site_name
from compendium.editions.offline import check_offline
from compendium.errors import CompendiumError

ENTRY_PAGE = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=site/index.html">
<title>{title}</title>
</head>
<body>
<h1>{title}</h1>
<p><a href="site/index.html">打开《{title}》</a></p>
<p>本离线版无需联网：双击本文件即可阅读，检索、索引和地图均可使用。如果页面没有自动打开，请点击上面的链接。</p>
</body>
</html>
"""
# Only a web server uses these (404.html links with absolute paths; sitemaps need a site URL).
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_bundle.py", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs-offline.yml"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes), tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
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
            archive.writestr(entry, ENTRY_PAGE.format(title=html.escape(title)))
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
