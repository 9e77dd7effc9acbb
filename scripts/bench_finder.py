"""Benchmark the finder against Material's search (see compendium.cli.bench_finder)."""

from compendium_bench.cli.bench_finder import entrypoint

if __name__ == "__main__":
    entrypoint()
