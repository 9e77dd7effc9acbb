"""Start a new collection (see compendium.cli.new_collection)."""

from compendium.cli.new_collection import entrypoint

if __name__ == "__main__":
    entrypoint()
