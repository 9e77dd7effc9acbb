"""The web editor on this machine, with no account: `make edit`.

    python scripts/edit.py [--port 8000] [--cms-port 8081] [-f mkdocs.yml]

Starts decap-server (npm, installed by `make node-deps` into .cache/node/),
which lets the editor read and write the files of this repository, and
`mkdocs serve`, which builds the site with the editor at /admin/ and rebuilds
it as files change.  Prints both addresses; Ctrl-C stops both.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from compendium.build.cms import LOCAL_URL_ENV, node_folder
from compendium.cli import reported_errors
from compendium.errors import CompendiumError
from compendium.messages import t

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edit.py", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="the site's port (default 8000)")
    parser.add_argument("--cms-port", type=int, default=8081, help="decap-server's port (default 8081)")
    parser.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"), help="the site's config")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes):
        return _edit(args)
    return codes[0] if codes else 1


def _edit(args) -> int:
    root = args.config.resolve().parent
    server = node_folder(root, os.environ) / "node_modules" / "decap-server" / "dist" / "index.js"
    if not server.is_file():
        raise CompendiumError(t("decap-server is not installed: run make node-deps (it installs it from npm)"))
    api = f"http://127.0.0.1:{args.cms_port}/api/v1"
    # decap-server edits the repository it runs in: the folder of the site's config.  It writes any file it is
    # asked to: it listens on this machine only (its default is every interface, the office's network too).
    env = os.environ | {"PORT": str(args.cms_port), "GIT_REPO_DIRECTORY": str(root), "BIND_HOST": "127.0.0.1"}
    cms = subprocess.Popen(["node", str(server)], cwd=root, env=env)
    site = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "-f",
            str(args.config),
            "--dev-addr",
            f"127.0.0.1:{args.port}",
        ],
        cwd=root,
        env=os.environ | {LOCAL_URL_ENV: api, "NO_MKDOCS_2_WARNING": "1"},
    )
    print(
        t(
            "the editor: http://127.0.0.1:{port}/admin/  the site: http://127.0.0.1:{port}/  (Ctrl-C stops both)",
            port=args.port,
        ),
        flush=True,
    )
    try:
        while cms.poll() is None and site.poll() is None:
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (site, cms):
            if process.poll() is None:
                process.terminate()
                process.wait()


def entrypoint() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entrypoint()
