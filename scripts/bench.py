"""Benchmark the build against plain Material and Hugo (see compendium.cli.bench)."""

from compendium_bench.cli.bench import entrypoint

if __name__ == "__main__":
    entrypoint()
