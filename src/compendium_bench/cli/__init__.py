"""Command-line entry points of the benchmarks (scripts/bench.py, scripts/bench_finder.py)."""
