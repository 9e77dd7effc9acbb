"""Regenerate src/compendium/data/regions.json (see compendium.cli.update_regions)."""

from compendium.cli.update_regions import entrypoint

if __name__ == "__main__":
    entrypoint()
