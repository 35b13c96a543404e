"""Facts read from a project's Python source with libcst: what ``setup.py`` passes to ``setup()``
and where a Django project's settings put its static files; and what its pyproject.toml declares it depends on.

Only what the source writes out is read: string, list, tuple and dict literals, names assigned such
values at the top of the module, and path expressions built from ``__file__`` (``os.path.join``,
``os.path.dirname``, ``Path(__file__).resolve().parent / "static"``). Anything computed otherwise
(an environment variable, a function of the project) is unknown (None), and the passes do what they
do without the source. Files are read through a reader that takes a path of the image (absolute);
nothing here raises for a file that does not parse.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import libcst as cst

from .analysis import parse_toml
from .commands import program_names

FileReader = Callable[[str], "str | None"]
"""Reads a file of the image by its absolute path (a pass's ``RunContext.read_file``); None: not there."""

__all__ = ["DjangoSettings", "Extension", "FileReader", "SetupPy", "django_settings", "read_django_settings",
           "project_requirements", "read_setup_py", "settings_module_of", "setup_py"]


@dataclass(frozen=True, slots=True)
class Extension:
    """One ``Extension(...)`` of ``ext_modules``: a module compiled from C, linked against ``libraries``."""

    name: str | None
    libraries: tuple[str, ...]  # ``libraries=["pq"]``: links against libpq


@dataclass(frozen=True, slots=True)
class SetupPy:
    install_requires: tuple[str, ...] | None  # project names; None: not written as strings
    ext_modules: tuple[Extension, ...] | None  # (): none; None: there are some, not written as Extension(...)
    console_scripts: tuple[str, ...]  # the commands the project installs


@dataclass(frozen=True, slots=True)
class DjangoSettings:
    path: str  # the settings file, absolute
    static_root: str | None  # STATIC_ROOT as the settings compute it (absolute, or relative to the cwd)
    static_storage: str | None  # the static files' storage class, when the settings name one


def parse(text: str) -> cst.Module | None:
    try:
        return cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError, ValueError):
        return None


# ---------------------------------------------------------------- values written in the source


