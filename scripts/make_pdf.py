"""Write the print edition (see compendium.cli.make_pdf)."""

from compendium.cli.make_pdf import entrypoint

if __name__ == "__main__":
    entrypoint()
