"""Build the offline conference bundle (see compendium.cli.bundle)."""

from compendium.cli.bundle import entrypoint

if __name__ == "__main__":
    entrypoint()