def dotted(node: cst.BaseExpression) -> str | None:
    """``os.path.join`` -> "os.path.join"; None for anything but names and attributes."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def string(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString | cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def strings(node: cst.BaseExpression) -> tuple[str, ...] | None:
    """A list or tuple of string literals; None when any element is something else."""
    if not isinstance(node, cst.List | cst.Tuple):
        return None
    out = [string(e.value) if isinstance(e, cst.Element) else None for e in node.elements]
    return tuple(s for s in out if s is not None) if None not in out else None


def keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def top_assignments(module: cst.Module) -> dict[str, cst.BaseExpression]:
    """name -> the value of its last plain assignment at the top of the module."""
    out: dict[str, cst.BaseExpression] = {}
    for stmt in module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = small.targets[0].target
                if isinstance(target, cst.Name):
                    out[target.value] = small.value
    return out


# ---------------------------------------------------------------- setup.py


class _Calls(cst.CSTVisitor):
    def __init__(self) -> None:
        self.calls: list[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)


def _calls(node: cst.CSTNode) -> list[cst.Call]:
    visitor = _Calls()
    node.visit(visitor)
    return visitor.calls


_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _resolve(node: cst.BaseExpression | None, names: dict[str, cst.BaseExpression]) -> cst.BaseExpression | None:
    """A name assigned at the top of the module stands for its value (``install_requires=REQUIRES``)."""
    if isinstance(node, cst.Name) and node.value in names:
        return names[node.value]
    return node


def _requires(node: cst.BaseExpression | None, names: dict[str, cst.BaseExpression]) -> tuple[str, ...] | None:
    if node is None:
        return ()
    specs = strings(_resolve(node, names) or node)
    if specs is None:
        return None
    return tuple(m.group(1) for m in map(_REQUIREMENT_NAME.match, specs) if m)


def _extensions(node: cst.BaseExpression | None,
                names: dict[str, cst.BaseExpression]) -> tuple[Extension, ...] | None:
    node = _resolve(node, names)
    if node is None:
        return ()
    if not isinstance(node, cst.List | cst.Tuple):
        return None
    out: list[Extension] = []
    for element in node.elements:
        call = _resolve(element.value, names) if isinstance(element, cst.Element) else None
        if not isinstance(call, cst.Call) or (dotted(call.func) or "").rsplit(".", 1)[-1] != "Extension":
            return None
        libs = keyword(call, "libraries")
        libraries = strings(_resolve(libs, names) or libs) if libs is not None else ()
        if libraries is None:
            return None
        first = call.args[0].value if call.args and call.args[0].keyword is None else keyword(call, "name")
        out.append(Extension(string(first) if first is not None else None, libraries))
    return tuple(out)


def _console_scripts(node: cst.BaseExpression | None, names: dict[str, cst.BaseExpression]) -> tuple[str, ...]:
    """The command names of ``entry_points={"console_scripts": ["name = module:function"]}`` (or the
    same as an INI text)."""
    node = _resolve(node, names)
    text = string(node) if node is not None else None
    if text is not None:
        section = re.search(r"\[console_scripts\]([^\[]*)", text)
        return tuple(re.findall(r"^\s*([^\s=#]+)\s*=", section.group(1), re.M)) if section else ()
    if not isinstance(node, cst.Dict):
        return ()
    for element in node.elements:
        if isinstance(element, cst.DictElement) and string(element.key) == "console_scripts":
            specs = strings(_resolve(element.value, names) or element.value) or ()
            return tuple(s.split("=", 1)[0].strip() for s in specs if "=" in s)
    return ()


def read_setup_py(text: str) -> SetupPy | None:
    """The arguments of the ``setup()`` call of a setup.py; None when it has none (or does not parse)."""
    module = parse(text)
    if module is None:
        return None
    calls = [c for c in _calls(module) if dotted(c.func) in ("setup", "setuptools.setup", "distutils.core.setup")]
    if len(calls) != 1:
        return None
    call, names = calls[0], top_assignments(module)
    return SetupPy(_requires(keyword(call, "install_requires"), names),
                   _extensions(keyword(call, "ext_modules"), names),
                   _console_scripts(keyword(call, "entry_points"), names))


def setup_py(read: FileReader, project: str) -> SetupPy | None:
    """The setup.py of the project in the folder ``project`` (absolute), if the build context has it."""
    text = read(posixpath.join(project, "setup.py"))
    return read_setup_py(text) if text is not None else None


_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _pyproject_requirements(text: str) -> tuple[str, ...] | None:
    """The project names a pyproject.toml's [project] table declares: its dependencies and every optional group's
    (the extras an install asks for are among them). None: no [project] table, or dependencies it leaves
    ``dynamic`` (a build backend computes them)."""
    doc = parse_toml(text)
    project = doc.get("project") if doc is not None else None
    if not isinstance(project, dict) or "dependencies" in (project.get("dynamic") or ()):
        return None
    listed = list(project.get("dependencies") or ())
    for group in (project.get("optional-dependencies") or {}).values():
        listed += group if isinstance(group, list) else [None]
    names = [m.group(1) for m in (_REQUIREMENT_NAME.match(r) if isinstance(r, str) else None for r in listed) if m]
    return tuple(names) if len(names) == len(listed) else None


def project_requirements(read: FileReader, project: str) -> tuple[str, ...] | None:
    """The projects the project in the folder ``project`` (absolute) depends on, as its pyproject.toml's [project]
    table or its setup.py's install_requires writes them out; None when the build context shows neither."""
    text = read(posixpath.join(project, "pyproject.toml"))
    found = _pyproject_requirements(text) if text is not None else None
    if found is not None:
        return found
    setup = setup_py(read, project)
    return setup.install_requires if setup is not None else None


