"""Tree to text."""

from __future__ import annotations

from .tree import Node


def render(tree: Node) -> str:
    """The text of a tree (or of any node). An untouched tree renders to its input."""
    return tree.text
