"""Write the front matter JSON Schemas (see compendium.cli.make_schema)."""

from compendium.cli.make_schema import entrypoint

if __name__ == "__main__":
    entrypoint()
