"""Benchmarks: synthetic projects built side by side with plain Material, measured, printed as tables.

Nothing here is imported by the build; the benchmark scripts in `scripts/`
call it.  Site engines are run as subprocesses, never imported.
"""
