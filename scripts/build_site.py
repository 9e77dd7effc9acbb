"""Build the site: generate, render with an engine, finish (see compendium.cli.build)."""

from compendium.cli.build import entrypoint

if __name__ == "__main__":
    entrypoint()
