"""Implementations of the `briefbot` subcommands, imported lazily by `bot.__main__`."""
