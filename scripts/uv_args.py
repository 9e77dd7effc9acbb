"""pip's index settings as uv's arguments, one a line: `make serve` installs with uv, which reads neither pip.conf
nor the PIP_* variables, and an editor's machine may take its packages from a mirror pip was told about
(清华, 阿里云 …) or from wheels on its disk. Run with the virtual environment's Python; prints nothing where pip
has no such settings. Standard library only: it runs before the project is installed."""

import re
import subprocess
import sys

FLAGS = {
    "index-url": "--default-index",
    "extra-index-url": "--index",
    "find-links": "--find-links",
    "constraint": "--constraint",
    "trusted-host": "--allow-insecure-host",
}


def main() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, check=False
    ).stdout
    found: dict[str, str] = {}
    for line in listed.splitlines():
        match = re.fullmatch(r"(:env:|[\w-]+)\.([\w-]+)='(.*)'", line.strip())
        # the first of a name wins: pip lists its variables (:env:) before its files
        if match and match[2] in FLAGS:
            found.setdefault(match[2], match[3])
    for name, value in found.items():
        for item in value.split():
            print(FLAGS[name])
            print(item)


if __name__ == "__main__":
    main()