# ---------------------------------------------------------------- Django settings


@dataclass(frozen=True, slots=True)
class _Path:
    """A value a settings file computes: a path (or any string), and whether it is a ``pathlib.Path``."""

    text: str
    is_path: bool


_Env = dict[str, "_Path | None"]
_PATH_CALLS = {"os.path.abspath", "os.path.realpath", "os.path.normpath", "os.fspath", "str"}
_PATH_CLASSES = {"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"}
_FUNCTIONS = _PATH_CALLS | _PATH_CLASSES | {"os.path.join", "os.path.dirname"}


class _Evaluator:
    """Evaluates the path expressions of one settings module (``__file__`` is its path)."""

    def __init__(self, file: str, cwd: str, env: _Env, aliases: dict[str, str]) -> None:
        self.file, self.cwd, self.env, self.aliases = file, cwd, env, aliases

    def name(self, node: cst.BaseExpression) -> str | None:
        """A called name with its import spelled out (``join`` of ``from os.path import join``)."""
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        full = self.aliases.get(head, head)
        return f"{full}.{rest}" if rest else full

    def value(self, node: cst.BaseExpression) -> _Path | None:
        text = string(node)
        if text is not None:
            return _Path(text, False)
        if isinstance(node, cst.Name):
            return _Path(self.file, False) if node.value == "__file__" else self.env.get(node.value)
        if isinstance(node, cst.BinaryOperation):
            return self._operation(node)
        if isinstance(node, cst.Attribute) and node.attr.value == "parent":
            inner = self.value(node.value)
            return _Path(posixpath.dirname(inner.text), True) if inner and inner.is_path else None
        if isinstance(node, cst.Subscript):
            return self._parents(node)
        if isinstance(node, cst.Call):
            return self._call(node)
        return None

    def _operation(self, node: cst.BinaryOperation) -> _Path | None:
        left, right = self.value(node.left), self.value(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.operator, cst.Divide) and left.is_path:
            return _Path(posixpath.join(left.text, right.text), True)
        if isinstance(node.operator, cst.Add) and not left.is_path and not right.is_path:
            return _Path(left.text + right.text, False)
        return None

    def _parents(self, node: cst.Subscript) -> _Path | None:
        """``Path(__file__).resolve().parents[1]``."""
        if not (isinstance(node.value, cst.Attribute) and node.value.attr.value == "parents"
                and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)):
            return None
        index = node.slice[0].slice.value
        inner = self.value(node.value.value)
        if inner is None or not inner.is_path or not isinstance(index, cst.Integer):
            return None
        text = inner.text
        for _ in range(int(index.value) + 1):
            text = posixpath.dirname(text)
        return _Path(text, True)

    def _call(self, node: cst.Call) -> _Path | None:
        if isinstance(node.func, cst.Attribute) and self.name(node.func) not in _FUNCTIONS:
            return self._method(node.func, node.args)
        name = self.name(node.func)
        args = [self.value(a.value) for a in node.args]
        if None in args or any(a.keyword is not None or a.star for a in node.args):
            return None
        values = [a.text for a in args if a is not None]
        if name == "os.path.join" and values:
            return _Path(posixpath.join(*values), False)
        if len(values) != 1:
            return None
        if name == "os.path.dirname":
            return _Path(posixpath.dirname(values[0]), False)
        if name in _PATH_CLASSES:
            return _Path(values[0], True)
        if name in _PATH_CALLS:
            absolute = name in ("os.path.abspath", "os.path.realpath")
            return _Path(self._absolute(values[0]) if absolute else values[0], False)
        return None

    def _method(self, func: cst.Attribute, args: Sequence[cst.Arg]) -> _Path | None:
        inner = self.value(func.value)
        if inner is None or not inner.is_path:
            return None
        method = func.attr.value
        if method in ("resolve", "absolute") and not args:
            return _Path(self._absolute(inner.text), True)
        parts = [self.value(a.value) for a in args]
        if method == "joinpath" and parts and None not in parts:
            return _Path(posixpath.join(inner.text, *(p.text for p in parts if p is not None)), True)
        return None

    def _absolute(self, path: str) -> str:
        return posixpath.normpath(posixpath.join(self.cwd, path))


