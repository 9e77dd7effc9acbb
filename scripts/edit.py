"""The web editor on this machine (see compendium.cli.edit)."""

from compendium.cli.edit import entrypoint

if __name__ == "__main__":
    entrypoint()
