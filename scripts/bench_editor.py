"""Benchmark the editor's loop: make serve's first page on a fresh clone, live reload after a save (see
compendium_bench.cli.bench_editor)."""

from compendium_bench.cli.bench_editor import entrypoint

if __name__ == "__main__":
    entrypoint()