def _aliases(module: cst.Module) -> dict[str, str]:
    """Names imported at the top of the module -> what they name (``Path`` -> ``pathlib.Path``)."""
    out: dict[str, str] = {}
    for stmt in module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and small.relative == () and small.module is not None \
                    and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    name = dotted(alias.name) or ""
                    out[alias.evaluated_alias or name] = f"{dotted(small.module)}.{name}"
            elif isinstance(small, cst.Import):
                for alias in small.names:
                    if alias.asname is not None:
                        out[alias.evaluated_alias or ""] = dotted(alias.name) or ""
    return out


_STORAGE = "STATICFILES_STORAGE"
_TRACKED = ("STATIC_ROOT", _STORAGE, "STORAGES")


@dataclass
class _Reading:
    read: FileReader
    root: str  # the folder whose modules the settings import (where manage.py is)
    cwd: str
    env: _Env
    storage: str | None = None
    depth: int = 0


def _module_file(reading: _Reading, module: str, here: str, level: int) -> tuple[str, str] | None:
    """(path, text) of a settings module, by its dotted name (relative to ``here`` when ``level``)."""
    base = posixpath.dirname(here)
    for _ in range(max(level - 1, 0)):
        base = posixpath.dirname(base)
    folder = posixpath.join(base if level else reading.root, *module.split(".")) if module else base
    for path in (folder + ".py", posixpath.join(folder, "__init__.py")):
        text = reading.read(path)
        if text is not None:
            return path, text
    return None


def _star_import(reading: _Reading, small: cst.ImportFrom, here: str) -> None:
    """``from .base import *``: the names of that module, read first (three levels at most)."""
    level = len(small.relative)
    found = _module_file(reading, dotted(small.module) or "" if small.module else "", here, level)
    if found is None or reading.depth >= 3:
        _unknown(reading, set(_TRACKED))  # it may set them
        return
    reading.depth += 1
    _read_settings(reading, *found)
    reading.depth -= 1


