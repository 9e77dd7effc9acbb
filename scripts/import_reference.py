"""Import a multi-document Markdown file as a reference section (see compendium.cli.import_reference)."""

from compendium.cli.import_reference import entrypoint

if __name__ == "__main__":
    entrypoint()
