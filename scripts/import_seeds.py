"""Re-import the shipped source documents (see compendium.cli.import_seeds)."""

from compendium.cli.import_seeds import entrypoint

if __name__ == "__main__":
    entrypoint()
