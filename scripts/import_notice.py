"""Import a notice's raw text into content/ (see compendium.cli.import_notice)."""

from compendium.cli.import_notice import entrypoint

if __name__ == "__main__":
    entrypoint()
