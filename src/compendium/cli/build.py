"""Build the site: generate, render with an engine, finish (`make build [ENGINE=mkdocs|properdocs|zensical]`).

    python scripts/build_site.py [--engine mkdocs] [-f mkdocs.yml] [-d site]

Generate: the compendium's pages and data files are made from the content
(compendium.build.generate).  Render: an engine lays out the pages, in a
process of its own — MkDocs or ProperDocs through the hook, which hands them
the generated pages; Zensical, which runs no hooks, from a folder where they
are written as files, with a config that inherits the site's.  Meanwhile this
process writes the finder's shards, the slow part of the data, which needs
nothing from the pages.  Finish: the shards go into the built site, and the
site replaces the old one in one step, with a lock that keeps a second build
out (compendium.publish): a build that fails or is interrupted (Ctrl-C,
SIGTERM, SIGHUP) leaves the old site as it was and no process behind.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from compendium.build.generate import generate, site_settings, write_docs
from compendium.cli import read_site_config, reported_errors
from compendium.content.loader import load_compendium
from compendium.content.schema import write_schemas
from compendium.errors import CompendiumError, ContentError
from compendium.finder.data import FinderIndex, index_cases, write_data
from compendium.messages import t
from compendium.publish import SitePublisher, interrupts_as_exit
from compendium.site.paths import FINDER_DATA

__all__ = ["ENGINES", "build_parser", "main"]

ENGINES = ("mkdocs", "properdocs", "zensical")
FINDER_OUTSIDE_ENV = "COMPENDIUM_FINDER_OUTSIDE"
"""Tells the hook that this command writes the finder's shards (hooks/compendium_hooks.py)."""
ZENSICAL_CONFIG = ".zensical.yml"
"""The config Zensical builds from, written beside the site's (Zensical wants docs and site inside its folder)."""
ZENSICAL_DOCS = ".zensical-docs"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_site.py", description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="the site engine (default: mkdocs)")
    parser.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"), help="the site's config")
    parser.add_argument("-d", "--site-dir", type=Path, help="where the site goes (default: the config's site_dir)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    try:
        with reported_errors(codes), interrupts_as_exit():
            codes.append(_build(args))
    except (KeyboardInterrupt, SystemExit) as stop:
        print(t("the build was interrupted; the site is as it was"), file=sys.stderr)
        return stop.code if isinstance(stop, SystemExit) and isinstance(stop.code, int) else 130
    return codes[-1] if codes else 1


def _build(args) -> int:
    if importlib.util.find_spec(args.engine) is None:  # the engines extra, which make build ENGINE=… installs
        raise CompendiumError(
            t(
                "the engine {engine} is not installed: run `make build ENGINE={engine}` (it installs it)",
                engine=args.engine,
            )
        )
    config = args.config.resolve()
    data = read_site_config(config)
    root = config.parent
    site_dir = args.site_dir.resolve() if args.site_dir else root / str(data.get("site_dir") or "site")
    docs = root / str(data.get("docs_dir") or "docs")
    publisher = SitePublisher(site_dir)
    staging = publisher.begin()
    finder_folder = staging.with_name(staging.name + ".finder")
    built = False
    try:
        if args.engine == "zensical":
            engine, index = _zensical(config, data, docs, staging, publisher.lock_fd)
        else:
            command = [sys.executable, "-m", args.engine, "build", "--strict", "-f", str(config), "-d", str(staging)]
            env = os.environ | {FINDER_OUTSIDE_ENV: "1"}
            engine = subprocess.Popen(command, cwd=root, env=env, pass_fds=_fds(publisher.lock_fd))
            index = None  # read below, while the engine reads the content in its own process
        if engine is None:
            return 1
        try:
            index = index or _finder_index(docs)
            if index is not None:
                write_data(index, finder_folder)
            code = engine.wait()
        finally:
            if engine.poll() is None:  # interrupted: the engine stops too, and leaves nothing behind
                engine.terminate()
                engine.wait()
        if code != 0:
            return code
        _collect_finder(finder_folder, staging / FINDER_DATA)
        built = True
    finally:
        publisher.finish(built)
        if args.engine == "zensical":
            (root / ZENSICAL_CONFIG).unlink(missing_ok=True)
            shutil.rmtree(root / ZENSICAL_DOCS, ignore_errors=True)
    print(t("built {site} with {engine}", site=str(site_dir), engine=args.engine), file=sys.stderr)
    return 0


def _finder_index(docs: Path) -> FinderIndex | None:
    """What the finder's shards are written from; None where the content has problems (the engine stops on the same
    problems, and prints them)."""
    try:
        return index_cases(load_compendium(docs, remember=False).compendium)
    except ContentError:
        return None


def _collect_finder(folder: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(folder):
        os.replace(entry.path, target / entry.name)
    folder.rmdir()


def _fds(lock_fd: int | None) -> tuple[int, ...]:
    """The lock, held by the engine too (compendium.publish): a killed build's engine keeps the next one out."""
    return (lock_fd,) if lock_fd is not None else ()


def _zensical(
    config: Path, data: dict, docs: Path, staging: Path, lock_fd: int | None
) -> tuple[subprocess.Popen | None, FinderIndex | None]:
    """Generate the pages as files and start Zensical on them, with a config that inherits the site's; the finder's
    index, made by the generate step, is returned with the engine."""
    root = config.parent
    try:
        result = load_compendium(docs)
    except ContentError as error:
        print(t("the content has {count} problem(s); nothing was built:", count=len(error.problems)), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem.format()}", file=sys.stderr)
        return None, None
    for problem in result.warnings:
        print(f"WARNING {problem.format()}", file=sys.stderr)
    if result.warnings:
        return None, None  # strict, as make build is with MkDocs
    write_schemas(docs, taxonomy=result.compendium.taxonomy)
    site_url = os.environ.get("SITE_URL") or (data["site_url"] if isinstance(data.get("site_url"), str) else "")
    settings = site_settings(
        site_name=str(data.get("site_name") or ""),
        site_description=str(data.get("site_description") or ""),
        site_url=site_url,
        directory_urls=data.get("use_directory_urls", True) is not False,
        extra=data.get("extra") or {},
        config_dir=root,
        lunr_js=_lunr_js(),
        local=False,
        environ=os.environ,
    )
    site = generate(result, settings)
    write_docs(site, docs, root / ZENSICAL_DOCS)
    generated = {
        "INHERIT": config.name,  # everything else of the site's config: theme, overrides, Markdown extensions
        "docs_dir": ZENSICAL_DOCS,
        "site_dir": str(staging),
        "nav": _escaped_nav(
            data.get("nav") or site.nav, {src: page.front.get("title") for src, page in site.pages.items()}
        ),
        "extra": {"compendium": site.extra},  # merged into the site's extra
    }
    # JSON is YAML: every text quoted, nothing read as a tag.
    (root / ZENSICAL_CONFIG).write_text(json.dumps(generated, ensure_ascii=False, default=str), "utf-8")
    command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(root / ZENSICAL_CONFIG)]
    return subprocess.Popen(command, cwd=root, pass_fds=_fds(lock_fd)), site.finder


def _escaped_nav(nav, titles: dict):
    """The navigation with every title given, as HTML text: Zensical (0.0.70) prints a nav title as it is given,
    or a page's own title where the nav gives none, so a collection or notice title from a pull request could end
    the tag and start a script on every page (MkDocs' templates escape it; found by building the hostile-content
    test site with Zensical).  `titles`: a page's source → its title."""
    if isinstance(nav, list):
        return [
            {html.escape(titles[item]): item}
            if isinstance(item, str) and isinstance(titles.get(item), str)
            else _escaped_nav(item, titles)
            for item in nav
        ]
    if isinstance(nav, dict):
        return {html.escape(str(title)): _escaped_nav(target, titles) for title, target in nav.items()}
    return nav


def _lunr_js() -> Path:
    """lunr.js as MkDocs ships it (the version lunr.py writes for)."""
    import importlib.util

    spec = importlib.util.find_spec("mkdocs")
    if spec is None or spec.origin is None:
        raise CompendiumError("lunr.js: MkDocs is not installed (pip install -e '.[site]')")
    return Path(spec.origin).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


def entrypoint() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entrypoint()
