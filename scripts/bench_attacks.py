"""Benchmark the strict build on hostile bodies (see compendium_bench.cli.bench_attacks)."""

from compendium_bench.cli.bench_attacks import entrypoint

if __name__ == "__main__":
    entrypoint()
