"""Set half-width punctuation in Chinese text full-width (see compendium.cli.fix_punctuation)."""

from compendium.cli.fix_punctuation import entrypoint

if __name__ == "__main__":
    entrypoint()
