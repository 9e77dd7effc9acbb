"""Create a new case file (see compendium.cli.new_case)."""

from compendium.cli.new_case import entrypoint

if __name__ == "__main__":
    entrypoint()
