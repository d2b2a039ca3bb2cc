"""Subcommands of this area (not built yet)."""

from __future__ import annotations


def register(subparsers) -> None:
    return None
