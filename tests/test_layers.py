"""The package's layers: no module imports a layer above its own, and no imports go round in a cycle.

Imports are read from the source (ast), at the top or inside a function (a lazy import is
still a dependency). Imports under ``if TYPE_CHECKING:`` are left out: they name a type for
the checker and run nothing, so they can neither break the layering at run time nor close a
cycle. A new module must be given a layer in LAYERS before this test passes.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "transformer"

# Low to high; a module may import its own layer and those below. "passes.*": every module of
# transformer/passes; "transformer": the package's __init__ (the public API, re-exports refactor).
LAYERS: list[tuple[str, ...]] = [
    ("_checkout", "errors", "outcome", "data"),
    ("tree", "lexer", "parser", "render", "arguments", "shell", "dump"),
    ("images", "official", "thirdparty"),
    ("claims", "packages", "distro", "analysis", "pysource", "jssource", "gosource", "commands", "linked", "tracking",
     "composefile"),
    ("passes", "passes.*"),
    ("walk", "runtime", "runfiles", "staticlink", "plan"),
    ("edit", "safety", "cachemount"),
    ("compose",),
    ("refactor", "transformer"),
    ("fileio", "config", "report"),
    ("batch", "verify"),
    ("cli",),
    ("__main__",),  # python -m transformer: runs cli
]

# Known breaches, each with what fixes it; the test fails when one is gone, so the entry goes too.
KNOWN: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    """``transformer/passes/go.py`` -> ``passes.go``; ``transformer/__init__.py`` -> ``transformer``."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or "transformer"


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if module in names or any(n.endswith(".*") and module.startswith(n[:-1]) for n in names):
            return index
    raise KeyError(module)


def _resolve(module: str, node: ast.ImportFrom) -> list[str]:
    """The package modules a ``from X import a, b`` names (a and b when they are modules)."""
    if node.level == 0:
        if not (node.module or "").startswith("transformer"):
            return []
        target = (node.module or "").removeprefix("transformer").lstrip(".")
    else:
        is_package = MODULES.get(module, Path()).name == "__init__.py"
        here = [] if module == "transformer" else module.split(".")
        base = here if is_package else here[:-1]
        base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
        target = ".".join([*base, *([node.module] if node.module else [])])
    target = target or "transformer"
    out = []
    for alias in node.names:
        sub = f"{target}.{alias.name}" if target != "transformer" else alias.name
        out.append(sub if sub in MODULES else target)
    return out


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``node``, except the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            for other in child.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield child
        yield from _runtime_nodes(child)


def imports(module: str) -> Iterator[tuple[str, int]]:
    """(imported package module, line) for every import ``module`` runs."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom):
            for target in _resolve(module, node):
                if target != module:
                    yield target, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "transformer" or alias.name.startswith("transformer."):
                    yield alias.name.removeprefix("transformer.") if alias.name != "transformer" else alias.name, \
                        node.lineno


def test_every_module_has_a_layer() -> None:
    missing = [m for m in MODULES if not _has_layer(m)]
    assert not missing, f"give these modules a layer in LAYERS: {missing}"


def _has_layer(module: str) -> bool:
    try:
        layer_of(module)
    except KeyError:
        return False
    return True


def test_the_resolver_reads_relative_imports() -> None:
    """The test's own reading of imports, on lines whose answer is known."""
    assert {t for t, _ in imports("passes.go")} >= {"analysis", "shell"}  # from ..analysis, from ..shell
    assert {t for t, _ in imports("passes")} >= {"passes.go", "passes.web"}  # from . import go, web
    assert "transformer" in {t for t, _ in imports("cli")}  # from . import __version__
    assert "analysis" not in {t for t, _ in imports("claims")}  # only under TYPE_CHECKING


def test_no_module_imports_a_layer_above_its_own() -> None:
    breaches = []
    for module in MODULES:
        for target, line in imports(module):
            if target in MODULES and layer_of(target) > layer_of(module) and (module, target) not in KNOWN:
                breaches.append(f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {module} "
                                f"(layer {layer_of(module)}) imports {target} (layer {layer_of(target)})")
    assert not breaches, "\n".join(breaches)


def test_known_breaches_still_exist() -> None:
    for (module, target), fix in KNOWN.items():
        assert target in {t for t, _ in imports(module)}, f"{module} -> {target} is gone: remove it from KNOWN ({fix})"


def test_passes_never_import_each_other() -> None:
    for module in MODULES:
        if module.startswith("passes."):
            others = {t for t, _ in imports(module) if t.startswith("passes")}
            assert not others, f"{module} imports {others}"


def test_no_import_cycle() -> None:
    graph = {m: sorted({t for t, _ in imports(m) if t in MODULES}) for m in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in graph[m]:
            if state.get(t) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path[path.index(t):], t]))
            if t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m)


def test_every_module_imports_on_its_own() -> None:
    """Each module imported first, in a fresh set of the package's modules (an import-order cycle shows)."""
    names = ["transformer" if m == "transformer" else f"transformer.{m}" for m in MODULES]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for loaded in [k for k in sys.modules if k == 'transformer' or k.startswith('transformer.')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
    )
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                       cwd=PACKAGE.parent)
    assert p.returncode == 0, p.stderr
