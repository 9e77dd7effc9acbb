"""Write the Word edition (see compendium.cli.make_docx)."""

from compendium.cli.make_docx import entrypoint

if __name__ == "__main__":
    entrypoint()
