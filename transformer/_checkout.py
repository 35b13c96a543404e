"""A source checkout works before installation: ``transformer.grammar`` is the top-level grammar/ folder.

The wheel holds the grammar as ``transformer/grammar`` (pyproject.toml maps grammar/ there) and
an editable install maps it too; a checkout that is not installed has only grammar/ beside the
package. Imported first by ``transformer/__init__.py``; imports nothing of ours.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PACKAGE = __name__.rpartition(".")[0]


def map_grammar() -> None:
    """Register grammar/ as ``transformer.grammar`` when nothing else provides it."""
    name = f"{PACKAGE}.grammar"
    if name in sys.modules or importlib.util.find_spec(name) is not None:
        return
    folder = Path(__file__).resolve().parent.parent / "grammar"
    if not (folder / "__init__.py").is_file():
        return  # nothing to map: the parser will say the grammar is missing
    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    setattr(sys.modules[PACKAGE], "grammar", module)  # noqa: B010 - mypy knows no such attribute


map_grammar()
