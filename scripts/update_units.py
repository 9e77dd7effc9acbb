"""Fill content/_data/units.yml from the cases (see compendium.cli.update_units)."""

from compendium.cli.update_units import entrypoint

if __name__ == "__main__":
    entrypoint()
