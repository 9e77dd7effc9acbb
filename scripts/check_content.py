"""Check the content folder (see compendium.cli.check)."""

from compendium.cli.check import entrypoint

if __name__ == "__main__":
    entrypoint()