class _Assigned(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def _add(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.names.add(target.value)
        elif isinstance(target, cst.Tuple | cst.List):
            for element in target.elements:
                self._add(element.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._add(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._add(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._add(node.target)


def _assigned_in(node: cst.CSTNode) -> set[str]:
    """The names a statement may assign (an ``if``, ``try`` or ``with`` at the top of the module, ``A = B = x``)."""
    visitor = _Assigned()
    node.visit(visitor)
    return visitor.names


def _unknown(reading: _Reading, names: set[str]) -> None:
    for name in names:
        reading.env[name] = None  # assigned on some paths only, or in a way not read: not known
    if names & {_STORAGE, "STORAGES"}:
        reading.storage = "unknown"


def _storage(reading: _Reading, name: str, value: cst.BaseExpression) -> None:
    if name == _STORAGE:
        reading.storage = string(value) or "unknown"
        return
    backend = None  # STORAGES = {"staticfiles": {"BACKEND": "..."}}
    if isinstance(value, cst.Dict):
        for element in value.elements:
            if isinstance(element, cst.DictElement) and string(element.key) == "staticfiles" \
                    and isinstance(element.value, cst.Dict):
                backend = next((string(e.value) for e in element.value.elements
                                if isinstance(e, cst.DictElement) and string(e.key) == "BACKEND"), None)
    reading.storage = backend or "unknown"


def _read_settings(reading: _Reading, path: str, text: str) -> None:
    module = parse(text)
    if module is None:
        _unknown(reading, set(_TRACKED))
        return
    evaluator = _Evaluator(path, reading.cwd, reading.env, _aliases(module))
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            _unknown(reading, _assigned_in(stmt))
            continue
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom) and isinstance(small.names, cst.ImportStar):
                _star_import(reading, small, path)
            elif isinstance(small, cst.Assign) and len(small.targets) == 1 \
                    and isinstance(small.targets[0].target, cst.Name):
                name = small.targets[0].target.value
                reading.env[name] = evaluator.value(small.value)
                if name in (_STORAGE, "STORAGES"):
                    _storage(reading, name, small.value)
            else:
                _unknown(reading, _assigned_in(small))


def read_django_settings(read: FileReader, path: str, root: str, cwd: str) -> DjangoSettings | None:
    """The settings module at ``path`` (absolute), whose project's modules are under ``root`` and which
    runs in ``cwd``; None when the build context does not have it."""
    text = read(path)
    if text is None:
        return None
    reading = _Reading(read, root, cwd, {})
    _read_settings(reading, path, text)
    static_root = reading.env.get("STATIC_ROOT")
    return DjangoSettings(path, static_root.text if static_root else None, reading.storage)


def settings_module_of(manage_py: str) -> str | None:
    """The settings module a manage.py names (``os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x.y")``)."""
    module = parse(manage_py)
    if module is None:
        return None
    for call in _calls(module):
        name = dotted(call.func) or ""
        if name.endswith("setdefault") and len(call.args) == 2 and \
                string(call.args[0].value) == "DJANGO_SETTINGS_MODULE":
            return string(call.args[1].value)
    return None


def django_settings(read: FileReader, manage_py: str, cwd: str, module: str | None = None) -> DjangoSettings | None:
    """The settings a ``manage.py`` (absolute path) runs with: ``module`` (DJANGO_SETTINGS_MODULE or
    ``--settings``), else the one manage.py names."""
    if module is None:
        text = read(manage_py)
        module = settings_module_of(text) if text is not None else None
    if not module or not re.fullmatch(r"[A-Za-z_][\w.]*", module):
        return None
    root = posixpath.dirname(manage_py)
    for path in (posixpath.join(root, *module.split(".")) + ".py",
                 posixpath.join(root, *module.split("."), "__init__.py")):
        found = read_django_settings(read, path, root, cwd)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------- programs the code runs

# the calls that run a program: its command line, a list of words or one string a shell splits, is the first argument
_RUNNERS = frozenset({"run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"})
_OS_RUNNERS = frozenset({"system", "popen"})
_BIN_PATH = re.compile(r"""['"]/(?:usr/(?:local/)?)?s?bin/([\w.+-]+)['"]""")


def programs_called(text: str) -> tuple[str, ...]:
    """The programs a Python module runs by name through subprocess or os (``subprocess.run(['/usr/bin/git',
    'pull'])``: git; ``os.system('curl -s ...')``: curl), by the first word of a command line written as a literal,
    or by a path of the system's program folders in a string of a module that runs programs (``'/usr/bin/git'``).
    The bare names (``run(...)``) count only where the module imports them from subprocess."""
    # a program named by its path in a string (`self.git = '/usr/bin/git'`, run later through the attribute)
    out: list[str | None] = _BIN_PATH.findall(text) if "subprocess" in text or "os." in text else []
    module = parse(text) if ("subprocess" in text or "os." in text) else None
    if module is None:
        return program_names(out)
    bare = "from subprocess import" in text
    for call in _calls(module):
        name = dotted(call.func) or ""
        head, _, last = name.rpartition(".")
        runs = (head == "subprocess" and last in _RUNNERS) or (head == "os" and last in _OS_RUNNERS) \
            or (bare and not head and last in _RUNNERS)
        if not runs or not call.args or call.args[0].keyword is not None:
            continue
        first = call.args[0].value
        if isinstance(first, cst.List | cst.Tuple):
            word = string(first.elements[0].value) if first.elements and isinstance(first.elements[0], cst.Element) \
                else None
        else:
            line = string(first)
            word = line.split()[0] if line and line.split() else None
        out.append(word)
    return program_names(out)
