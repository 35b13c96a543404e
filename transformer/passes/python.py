"""Python: pip (plain, --user, --prefix, --target, venvs; a virtual environment on the official image and on
Alpine; pip's user base, with PIP_USER, on a distribution's Python whose prefix holds its own files, or, where the
user base would not serve, pip tracked under /usr/local), setup.py,
poetry, uv, pipenv, easy_install, venv creation, test runners, Django's manage.py, data downloads and code
generation; and the reasons a Python step cannot be placed (an image whose Python layout is unknown, conda, the
project's own scripts)."""

from __future__ import annotations

import codecs
import dataclasses
import enum
import functools
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import InvalidVersion, Version

from .. import analysis, thirdparty, tracking
from ..analysis import Artifact, Claim, Role, RunContext, env_pairs, expand, has_flag, option_value, positional
from ..claims import CONDA_PREFIX, Environment, Finish, Housekeeping, Pass, StageFacts
from ..composefile import mounted_over
from ..distro import buildpack_dev_base, commands_in, package_providing_everywhere, release_of
from ..images import ImageRef, data, minor_version, runtime_image
from ..official import chain
from ..packages import (
    by_ldd_note,
    is_guess,
    left_installed,
    maps,
    program_note,
    python_headers,
    recommended_parts,
    runtime_libraries,
    unnamed,
)
from ..pysource import django_settings, project_requirements, setup_py
from ..shell import Command

NAME = "python"

_PYTHON = re.compile(r"^python(\d(\.\d+)?)?$")
# the reason of the claims of the commands that make a virtual environment (venv, virtualenv, uv venv)
_CREATES_VENV = "creates a virtual environment"


class _Tag(enum.Enum):
    """What this pass marks a claim as (``Claim.tag``), for its finish to find it by."""

    VENV = "venv"  # a command that makes a virtual environment (venv, virtualenv, uv venv)
    TRACKED_PIP = "tracked-pip"  # pip installing as written into the image's own Python, tracked under /usr/local


_PIP = re.compile(r"^pip(\d(\.\d+)?)?$")
# test runners, and the linters and type checkers that judge the code without changing it
_CHECKERS = {"flake8", "pylint", "pycodestyle", "pyflakes", "pydocstyle", "mypy", "bandit"}
_TEST_MODULES = {"pytest", "unittest", "nose2", "tox", "nox"} | _CHECKERS
_TEST_TOOLS = {"pytest", "py.test", "tox", "nox", "nose2"} | _CHECKERS


def _args(cmd: Command) -> tuple[str | None, ...]:
    return cmd.args


def _pip_args(cmd: Command) -> tuple[str | None, ...] | None:
    """The arguments after ``pip`` when the command runs pip, else None."""
    name = cmd.name or ""
    args = _args(cmd)
    if _PIP.match(name):
        return _after_global_options(args)
    if _PYTHON.match(name) and len(args) >= 2 and args[0] == "-m" and args[1] and _PIP.match(args[1]):
        return _after_global_options(args[2:])
    if name == "uv" and len(args) >= 1 and args[0] == "pip":
        return args[1:]
    return None


_PIP_GLOBAL_VALUES = frozenset({"--log", "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host",
                                "--cert", "--client-cert", "--cache-dir", "--python", "--use-feature",
                                "--use-deprecated"})


def _after_global_options(args: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """pip's arguments from its subcommand on (``pip --disable-pip-version-check -q install x``); the
    options before the subcommand still count for it (``--no-cache-dir``), so they move after it."""
    k = 0
    while k < len(args) and args[k] is not None and (args[k] or "").startswith("-"):
        k += 2 if args[k] in _PIP_GLOBAL_VALUES else 1
    if k == 0 or k >= len(args):
        return args
    return (args[k], *args[:k], *args[k + 1:])


def _python_version(ctx: RunContext) -> str | None:
    m = re.match(r"^(\d+\.\d+)", ctx.image.tag)
    if ctx.kind == "python" and m:
        return m.group(1)
    if ctx.kind == "python" and re.match(r"^2(\D|$)", ctx.image.tag):
        return "2.7"  # Python 2 ended with 2.7
    return None


_SYSTEM_BINS = frozenset({"/usr/local/bin", "/usr/bin", "/bin"})


def _venv_of(cmd: Command, ctx: RunContext) -> str | None:
    """The virtual environment a pip command installs into, if any."""
    argv0 = cmd.argv[0].value or ""
    if "/bin/" in argv0 and posixpath.dirname(argv0) not in _SYSTEM_BINS:  # /usr/bin/pip: the image's own
        # ./.venv/bin/pip is the environment under WORKDIR: a COPY --from reads its source from the stage's root
        return ctx.abspath(argv0.split("/bin/")[0]) if argv0.split("/bin/")[0] else None
    venv = dict(cmd.assignments).get("VIRTUAL_ENV") or ctx.getenv("VIRTUAL_ENV")
    if venv:
        return venv
    path = ctx.getenv("PATH") or ""
    user_bin = f"{ctx.getenv('PYTHONUSERBASE')}/bin"  # pip's user base (PIP_USER) puts its commands there
    # a JDK's commands (eclipse-temurin's and tomcat's PATH has /opt/java/openjdk/bin): java, no pip
    java_bin = f"{(ctx.getenv('JAVA_HOME') or '').rstrip('/')}/bin"
    for part in path.split(":"):
        if part.endswith("/bin") and part not in ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin",
                                                  "/usr/local/sbin", "/root/.local/bin", user_bin, java_bin):
            if any(s in part for s in ("venv", "virtualenv", ".venv")) or _conda_env(part, ctx) or (
                    "/opt/" in part and _shown_as_venv(part[: -len("/bin")], ctx)):
                return part[: -len("/bin")]
    return None


_VENV_FILES = ("activate", "python", "pip")


def _shown_as_venv(prefix: str, ctx: RunContext) -> bool:
    """Whether the stage shows ``prefix`` (a folder in /opt whose bin/ is on PATH) to be a virtual environment: a
    command of the stage makes one there (``python3 -m venv /opt/app``, ``virtualenv``, ``uv venv``), or the file
    names its activate script, python or pip (``. /opt/app/bin/activate`` in a RUN, an ENV's value, the CMD's
    ``/opt/app/bin/python``). A folder in /opt is as often a tool's
    (/opt/confd/bin, dev file 2f1a5046; the gem home /opt/gems the tool itself puts on PATH, 74bc478c), whose bin/
    has no pip: pip there is the system's."""
    for c in ctx.stage_commands:
        name = posixpath.basename(c.name or "")
        words = [a if a is not None else expand(w.text, ctx.env) for a, w in zip(c.args, c.argv[1:], strict=True)]
        if name in ("virtualenv", "pyvenv"):
            rest = words
        elif re.match(r"^python[23]?(\.\d+)?$", name) and _venv_module(words):
            rest = words[2:]
        elif name == "uv" and words[:1] == ["venv"]:
            rest = words[1:]
        else:
            continue
        targets = [w for w in rest if w and not w.startswith("-")]
        if targets and posixpath.normpath(targets[-1]) == prefix:
            return True
    named = re.compile(re.escape(prefix) + r"/bin/(" + "|".join(_VENV_FILES) + r")\b")
    texts = (*ctx.writes, *(v for _, v in ctx.env), *(w or "" for line in ctx.runs for w in line))
    return any(named.search(text) for text in texts)


def _venv_module(args: Sequence[str | None]) -> bool:
    """Whether a python's arguments begin ``-m venv`` or ``-m virtualenv``: it makes a virtual environment."""
    return tuple(args[:2]) in (("-m", "venv"), ("-m", "virtualenv"))


def _conda_env(bin_dir: str, ctx: RunContext) -> bool:
    """A conda prefix the file installed (``PREFIX/bin``), or one of its environments (``PREFIX/envs/NAME/bin``):
    its pip installs into it."""
    prefix = bin_dir[: -len("/bin")]
    return any(prefix == out or (prefix.startswith(out + "/envs/") and prefix.count("/") == out.count("/") + 2)
               for out in ctx.outputs if _CONDA_OUTPUT.search(out))


_CONDA_OUTPUT = re.compile(r"(?i)conda|mamba|miniforge")


_PIP_TAKES_VALUE = frozenset({"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
                              "--extra-index-url", "-f", "--find-links", "--trusted-host", "--root", "--platform",
                              "--python-version", "--implementation", "--abi", "--progress-bar", "--src",
                              "--upgrade-strategy", "--cache-dir", "--log", "--timeout", "--retries", "--proxy",
                              "--python", "-p", "--no-binary", "--only-binary"})
_SPEC_END = re.compile(r"[<>=!~\[;@ ]")


def _only_build_tools(inst: tuple[str | None, ...]) -> bool:
    """``pip install --upgrade pip setuptools wheel`` and the like: packages that only build or install others."""
    if has_flag(inst, "-r", "--requirement", "-e", "--editable"):
        return False
    specs = positional(inst, _PIP_TAKES_VALUE)
    if not specs or any(spec is None for spec in specs):
        return False
    tools = set(data("commands.json")["python_build_tools"])
    return all(_SPEC_END.split(spec or "", 1)[0].lower().replace("_", "-") in tools for spec in specs)


_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_LOCK_NAME = re.compile(r'^name\s*=\s*"([^"]+)"', re.M)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# the byte order marks pip reads a requirements file by (UTF-32's first: UTF-16's little-endian mark begins it)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le"))


def _pip_text(text: str) -> str:
    """A requirements file's text as pip reads it: by its byte order mark (``pip freeze > requirements.txt`` in
    PowerShell writes UTF-16), else as UTF-8. The context reader gives the bytes as UTF-8 with surrogateescape,
    which gives them back whole."""
    raw = text.encode("utf-8", "surrogateescape")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, "replace")
    return text


def _read_requirements(ctx: RunContext, path: str) -> str | None:
    """A requirements file of the image (absolute, or relative to WORKDIR), decoded as pip decodes it."""
    text = ctx.read_file(path)
    return None if text is None else _pip_text(text)


def _requirement_specs(text: str, ctx: RunContext, depth: int = 0) -> list[str]:
    """The requirements of a requirements file (``Pillow==8.1.0``, without options or comments), and of the
    files it names."""
    specs: list[str] = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")) and depth < 3:
            nested = _read_requirements(ctx, line.split(None, 1)[1].strip())
            specs += _requirement_specs(nested, ctx, depth + 1) if nested else []
        elif line and not line.startswith(("#", "-")) and _NAME.match(line):
            specs.append(re.sub(r"\s+--\S.*$|\s*\\$", "", line))  # its --hash options, a line continuation
    return specs


def _installed_specs(cmd: Command, ctx: RunContext) -> list[str] | None:
    """The requirements a pip command installs (``Pillow==8.1.0``), as far as the build context tells (None:
    a requirements file it does not have)."""
    args = [a for a in (_pip_args(cmd) or ()) if a is not None]
    specs: list[str] = []
    for k, a in enumerate(args):
        if a in ("-r", "--requirement") and k + 1 < len(args) or a.startswith("--requirement="):
            path = a.split("=", 1)[1] if "=" in a else args[k + 1]
            text = _read_requirements(ctx, path)
            if text is None:
                return None
            specs += _requirement_specs(text, ctx)
    named = [a for a in positional(tuple(args), _PIP_TAKES_VALUE)[1:] if a]
    return specs + [a for a in named if (m := _NAME.match(a)) and "/" not in (n := m.group(1)) and n != "."]


# the lock file each installer reads the projects it installs from
_LOCK_FILES = {"poetry": "poetry.lock", "uv": "uv.lock", "pipenv": "Pipfile.lock"}


def _installed_projects(cmd: Command, ctx: RunContext, tool: str) -> list[str] | None:
    """The projects an install command brings in, as far as the build context tells (None: unknown)."""
    if tool == "pip":
        specs = _installed_specs(cmd, ctx)
        return None if specs is None else [m.group(1) for m in map(_NAME.match, specs) if m]
    lock = _LOCK_FILES.get(tool)
    text = ctx.read_file(lock) if lock else None  # where a COPY put it (`COPY ./flask .`), else the context's root
    if tool == "pipenv":
        try:
            return list(json.loads(text).get("default", {})) if text else None
        except ValueError:
            return None
    return _LOCK_NAME.findall(text) if text is not None else None


def _spec_name(spec: str) -> str:
    m = _NAME.match(spec)
    return m.group(1) if m else spec


def _native(cmd: Command, ctx: RunContext, tool: str, built: list[SourceBuilt]) -> tuple[tuple[str, str], ...]:
    """(project, -dev package) for the projects installed here that build against a system library; on the full
    image, which the runtime leaves for its slim variant, also those that link one only when its headers are there
    (uWSGI and libxml2), those pinned to a release PyPI has no wheel of for the image's Python (``built``), and
    (project, package) for those that run a program of that image (GitPython and git: :func:`_program_packages`);
    with the release's own python3, those that embed it (uWSGI and libpython3-dev: :func:`_distribution_python3`)."""
    table = data("python_native.json")["debian"]
    keys: tuple[str, ...] = ("debian_when_present", *_AS_THEY_ARE) if _leaves_full(ctx.image) else ()
    if _distribution_python3(ctx):
        keys = (*keys, "debian_on_distribution_python")
    if keys:
        extra = [data("python_native.json")[key] for key in keys]
        table = {k: [*table.get(k, ()), *(p for more in extra for p in more.get(k, ()))]
                 for k in {*table, *(k for more in extra for k in more)}}
    out: list[tuple[str, str]] = []
    headers = (python_headers((*ctx.installed, *ctx.installed_here)) or ("", "libpython3-dev"))[1]
    for name in _installed_projects(cmd, ctx, tool) or []:
        for dev in table.get(_normal(name), ()):
            dev = headers if dev == "libpython3-dev" else dev  # python3.11-dev's own: libpython3.11
            if (name, dev) not in out:
                out.append((name, dev))
    out += [n for n in _setup_py_native(cmd, ctx, tool, table) if n not in out]
    out += [n for b in built for n in ((b.pin, dev) for dev in b.dev) if n not in out]
    return tuple(out) + _unread_embedder(cmd, ctx, tool)


def _unread_embedder(cmd: Command, ctx: RunContext, tool: str) -> tuple[tuple[str, str], ...]:
    """With the release's own python3 and its headers installed (python3-dev), a pip install of projects the build
    context does not show may build one that embeds Python (uWSGI, which has no wheel): its shared library,
    libpython3.X, which the runtime's python3 does not bring, stays (dev 30483771: `libpython3.11.so.1.0: cannot
    open shared object file` once python3-dev moved to the builder)."""
    if tool != "pip" or not _distribution_python3(ctx):
        return ()
    headers = python_headers((*ctx.installed, *ctx.installed_here))
    if headers is None:
        return ()
    local = _local_requirements(cmd, ctx)
    if local is not None and _installed_projects(cmd, ctx, tool) is not None:
        embedders = sorted(n for n in local if _normal(n) in _EMBEDDERS)
        return ((f"{embedders[0]}, which the project pip installs depends on,", headers[1]),) if embedders else ()
    named = " or ".join(_requirement_files(tuple(_pip_args(cmd) or ()))) or "the file pip reads"
    return ((f"uWSGI, if {named} (not in the build context) names it,", headers[1]),)


# the PyPI projects that link the interpreter's shared library (python_native.json's debian_on_distribution_python)
_EMBEDDERS = frozenset(data("python_native.json")["debian_on_distribution_python"])


def _local_requirements(cmd: Command, ctx: RunContext) -> tuple[str, ...] | None:
    """What the local projects a pip command installs (``pip install /src``, ``.``) depend on, as their
    pyproject.toml or setup.py in the build context declares it: () for none; None where one's is not shown."""
    found: tuple[str, ...] = ()
    for project in _local_projects(cmd, ctx, "pip"):
        listed = project_requirements(ctx.read_file, project)
        if listed is None:
            return None
        found += listed
    return found


def _distribution_python3(ctx: RunContext) -> bool:
    """Whether pip runs with the Debian or Ubuntu release's own python3, which the file installs with apt (python3,
    python3-pip, python3-dev), on an image of no Python of its own: its shared library (libpython3.X) is a package
    the runtime's python3 does not bring."""
    if ctx.image.is_alpine or ctx.kind == "python":
        return False
    found = _interpreters(list(ctx.installed), alpine=False)
    return bool(found) and all(re.fullmatch(r"python3(\.\d+)?", p) for p in found)


def _leaves_full(image: ImageRef) -> bool:
    """Whether the stage is on the full image (buildpack-deps' headers) and the runtime leaves it for the slim one."""
    return buildpack_dev_base(image.shown) is not None and runtime_image(image.shown) != image.shown


def _source_builds(cmd: Command, ctx: RunContext, tool: str) -> list[SourceBuilt]:
    """The pins a pip command builds from source on the full image, which the runtime leaves for its slim
    variant, for want of a wheel for the image's Python (:func:`source_built`)."""
    if tool != "pip" or not _leaves_full(ctx.image):
        return []
    specs = _installed_specs(cmd, ctx) or []
    found = source_built(specs, _python_version(ctx) or _floating_python(ctx))
    return found + [b for b in _told_from_source(specs, _no_binary(cmd, ctx))
                    if _normal(_spec_name(b.pin)) not in {_normal(_spec_name(f.pin)) for f in found}]


def _no_binary(cmd: Command, ctx: RunContext) -> frozenset[str]:
    """The projects pip is told to build from source, normalized (``:all:`` for all): ``--no-binary lxml,pillow``
    on its command line, PIP_NO_BINARY, or a ``--no-binary`` line of a requirements file it reads."""
    args = [a or "" for a in _pip_args(cmd) or ()]
    values = [args[k + 1] for k, a in enumerate(args[:-1]) if a == "--no-binary"]
    values += [a.split("=", 1)[1] for a in args if a.startswith("--no-binary=")]
    values += [v for v in (dict(cmd.assignments).get("PIP_NO_BINARY"), ctx.getenv("PIP_NO_BINARY")) if v]
    for k, a in enumerate(args[:-1]):
        text = _read_requirements(ctx, args[k + 1]) if a in ("-r", "--requirement") else None
        values += _NO_BINARY_LINE.findall(text or "")
    names: set[str] = set()
    for value in values:
        for name in value.split(","):
            if name == ":none:":
                names.clear()
            elif name:
                names.add(name if name == ":all:" else _normal(name))
    return frozenset(names)


_NO_BINARY_LINE = re.compile(r"(?m)^\s*--no-binary[=\s]\s*(\S+)")


def _told_from_source(specs: list[str], names: frozenset[str]) -> list[SourceBuilt]:
    """The requirements of ``specs`` pip is told to build from source (:func:`_no_binary`) though their wheels
    bundle their libraries (data/python_wheels.json): they link the system libraries of the image's headers."""
    projects = data("python_wheels.json")["projects"]
    out: list[SourceBuilt] = []
    for spec in specs:
        name = _normal(_spec_name(spec))
        if name in projects and (name in names or ":all:" in names):
            out.append(SourceBuilt(_spec_name(spec), "", tuple(projects[name]["dev"]), told=True))
    return out


@dataclasses.dataclass(frozen=True)
class SourceBuilt:
    """A requirement pinned (``==``) to a release PyPI has no manylinux wheel of for the image's Python: pip builds
    it from source, linking the libraries of ``dev`` whose headers the image has (data/python_wheels.json)."""

    pin: str  # Pillow==8.1.0
    python: str  # 3.11
    dev: tuple[str, ...]
    told: bool = False  # pip is told to build it from source (--no-binary), whatever its wheels

    def note(self) -> str:
        if self.told:
            return (f"pip builds {self.pin} from source (--no-binary) on the full image, linking those of "
                    f"{', '.join(self.dev)} whose headers that image has: the runtime installs the run-time libraries "
                    "of them all, as which ones the image has is not known here")
        python = f"Python {self.python}" if self.python != FLOATING_PYTHON else \
            "some of the Pythons from 3.11 on that the image's tag leaves open"
        return (f"{self.pin} has no manylinux wheel for {python} on PyPI (data/python_wheels.json), so "
                f"pip builds it from source on the full image, linking those of {', '.join(self.dev)} whose headers "
                "that image has: the runtime installs the run-time libraries of them all, as which ones the image "
                "has is not known here")


# the Python of an official python tag that names no minor version (python:3, python:latest, python:3-slim): 3.11
# or newer (python:3 has been 3.11 since October 2022), whichever it is when the image is pulled
FLOATING_PYTHON = "3.11+"


def _floating_python(ctx: RunContext) -> str | None:
    """:data:`FLOATING_PYTHON` for an official python image whose tag names no version or Python 3 alone."""
    major = re.match(r"\d+", ctx.image.tag)
    if ctx.kind == "python" and not ctx.image.registry and minor_version(ctx.image) is None \
            and (major is None or major[0] == "3"):
        return FLOATING_PYTHON
    return None


def source_built(specs: list[str], python: str | None) -> list[SourceBuilt]:
    """The requirements of ``specs`` pip builds from source on CPython ``python`` (``3.11``; FLOATING_PYTHON: any
    from 3.11 on) though the project's wheels bundle their libraries: pinned with ``==`` to a release the data know,
    with no wheel for it (for a floating tag, for one of those Pythons: rp17 jspada200/jvspad's Pillow 9.0.1, whose
    wheels end with 3.10, on python:3). A range, an unknown release or an unknown Python: none (pip may well find a
    wheel)."""
    projects = data("python_wheels.json")["projects"]
    minors = _minors(python, projects)
    out: list[SourceBuilt] = []
    for spec in specs:
        pin = _pin(spec)
        project = projects.get(_normal(pin[0])) if pin else None
        if pin is None or project is None or not minors:
            continue
        wheels = next((w for v, w in project["wheels"].items() if _same_release(v, pin[1])), None)
        if wheels is not None and not set(minors) <= set(wheels.split()):
            out.append(SourceBuilt(f"{pin[0]}=={pin[1]}", python or "", tuple(project["dev"])))
    return out


def _minors(python: str | None, projects: dict[str, Any]) -> list[str]:
    """The CPython 3 minor versions ``python`` may be (``3.11``: 11; FLOATING_PYTHON: 11 to the newest the data
    know a wheel for), as python_wheels.json names them."""
    if python == FLOATING_PYTHON:
        return [str(m) for m in range(11, _newest_minor() + 1)]
    minor = re.fullmatch(r"3\.(\d+)", python or "")
    return [minor.group(1)] if minor else []


@functools.cache
def _newest_minor() -> int:
    """The newest CPython 3 minor version python_wheels.json knows a wheel for."""
    projects = data("python_wheels.json")["projects"]
    return max(int(m) for p in projects.values() for w in p["wheels"].values() for m in w.split())


def _pin(spec: str) -> tuple[str, str] | None:
    """(project, release) of a requirement pinned to one release (``Pillow[extra]==8.1; python_version > "3"``),
    read by packaging as pip reads it; None for a range, a wildcard (``==9.1.*``) or what is not a requirement."""
    try:
        requirement = Requirement(spec.strip())
    except InvalidRequirement:
        return None
    pins = list(requirement.specifier)
    if len(pins) != 1 or pins[0].operator != "==" or pins[0].version.endswith(".*"):
        return None
    return requirement.name, pins[0].version


def _same_release(listed: str, pinned: str) -> bool:
    """Whether ``==pinned`` selects the release ``listed`` (``8.1`` is ``8.1.0``), as packaging compares them."""
    try:
        return Version(listed) == Version(pinned)
    except InvalidVersion:
        return listed == pinned


def _project_reader(ctx: RunContext) -> Callable[[str], str | None]:
    """Reads a file of the image under WORKDIR from the build context copied there (no other guess:
    a settings module or a setup.py is read only where the project has it)."""
    top = ctx.workdir.rstrip("/") + "/"
    return lambda path: ctx.read_context(path[len(top):]) if path.startswith(top) else None


def _local_projects(cmd: Command, ctx: RunContext, tool: str) -> list[str]:
    """The folders of the projects an install builds from their source: ``pip install .``, ``pip install
    ./lib``, ``python setup.py install`` (absolute paths)."""
    if tool == "setup.py":
        return [ctx.abspath(posixpath.dirname(cmd.args[0] or "") or ".")]
    args = tuple(a for a in (_pip_args(cmd) or ()) if a is not None)
    specs = [*positional(args, _PIP_TAKES_VALUE)[1:], *_editables(args)]
    return [ctx.abspath(re.sub(r"\[.*\]$", "", s)) for s in dict.fromkeys(specs)
            if s and (s.startswith((".", "/")) or s == ".") and "://" not in s]


def _setup_py_native(cmd: Command, ctx: RunContext, tool: str,
                     table: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(project, -dev package) from a setup.py the install builds: the projects of its install_requires that
    build against a system library (as in a requirements file), and the libraries its extensions link
    against (``Extension(..., libraries=["pq"])``: libpq-dev)."""
    out: list[tuple[str, str]] = []
    for project in _local_projects(cmd, ctx, tool) if tool in ("pip", "setup.py") else []:
        found = setup_py(_project_reader(ctx), project)
        if found is None:
            continue
        for name in found.install_requires or ():
            out += [(name, dev) for dev in table.get(_normal(name), ())]
        for ext in found.ext_modules or ():
            out += [(f"the extension {ext.name or 'of setup.py'}", _LIBRARY_DEV.get(lib, f"lib{lib}-dev"))
                    for lib in ext.libraries if lib not in _C_LIBRARIES]
    return out


# libraries every Debian image has (libc6, libstdc++6, libgcc-s1), and those whose -dev package is not libNAME-dev
_C_LIBRARIES = frozenset({"c", "m", "dl", "pthread", "rt", "util", "crypt", "resolv", "stdc++", "gcc_s"})
_LIBRARY_DEV = {"crypto": "libssl-dev", "z": "zlib1g-dev", "curl": "libcurl4-openssl-dev"}


def _unknown_libraries(native: tuple[tuple[str, str], ...], ctx: RunContext) -> list[str]:
    """The -dev packages built against whose run-time libraries the package map does not know (an Alpine
    image builds against what the file installs)."""
    if ctx.image.is_alpine:
        return []
    known, _ = maps("apt")
    return [dev for _, dev in native if dev not in known and dev not in _program_packages()]


# data/python_native.json's packages the runtime installs as they are, not the run-time libraries of a -dev package:
# those of the programs projects run (GitPython: git), and the libraries wheels load unbundled (LightGBM: libgomp1)
_AS_THEY_ARE = ("commands_when_present", "libraries_when_present")


def _program_packages() -> set[str]:
    """The packages of the programs projects run and of the libraries their wheels load (:data:`_AS_THEY_ARE`)."""
    return {p for key in _AS_THEY_ARE for packages in data("python_native.json")[key].values() for p in packages}


def _loaded_library(package: str) -> bool:
    """Whether ``package`` is one of the libraries wheels load (python_native.json's libraries_when_present)."""
    return any(package in packages for packages in data("python_native.json")["libraries_when_present"].values())


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _falsy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("0", "false", "no", "off")


VENV = "/opt/venv"


def _installs_for_user(cmd: Command) -> bool:
    """An install into the user site (``pip install --user``, ``python setup.py install --user``), which a virtual
    environment does not see (pip in one refuses --user)."""
    pip = _pip_args(cmd)
    if pip is not None:
        return pip[:1] == ("install",) and has_flag(pip, "--user")
    words = cmd.args if _PYTHON.match(cmd.name or "") else (cmd.name, *cmd.args)
    return bool(words) and posixpath.basename(words[0] or "") == "setup.py" and {"install", "--user"} <= set(words)


_IMAGE_SITE = re.compile(r"^/usr/local/lib/python[\d.]+/(site|dist)-packages$")
# a path in the image's site-packages a RUN names (`sed -i ... /usr/local/lib/python3.11/site-packages/gevent/ssl.py`)
_NAMES_IMAGE_SITE = re.compile(r"(?<![\w.$/-])/usr/local/lib/python[\d.]+/(site|dist)-packages(/|$)")
_MAKE_VENV = Environment(
    VENV, f"python -m venv {VENV}", (("VIRTUAL_ENV", VENV), ("PATH", f"{VENV}/bin:$PATH")),
    "a virtual environment made before the first install: the runtime copies one folder, whatever the "
    "image's Python version, and the packages' commands come with it")


def _into_environment(ctx: RunContext, tool: str, venv: str | None, *, base_scheme: bool = False,
                      make_venv: bool = False, pip_env: bool = False) -> Claim | None:
    """An install into the active virtual environment; else, on the official python image, into a virtual
    environment made for it (``make_venv``) or the image's site-packages; under /usr/local on a
    distribution image (whose /usr/local is empty); into the user's site as another user than root.

    ``base_scheme``: the installer uses the scheme of the interpreter's base Python (poetry does). Where
    that is Debian's python3 (images built on it, such as look-alikes of the official ones), packages
    go to dist-packages instead: that folder comes along too, made empty in the builder if missing.

    ``pip_env``: the installer is pip, which reads PIP_USER: with a distribution's Python (Alpine's; Debian's
    on the images of other ecosystems), it installs into pip's user base, apart from the distribution's files."""
    if venv:
        return Claim(Role.BUILD, NAME, f"{tool} installs into the virtual environment {venv}",
                     artifacts=(Artifact(venv, reason="the virtual environment"),))
    if make_venv and any(_IMAGE_SITE.match(out) for out in ctx.outputs):
        make_venv = False  # an install before went into the image's Python, which the environment's would hide
    if _under_user_base(ctx):
        return _user_base_ignored(tool, pip_env)
    if make_venv and ctx.user not in (None, "", "root", "0") and ctx.kind in ("python", "system"):
        local = f"{ctx.likely_home()}/.local"  # pip falls back to the user's site when site-packages is not writable
        return Claim(Role.BUILD, NAME, f"{tool} installs into {local} (the user cannot write the image's Python)",
                     artifacts=(Artifact(local, reason="packages pip installed for the user"),))
    # the environment's Python would hide the user site a --user install of the stage fills (pip in it refuses one)
    user_site = any(map(_installs_for_user, ctx.stage_commands))
    # a RUN of the stage names a path in the image's site-packages (edits an installed package's file there), a COPY
    # or ADD puts a file there (which the environment's Python would not see), or the image's CMD or ENTRYPOINT runs
    # a module's file by its path there
    site_named = any(_NAMES_IMAGE_SITE.search(w.text) for c in ctx.stage_commands for w in c.argv) \
        or any(_NAMES_IMAGE_SITE.search(text) for text in ctx.writes) \
        or any(_NAMES_IMAGE_SITE.search(w or "") for run in ctx.runs for w in run)
    venv_fits = ctx.kind == "python" and make_venv and not user_site and not site_named \
        and not ctx.image.tag.startswith("2")  # none in 2
    # `VOLUME /opt`: a volume mounted there would hide the environment; the packages go where the file installs them
    hidden = ctx.volume_over(VENV) if venv_fits else None
    if venv_fits and not hidden:
        # pip, setup.py and easy_install: the same packages, in a folder of their own
        return Claim(Role.BUILD, NAME, f"{tool} installs into the virtual environment {VENV}",
                     artifacts=(Artifact(VENV, reason="the virtual environment"),), environment=_MAKE_VENV)
    if ctx.kind == "system" and ctx.image.is_alpine and make_venv and not user_site:
        return _alpine_venv(ctx, tool, pip_env)
    if ctx.kind == "system" and not ctx.image.is_alpine:
        return Claim(Role.BUILD, NAME, f"{tool} installs under /usr/local",
                     artifacts=(Artifact("/usr/local", reason=_SYSTEM_LOCAL, whole_dir=True),))
    version = _python_version(ctx)
    if version is None:
        layout = _unknown_layout(ctx, tool)
        if hidden:
            layout = dataclasses.replace(layout, reason=f"{layout.reason}; a virtual environment ({VENV}) would keep "
                                         f"it apart, but in {hidden}, which the VOLUME declares: a volume mounted "
                                         "there at run time would hide it")
        return _user_base(ctx, tool, pip_env and make_venv, layout)
    site = f"/usr/local/lib/python{version}/site-packages"
    artifacts = [Artifact(site, reason="installed Python packages")]
    if base_scheme:
        artifacts.append(Artifact(f"/usr/local/lib/python{version}/dist-packages", ensure=True,
                                  reason=f"where {tool} installs when the image's Python is Debian's"))
    artifacts.append(Artifact("/usr/local/bin", reason="the packages' console scripts"))
    return Claim(Role.BUILD, NAME, f"{tool} installs into the image's site-packages", artifacts=tuple(artifacts))


_SYSTEM_LOCAL = "what was installed under /usr/local (the base image has nothing there)"
# Debian's and Ubuntu's setuptools, which python3-pip depends on (python-pip of Python 2 recommends it), in the
# distribution's dist-packages: pip finds a requirement on setuptools (pkg_resources: gunicorn < 21, old console
# scripts) met there and installs nothing under /usr/local for it -> the package the runtime needs for it. (wheel,
# which pip counts the same way, is left out: few programs import it, and old releases have no python3-wheel.)
_DISTRIBUTION_SETUPTOOLS: dict[str, str] = {
    "python3-pip": "python3-setuptools", "python3-setuptools": "python3-setuptools",
    "python-pip": "python-setuptools", "python-setuptools": "python-setuptools"}


_ALPINE_VENV = Environment(
    VENV, f"python3 -m venv --system-site-packages {VENV}", (("VIRTUAL_ENV", VENV), ("PATH", f"{VENV}/bin:$PATH")),
    "Alpine's Python installs into /usr, among the distribution's own files: a virtual environment made before "
    "the first install keeps what pip adds in one folder the runtime copies, and still sees the Python packages "
    "apk installs (the runtime installs them too)")
_ALPINE_PYTHON3 = frozenset({"python3", "python3-dev", "py3-pip", "py3-setuptools"})
_ALPINE_PYTHON2 = frozenset({"python", "python2", "python-dev", "python2-dev", "py-pip", "py2-pip"})


def _alpine_python3(ctx: RunContext, tool: str) -> str | None:
    """Why the install may not run with a Python 3 an earlier RUN installed with apk (the virtual environment
    is made before the install's RUN, so Python must be there already); None when it does."""
    names = {posixpath.basename(p.split("=", 1)[0]) for p in ctx.installed}
    if not names & _ALPINE_PYTHON3:
        return ("it is made before this RUN, and no RUN before installs Python 3 for it (Python 2 has no venv; "
                "Python 3 installed in the same RUN comes too late)")
    if re.match(r"^`?(pip3|python3)", tool) or not names & _ALPINE_PYTHON2:
        return None
    return f"both Python 2 and 3 are installed, and `{tool.strip('`')}` may be Python 2's (which has no venv)"


def _alpine_venv(ctx: RunContext, tool: str, pip_env: bool = False) -> Claim:
    """On plain Alpine, where the runtime is the same image: a virtual environment over apk's Python 3; where
    none can be made before the install, pip's user base (pip reads PIP_USER)."""
    missing = _alpine_python3(ctx, tool)
    if missing is None and any("ensurepip" in r or re.fullmatch(r"/usr/lib/python[^/]*/?", r) for r in ctx.removed):
        missing = "an earlier RUN deletes ensurepip, which `python3 -m venv` needs"
    if missing:
        layout = _unknown_layout(ctx, tool)
        return _user_base(ctx, tool, pip_env, dataclasses.replace(
            layout, reason=f"{layout.reason}; a virtual environment would keep it apart, but {missing}"))
    return Claim(Role.BUILD, NAME, f"{tool} installs into the virtual environment {VENV}",
                 artifacts=(Artifact(VENV, reason="the virtual environment"),), environment=_ALPINE_VENV)


USER_BASE = "/opt/python"
_PIP_USER = Environment(
    USER_BASE, "", (("PYTHONUSERBASE", USER_BASE), ("PATH", f"{USER_BASE}/bin:$PATH")),
    f"pip installs into {USER_BASE} with PIP_USER, copied alone: the distribution's Python keeps its own files "
    "under /usr, pip puts what it adds in its user base (lib/pythonX.Y/site-packages, commands in bin) whatever "
    "the Python version, and the runtime reads it there through PYTHONUSERBASE",
    builder_env=(("PIP_USER", "1"),))


# the same user base on an image the tool does not know, where the runtime starts from the same image
_PIP_USER_SAME_IMAGE = dataclasses.replace(
    _PIP_USER,
    reason=f"pip installs into {USER_BASE} with PIP_USER, copied alone: the runtime starts from the same image, so "
           "the packages the image already has stay where they are and pip installs only what is missing into its "
           "user base (lib/pythonX.Y/site-packages, commands in bin); assumed: the image's Python reads a user base "
           "(PYTHONUSERBASE; not a virtual environment, no PYTHONNOUSERSITE) and its user is root when pip runs")
_USER_BASES = (_PIP_USER, _PIP_USER_SAME_IMAGE)


def _under_user_base(ctx: RunContext) -> bool:
    """pip installs into the user base the tool chose (PIP_USER set before, with PYTHONUSERBASE)."""
    return ctx.getenv("PYTHONUSERBASE") == USER_BASE and _truthy(ctx.getenv("PIP_USER"))


def _user_install(ctx: RunContext, inst: tuple[str | None, ...], venv: str | None, pip_env: bool) -> Claim | None:
    """``pip install --user``, or pip with PIP_USER set (by the file, or by the tool before an install into a
    distribution's Python): into the user base, $PYTHONUSERBASE or else ~/.local. None: no user install."""
    flag = has_flag(inst, "--user")
    by_env = pip_env and _truthy(ctx.getenv("PIP_USER")) and not has_flag(inst, "--no-user")
    if not (flag or by_env):
        return None
    base = ctx.getenv("PYTHONUSERBASE")
    if by_env and not flag and base == PREFIX and _prefix_layout(ctx) is _PREFIX_USER_BASE and \
            _reaches_usr_local(ctx):
        return None  # the builder's --prefix layout (_PREFIX_USER_BASE), copied to /usr/local: _prefix_claim's
    where = ctx.abspath(base) if base else f"{ctx.likely_home()}/.local"
    if "$" in where:
        return None
    if flag:
        return Claim(Role.BUILD, NAME, "pip --user installs into " + where,
                     artifacts=(Artifact(where, reason="packages pip installed with --user"),))
    clash = next((o for o in ("--target", "-t", "--prefix", "--root") if option_value(inst, o)), None)
    if clash or venv:
        what = f"with {clash}" if clash else f"in the virtual environment {venv}"
        return Claim(Role.BLOCKED, NAME, f"pip installs into {where} with PIP_USER, set before it, but refuses a "
                                         f"user install {what}")
    if _under_user_base(ctx) and ctx.user not in (None, "", "root", "0"):  # the tool's, made by root
        return Claim(Role.BLOCKED, NAME, f"pip installs into {where} with PIP_USER, set before it, but runs as "
                                         f"{ctx.user}, who cannot write {where}")
    return Claim(Role.BUILD, NAME, f"pip installs into {where} with PIP_USER" + (
        ", copied alone" if _under_user_base(ctx) else ""),
        artifacts=_user_base_artifacts(ctx, where))


# where a distribution's pip, as root, puts the commands it installs: Debian's and Ubuntu's pip into /usr/local
# (their Python's install layout for what no package installs), Alpine's into its Python's prefix, /usr, as does
# CentOS 6's and 7's Python 2 (the Python 3 of RHEL-like releases moved pip's installs to /usr/local, as Fedora's)
_COMMANDS_BY_MANAGER = {"apt": "/usr/local/bin", "apk": "/usr/bin", "yum-python2": "/usr/bin"}


def _user_base_artifacts(ctx: RunContext, where: str = USER_BASE) -> tuple[Artifact, ...]:
    """The user base the runtime copies, and its commands a second time into the folder where the install without
    the user base would have put them, as the original has them (read21: a start script runs
    /usr/local/bin/nymms_scheduler, a cron job /usr/bin/curator_cli, by path): where the distribution is known."""
    base = Artifact(where, reason="the packages pip installed into its user base, and their commands")
    folder = _COMMANDS_BY_MANAGER.get(_python_manager(ctx) or "")
    if where != USER_BASE or folder is None:
        return (base,)
    return base, Artifact(f"{USER_BASE}/bin/", dest=f"{folder}/", ensure=True,
                          reason=f"pip's commands, also where the distribution's pip puts them without the user base "
                                 f"({folder}), for a script that runs one by that path")


def _python_manager(ctx: RunContext) -> str | None:
    """The package manager of the distribution whose Python pip runs with: Alpine's apk, Debian's or Ubuntu's apt
    (by the image, or the stage's package commands); None where not known (rpm's Pythons put commands in /usr/bin
    or /usr/local/bin, by version)."""
    if ctx.image.is_alpine:
        return "apk"
    if _centos_python2(ctx):
        return "yum-python2"
    managers = {c.name for c in ctx.stage_commands} & {"apk", "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf"}
    if managers <= {"apk"} and managers:
        return "apk"
    if managers and managers <= {"apt-get", "apt", "aptitude"}:
        return "apt"
    return "apt" if not managers and release_of(ctx.image.shown) is not None else None


def _centos_python2(ctx: RunContext) -> bool:
    """Whether pip runs with CentOS 6's or 7's Python 2: the image is centos:6 or centos:7 (centos:centos7,
    centos:7.9.2009) and the file installs that Python's pip (python-pip, python2-pip), not Python 3's (read34:
    09124200, alex-leonhardt/sensu-grid, whose start script runs /usr/bin/gunicorn)."""
    if ctx.image.registry or ctx.image.repo != "centos":
        return False
    if re.match(r"(?:centos)?[67](?:\.|$)", ctx.image.tag) is None:
        return False
    installed = {_package_name(p) for p in ctx.installed + ctx.installed_here}
    return bool(installed & {"python-pip", "python2-pip"}) and not any(p.startswith("python3") for p in installed)


def _user_base(ctx: RunContext, tool: str, pip_env: bool, fallback: Claim) -> Claim:
    """An install into a distribution's Python (Alpine's; Debian's on another ecosystem's image), whose
    prefix holds the distribution's own files: pip, which reads PIP_USER, installs into its user base
    instead; else ``fallback``, the reason it cannot be placed, told why the user base does not serve."""
    if ctx.image.has_variables or not ctx.image.repo or ctx.kind == "python":
        return fallback
    why = _user_base_obstacle(ctx, tool, pip_env)
    if why is not None:
        return dataclasses.replace(fallback, reason=f"{fallback.reason}; {why}")
    if ctx.kind or ctx.image.is_alpine:
        return Claim(Role.BUILD, NAME, f"{tool} installs into {USER_BASE} with PIP_USER, copied alone",
                     artifacts=_user_base_artifacts(ctx), environment=_PIP_USER)
    return Claim(Role.BUILD, NAME, f"{tool} installs into {USER_BASE} with PIP_USER, copied alone: the runtime starts "
                                   f"from {_image_name(ctx)} too, whose own Python packages stay where they are, and "
                                   "pip installs only what the image lacks",
                 artifacts=_user_base_artifacts(ctx), environment=_PIP_USER_SAME_IMAGE)


def _user_base_obstacle(ctx: RunContext, tool: str, pip_env: bool) -> str | None:
    """Why pip's user base cannot hold this install (None: it can)."""
    shown = f"`{tool.strip('`')}`"
    apart = f"pip would install apart (into {USER_BASE}, with PIP_USER)"
    if not pip_env:
        return f"{apart}, but {shown} does not read pip's settings"
    if ctx.user not in (None, "", "root", "0"):
        return f"{apart}, but it runs as {ctx.user}, who cannot write {USER_BASE}"
    if ctx.getenv("PYTHONNOUSERSITE"):
        return f"{apart}, but PYTHONNOUSERSITE turns the user base off"
    if any(re.fullmatch(r"-[A-Za-z]*[sI][A-Za-z]*", f) for f in _python_options(ctx.runs)):
        return f"{apart}, but the image runs Python with -s or -I, which leave the user base out"
    return None


def _python_options(runs: tuple[tuple[str | None, ...], ...]) -> list[str]:
    """The options before the script or module of the Python commands the image runs (``python3 -u -s app.py``)."""
    out: list[str] = []
    for run in runs:
        if run and _PYTHON.match(posixpath.basename(run[0] or "")):
            for a in run[1:]:
                if not a or not a.startswith("-") or a in ("-m", "-c"):
                    break
                out.append(a)
    return out


def _user_base_ignored(tool: str, pip_env: bool) -> Claim:
    """An install after the tool's PIP_USER, by an installer that does not read it (setup.py, easy_install)
    or by pip told --no-user: it would still write beside the distribution's files."""
    why = "says --no-user" if pip_env else "does not read pip's settings"
    return Claim(Role.BLOCKED, NAME, f"pip installs into {USER_BASE} with PIP_USER, set before the installs, but "
                                     f"`{tool.strip('`')}` {why}: it would write beside the distribution's own "
                                     "files, which cannot be copied alone")


def _image_name(ctx: RunContext) -> str:
    return _ref_name(ctx.image)


def _ref_name(ref: ImageRef) -> str:
    name = f"{ref.registry}/{ref.repo}" if ref.registry else ref.repo
    return f"{name}:{ref.tag}" if ref.tag else name


def _unknown_layout(ctx: RunContext, tool: str) -> Claim:
    """Why what an install into the image's own Python leaves cannot be copied alone: the reason names the
    image and what about it is not known."""
    image = _image_name(ctx)
    tool = f"`{tool.strip('`')}`"
    if ctx.image.has_variables or not ctx.image.repo:
        why = f"{tool} installs into the Python of the base image, which a build argument names: where it " \
              "installs is not known"
    elif ctx.image.is_alpine:
        why = (f"on Alpine ({image}) Python's prefix is /usr: {tool} installs beside the distribution's own files "
               "(site-packages under /usr/lib, commands in /usr/bin), so what it added cannot be copied alone")
    elif ctx.kind == "python":
        why = (f"the tag of {image} does not name the Python version, which names the site-packages folder "
               f"{tool} installs into")
    elif ctx.kind:
        why = (f"{tool} installs with the distribution's Python of {image} under /usr/local, where the image has "
               "files of its own: what it added cannot be told apart to copy it alone")
    else:
        why = (f"{tool} installs into the Python of {image}, an image the tool does not know (not an official "
               "one): where its packages go, and what a runtime could leave out, are not known")
    return Claim(Role.BLOCKED, NAME, why)


def _project_venv(path: str, tool: str) -> Claim:
    return Claim(Role.BUILD, NAME, f"{tool} installs into the project's virtual environment {path}",
                 artifacts=(Artifact(path, reason="the virtual environment"),))


# `poetry config KEY VALUE` settings, as the environment variables poetry reads for them (poetry before 1.0
# named them settings.virtualenvs.*)
_POETRY_SETTINGS = {"virtualenvs.create": "POETRY_VIRTUALENVS_CREATE",
                    "virtualenvs.in-project": "POETRY_VIRTUALENVS_IN_PROJECT",
                    "settings.virtualenvs.create": "POETRY_VIRTUALENVS_CREATE",
                    "settings.virtualenvs.in-project": "POETRY_VIRTUALENVS_IN_PROJECT"}


def _poetry(cmd: Command, ctx: RunContext) -> Claim | None:
    pos = [a for a in positional(cmd.args, frozenset({"-C", "--directory", "-P", "--project"})) if a is not None]
    verb = pos[0] if pos else None
    if verb == "config":
        if len(pos) == 3 and pos[1] in _POETRY_SETTINGS and not has_flag(cmd.args, "--unset"):
            return Claim(Role.NEUTRAL, NAME, sets_env=((_POETRY_SETTINGS[pos[1]], pos[2]),))
        return Claim(Role.NEUTRAL, NAME)
    if verb in ("lock", "check", "export", "--version", "about", "show", "env"):
        return Claim(Role.NEUTRAL, NAME)  # what they write stays in the builder, where pip reads it
    if verb not in ("install", "sync"):
        return None
    project = ctx.abspath(option_value(cmd.args, "--directory", "-C", "--project", "-P") or ".")
    found = _poetry_environment(cmd, ctx, f"`poetry {verb}`", project)
    if found is None or found.role is not Role.BUILD:
        return found
    found = dataclasses.replace(found, leaves_cache=_poetry_cache(cmd, ctx))
    if not _installs_root(cmd, ctx, project):
        return found
    # the project itself, in editable mode: the environment points at its folder, where an older poetry
    # (pip's egg-info) or the project's build script (compiled extensions) writes: it comes along
    return dataclasses.replace(found, artifacts=found.artifacts + (
        Artifact(project, reason="the project poetry installed in editable mode", whole_dir=True),))


def _poetry_cache(cmd: Command, ctx: RunContext) -> str | None:
    """The cache ``poetry install`` leaves (the packages it downloads, before it installs them): POETRY_CACHE_DIR, else
    pypoetry in the user's cache folder; none with --no-cache."""
    if has_flag(cmd.args, "--no-cache"):
        return None
    cache_home = ctx.getenv("XDG_CACHE_HOME") or f"{ctx.likely_home()}/.cache"
    folder = ctx.getenv("POETRY_CACHE_DIR") or f"{cache_home}/pypoetry"
    return None if "$" in folder else ctx.abspath(folder)


# the environment variables poetry reads for its virtualenvs settings, and their keys in poetry.toml's [virtualenvs]
_POETRY_LOCAL_KEYS = {"POETRY_VIRTUALENVS_CREATE": "create", "POETRY_VIRTUALENVS_IN_PROJECT": "in-project",
                      "POETRY_VIRTUALENVS_PATH": "path"}


def _poetry_settings(ctx: RunContext, project: str) -> dict[str, str | None]:
    """poetry's virtualenvs settings, by the variable poetry reads for each (POETRY_VIRTUALENVS_CREATE): the
    environment's (which wins), else the project's own configuration, poetry.toml (``poetry config --local``), where a
    COPY before the install put it in the project's folder (rp20py KirillPoke/ChatgptForumDjango: `create = false`,
    poetry installed into the image's Python). A poetry.toml of the build context that no COPY put there is not read:
    poetry does not see it."""
    where = analysis.context_location(ctx.copied, posixpath.join(project, "poetry.toml"), ctx.read_context)
    table = (analysis.parse_toml(ctx.read_context(where)) or {}).get("virtualenvs") if where is not None else None
    local = table if isinstance(table, dict) else {}
    return {variable: ctx.getenv(variable) if ctx.getenv(variable) is not None else _toml_setting(local.get(key))
            for variable, key in _POETRY_LOCAL_KEYS.items()}


def _toml_setting(value: object) -> str | None:
    """A TOML value as the environment variable for it would say it (true -> "true")."""
    return str(value).lower() if isinstance(value, bool) else value if isinstance(value, str) else None


def _poetry_environment(cmd: Command, ctx: RunContext, tool: str, project: str) -> Claim | None:
    """Where ``poetry install`` installs: an activated virtual environment whatever the settings; with
    virtualenvs.create false, the environment poetry runs in (or its base Python's, when poetry has one of its
    own, as the official installer's); with virtualenvs.in-project, ./.venv."""
    active = dict(cmd.assignments).get("VIRTUAL_ENV") or ctx.getenv("VIRTUAL_ENV")
    if _runs_through(ctx, "poetry"):
        return _poetry_for_run(ctx, tool, project, active)
    if active:
        return None if "$" in active else _into_environment(ctx, tool, ctx.abspath(active))
    settings = _poetry_settings(ctx, project)
    if _falsy(settings["POETRY_VIRTUALENVS_CREATE"]):
        # as root on the official image, a virtual environment the tool makes and activates first, which
        # poetry installs into instead: the runtime copies the packages without poetry (not after the file's
        # own ENV PATH, which the environment's would then follow)
        apart = ctx.user in (None, "", "root", "0") and \
            all(part in _SYSTEM_PATH for part in (ctx.getenv("PATH") or "").split(":"))
        return _into_environment(ctx, tool, _venv_of(cmd, ctx), base_scheme=True, make_venv=apart)
    if _truthy(settings["POETRY_VIRTUALENVS_IN_PROJECT"]):
        return _project_venv(f"{project}/.venv", tool)
    named = settings["POETRY_VIRTUALENVS_PATH"] or \
        (posixpath.join(cache, "virtualenvs") if (cache := ctx.getenv("POETRY_CACHE_DIR")) is not None else None)
    return Claim(Role.BLOCKED, NAME, f"{tool} installs into a virtual environment it makes under "
                                     f"{named or 'its cache folder (~/.cache/pypoetry/virtualenvs)'}, "
                                     "named with a hash of the project's path, "
                                     "which only poetry finds again (`poetry run`): set virtualenvs.create false "
                                     "or virtualenvs.in-project true for a folder the runtime can copy")


_POETRY_IN_PROJECT = Environment(
    "the project's .venv (POETRY_VIRTUALENVS_IN_PROJECT)", "", (("POETRY_VIRTUALENVS_IN_PROJECT", "true"),),
    "poetry makes the project's virtual environment in its folder (.venv) instead of under its cache, with a hash "
    "of the project's path in its name: the runtime copies the project's folder, and its `poetry run` finds the "
    "environment there (poetry 1.0 and later read POETRY_VIRTUALENVS_IN_PROJECT)")


def _poetry_for_run(ctx: RunContext, tool: str, project: str, active: str | None) -> Claim | None:
    """``poetry install`` for an image whose command runs ``poetry run``: poetry in the runtime finds the project's
    environment again in the project's folder (.venv), with virtualenvs.in-project (the builder's and the runtime's
    ENV, where the file sets nothing else). An active environment, or none of poetry's, is found only with settings
    of the builder's RUNs: left alone."""
    settings = _poetry_settings(ctx, project)
    if active or _falsy(settings["POETRY_VIRTUALENVS_CREATE"]):
        where = f"the active virtual environment {active}" if active else "the Python poetry runs with " \
                                                                           "(virtualenvs.create false)"
        return Claim(Role.BLOCKED, NAME, f"{tool} installs into {where}, and the image's command runs `poetry run` "
                                         "with poetry's settings at run time: the tool keeps poetry for it only where "
                                         "the environment is the project's own, in its folder "
                                         "(virtualenvs.in-project)")
    venv = f"{project}/.venv"
    if _truthy(settings["POETRY_VIRTUALENVS_IN_PROJECT"]):
        return dataclasses.replace(_project_venv(venv, tool), note=(
            f"`poetry run` in the runtime is taken to find the environment in {venv}: poetry 1.1 and later use a "
            "project's .venv unless virtualenvs.in-project is false; 1.0 only where the setting is true when it "
            "runs (an ENV sets it there, `poetry config` in a RUN does not)"))
    if settings["POETRY_VIRTUALENVS_PATH"] is not None or ctx.getenv("POETRY_CACHE_DIR") is not None:
        return _poetry_venvs_set(ctx, tool, settings["POETRY_VIRTUALENVS_PATH"])
    mounted = mounted_over(ctx.read_context, venv)
    if mounted is not None:
        return _poetry_cache_venvs(ctx, tool, venv, mounted)
    return Claim(Role.BUILD, NAME, f"{tool} installs into the project's virtual environment {venv}, which "
                                   "virtualenvs.in-project, set for both stages, puts there",
                 artifacts=(Artifact(venv, reason="the virtual environment"),), environment=_POETRY_IN_PROJECT)


def _poetry_venvs_set(ctx: RunContext, tool: str, path: str | None) -> Claim:
    """``poetry install`` for `poetry run` where the file names poetry's folder of environments (virtualenvs.path, or
    POETRY_CACHE_DIR, under which it is virtualenvs/): the runtime copies that folder, where its `poetry run` finds
    the project's environment again (by the project's name and a hash of its path, the same there). Checked after
    virtualenvs.in-project, which puts the environment in the project's .venv whatever the folder (rp28review
    nadavedri/ProspectGeo's POETRY_CACHE_DIR, and the common `POETRY_VIRTUALENVS_IN_PROJECT=1
    POETRY_CACHE_DIR=/tmp/poetry_cache`, had been "not understood")."""
    cache = ctx.getenv("POETRY_CACHE_DIR")
    folder = path if path is not None else posixpath.join(cache or "", "virtualenvs")
    if "$" in folder or not folder.startswith("/"):
        return Claim(Role.BLOCKED, NAME, f"{tool} installs into a virtual environment under {folder}, poetry's "
                                         "folder of environments, whose place the file does not show (a variable, "
                                         "a relative path)")
    return Claim(Role.BUILD, NAME, f"{tool} installs into a virtual environment under {folder}, the folder of "
                                   "environments the file gives poetry, where `poetry run` finds it: the runtime "
                                   "copies that folder",
                 artifacts=(Artifact(posixpath.normpath(folder), reason="poetry's virtual environments",
                                     for_runtime=True),))


def _poetry_cache_venvs(ctx: RunContext, tool: str, venv: str, mounted: tuple[str, str]) -> Claim:
    """``poetry install`` for `poetry run` where a compose service bind-mounts a folder over the project's .venv
    (rp25pypkg Mizhik/intership_back: `.:/app`, which hid /app/.venv, and `poetry run` made an empty one): poetry's
    environments stay under its cache folder, as in the original, and the runtime copies that folder, where its
    `poetry run` finds the project's again (by the project's name and a hash of its path, the same there)."""
    cache = ctx.getenv("XDG_CACHE_HOME") or (f"{home}/.cache" if (home := ctx.home()) else None)
    if cache is None or "$" in cache:
        return Claim(Role.BLOCKED, NAME, f"{tool} installs into a virtual environment under poetry's cache folder, "
                                         "in the home of a user whose home is not known, and the project's folder, "
                                         f"where it could be instead, is mounted over by {mounted[0]} "
                                         f"(`{mounted[1]}`)")
    folder = f"{cache}/pypoetry/virtualenvs"
    return Claim(Role.BUILD, NAME, f"{tool} installs into a virtual environment under {folder}, where `poetry run` "
                                   f"finds it: the runtime copies that folder (not {venv}, which the bind mount "
                                   f"`{mounted[1]}` of {mounted[0]} would hide)",
                 artifacts=(Artifact(folder, reason="poetry's virtual environments"),))


# the folders of the images' own PATH (a file's ENV PATH adds others)
_SYSTEM_PATH = frozenset({"", "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"})
_PACKAGE_MODE_OFF = re.compile(r"(?m)^\s*package-mode\s*=\s*false\b")


def _installs_root(cmd: Command, ctx: RunContext, project: str) -> bool:
    """``poetry install`` installs the project itself too, unless told --no-root (or the pyproject.toml the
    build context has says package-mode = false); a project in / is left as it is (not a folder to copy)."""
    if has_flag(cmd.args, "--no-root") or project == "/":
        return False
    pyproject = ctx.read_file(f"{project}/pyproject.toml")
    return not (pyproject and _PACKAGE_MODE_OFF.search(pyproject))


def _uv(cmd: Command, ctx: RunContext) -> Claim | None:
    args = cmd.args
    pos = [a for a in positional(args, frozenset({"--directory", "--project", "--python", "-p"})) if a is not None]
    verb = pos[0] if pos else None
    if verb in ("lock", "export", "--version", "version") or pos[:2] == ["pip", "compile"]:
        return Claim(Role.NEUTRAL, NAME)
    project = ctx.abspath(option_value(args, "--directory", "--project") or ".")
    if verb == "venv":
        path = ctx.abspath(pos[1]) if len(pos) > 1 else f"{project}/.venv"
        return Claim(Role.BUILD, NAME, _CREATES_VENV, tag=_Tag.VENV,
                     artifacts=(Artifact(path, reason="the virtual environment"),))
    if verb == "sync":
        env = ctx.getenv("UV_PROJECT_ENVIRONMENT")
        path = posixpath.normpath(posixpath.join(project, env)) if env else f"{project}/.venv"
        if "$" in path:
            return None
        return _project_venv(path, "`uv sync`")
    return None


# pipenv's options that do nothing the runtime needs without a command: --clear empties its caches, the
# others print where things are
_PIPENV_ASIDE = frozenset({"--clear", "--where", "--venv", "--py", "--envs", "--support", "--version", "-h",
                           "--help", "-q", "--quiet", "-v", "--verbose"})


def _pipenv(cmd: Command, ctx: RunContext) -> Claim | None:
    pos = [a for a in positional(cmd.args) if a is not None]
    verb = pos[0] if pos else None
    if verb in ("lock", "requirements", "check", "verify", "--version"):
        return Claim(Role.NEUTRAL, NAME)
    if verb is None and cmd.args and all(a in _PIPENV_ASIDE for a in cmd.args):
        return Claim(Role.NEUTRAL, NAME)  # `pipenv --clear` empties pipenv's and pip's caches; the others print
    if verb not in ("install", "sync") or len(pos) > 1:  # named packages also change the Pipfile
        return None
    if has_flag(cmd.args, "--system"):
        tool = f"`pipenv {verb} --system`"
        if ctx.user not in (None, "", "root", "0") and _venv_of(cmd, ctx) is None:
            # (rp19py atlassian-labs/connect-security-req-tester: the packages went to /home/app/.local, which the
            # rewrite did not copy, and a virtual environment the tool made as root could not be written)
            return Claim(Role.BLOCKED, NAME, f"{tool} runs as {ctx.user}, who cannot write the image's Python: pip "
                                             "falls back to the user's site (~/.local), or fails where a package "
                                             "of that Python must be replaced")
        return _pipenv_system(ctx, tool) or _into_environment(ctx, tool, _venv_of(cmd, ctx))
    if _truthy(ctx.getenv("PIPENV_VENV_IN_PROJECT")):
        return _project_venv(ctx.abspath(".venv"), f"`pipenv {verb}`")
    return _pipenv_home(ctx, verb)


# pipenv's releases whose --system install runs pip with pipenv's own Python (sys.executable), whatever environment is
# active (read in pipenv's source, its pip_install); those before run VIRTUAL_ENV's pip (which_pip, 11.x to 2021.5.29),
# those after the first python or python3 on PATH (project_python, 2022.8.15 on): the active environment's
_PIPENV_OWN_PYTHON = (Version("2021.11.5"), Version("2022.8.14"))
# a word that names pipenv with a version the shell does not show (`pipenv==$PIPENV_VERSION`)
_PIPENV_DYNAMIC_PIN = re.compile(r"(?i)pipenv\s*[<>=!~]")


def _pipenv_system(ctx: RunContext, tool: str) -> Claim | None:
    """``pipenv install --system`` on the official python image whose tag leaves the minor version open (python:3),
    which names the site-packages folder: into the virtual environment the tool makes, which pipenv's pip installs
    into as the active one (VIRTUAL_ENV, first on PATH). None: a tag with the version, or a pipenv release the file
    pins that would not (:data:`_PIPENV_OWN_PYTHON`), or a pin the tool cannot read; Alpine's variants
    (python:3-alpine), whose runtime is the same image, are left as they were (not built and run with this layout)."""
    if ctx.kind != "python" or ctx.image.is_alpine or _python_version(ctx) is not None or ctx.getenv("VIRTUAL_ENV"):
        return None
    if any(v is None or _PIPENV_OWN_PYTHON[0] <= v <= _PIPENV_OWN_PYTHON[1] for v in _pipenv_pins(ctx)):
        return None
    found = _into_environment(ctx, tool, None, make_venv=True)
    if found is None or found.environment is not _MAKE_VENV:
        return found
    return dataclasses.replace(found, note=(
        f"{tool} is taken to install with the pip of the active virtual environment ({VENV}), as pipenv does in "
        f"every release but {_PIPENV_OWN_PYTHON[0]} to {_PIPENV_OWN_PYTHON[1]} (pip of pipenv's own Python), which "
        "the file does not pin"))


def _pipenv_pins(ctx: RunContext) -> list[Version | None]:
    """The versions of pipenv the words of the stage's commands pin (``pip install 'pipenv==2022.1.8'``), None for a
    pin the tool does not read (a range, a variable)."""
    pins: list[Version | None] = []
    for cmd in ctx.stage_commands:
        for word in cmd.argv[1:]:
            if "pipenv" not in word.text.lower():
                continue
            if word.value is None:
                pins += [None] if _PIPENV_DYNAMIC_PIN.match(word.text.strip("'\"")) else []
                continue
            try:
                requirement = Requirement(word.value)
            except InvalidRequirement:
                continue
            if requirement.name.lower() == "pipenv" and requirement.specifier:
                pins.append(_exact_version(requirement))
    return pins


def _exact_version(requirement: Requirement) -> Version | None:
    """The version ``name==X`` pins, else None (a range, a wildcard)."""
    specs = list(requirement.specifier)
    if len(specs) != 1 or specs[0].operator != "==":
        return None
    try:
        return Version(specs[0].version)
    except InvalidVersion:
        return None


def _pipenv_home(ctx: RunContext, verb: str) -> Claim | None:
    """pipenv's own place for virtual environments: $WORKON_HOME, else virtualenvs under the user's data folder;
    each one is named after the project's folder and a hash of its path, which the runtime keeps."""
    data_home = ctx.getenv("XDG_DATA_HOME") or f"{ctx.likely_home()}/.local/share"
    folder = ctx.getenv("WORKON_HOME") or f"{data_home}/virtualenvs"
    if "$" in folder or "~" in folder or ctx.getenv("PIPENV_CUSTOM_VENV_NAME") is not None:
        return None
    path = ctx.abspath(folder)
    return Claim(Role.BUILD, NAME, f"`pipenv {verb}` installs into a virtual environment under {path}, named after "
                                   "the project's path",
                 artifacts=(Artifact(path, reason="pipenv's virtual environments"),))


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    found = _compiled_messages(cmd, ctx, _collected_static(cmd, ctx, _claim(cmd, ctx)))
    if found is None or found.role is not Role.BUILD or not found.artifacts:
        return found
    name = cmd.name or ""
    if name in ("poetry", "pipenv"):
        tool = name
    elif name == "uv" and cmd.args[:1] == ("sync",):
        tool = "uv"
    elif _pip_args(cmd) is not None:
        tool = "pip"
    elif _PYTHON.match(name) and posixpath.basename(cmd.args[0] or "" if cmd.args else "") == "setup.py":
        tool = "setup.py"
    else:
        return found
    built = _source_builds(cmd, ctx, tool)
    native = _native(cmd, ctx, tool, built)
    unknown = _unknown_libraries(native, ctx)
    if unknown:
        return Claim(Role.BLOCKED, NAME, f"the build links against {', '.join(unknown)}, a library whose run-time "
                                         "package is not known: the runtime might lack it")
    unseen = _unseen_projects(cmd, ctx, tool, found)
    note = "; ".join(n for n in (found.note, *(b.note() for b in built), unseen) if n)
    return dataclasses.replace(found, native=native, note=note) if native or unseen else found



def _unseen_projects(cmd: Command, ctx: RunContext, tool: str, found: Claim) -> str:
    """What the rewrite assumes of an install on the full image, which the runtime leaves for its slim variant,
    when the build context does not hold the file that names its projects (``found``: the install's claim, whose
    artifacts the runtime copies); "" when it does (or needs not)."""
    if tool == "setup.py" or not _leaves_full(ctx.image) or _installed_projects(cmd, ctx, tool) is not None:
        return ""
    files = _requirement_files(tuple(_pip_args(cmd) or ())) if tool == "pip" else [_LOCK_FILES.get(tool, "")]
    named = " and ".join(f for f in files if f)
    projects = f"the projects {named} names," if named else \
        "the projects it installs, from a file whose name the Dockerfile does not show,"
    src = ctx.abspath("src")  # pip's folder for editable checkouts, outside an environment
    copied = found.environment is not None or any(src == a.path or src.startswith(a.path.rstrip("/") + "/")
                                                  for a in found.artifacts)
    checkout = "" if tool != "pip" or copied or _venv_of(cmd, ctx) is not None else (
        f"; and none is an editable checkout (`-e git+URL`), which pip leaves in {src}, a folder the "
        "runtime does not copy")
    return (f"assumed: {projects} which the build context does not hold, install as wheels that "
            "carry their libraries or as pure Python; one built from source against the full image's headers "
            "(psycopg2 against libpq-dev, mysqlclient, python-ldap) would need a run-time library the slim runtime "
            f"lacks{checkout}: `msrefactor verify` in the build context checks it")


# manage.py commands whose result lives beside the app (static files, the database of a sqlite app):
# the runtime, which has the app and its packages, runs them again
_DJANGO_SETUP = frozenset({"collectstatic", "migrate", "compilemessages", "createcachetable", "syncdb", "loaddata"})


def _manage_args(cmd: Command) -> tuple[str, ...]:
    """The words after python of ``python manage.py VERB ...`` (``./manage.py VERB``: the script's own name)."""
    args = tuple(a or "" for a in cmd.args)
    return (cmd.name or "", *args) if posixpath.basename(cmd.name or "") == "manage.py" else args


def _collected_static(cmd: Command, ctx: RunContext, found: Claim | None) -> Claim | None:
    """``manage.py collectstatic`` with a STATIC_ROOT the settings write out (read with libcst): a build
    step whose folder the runtime copies, instead of setup the runtime repeats."""
    args = _manage_args(cmd)
    if found is None or found.role is not Role.SETUP or args[1:2] != ("collectstatic",):
        return found
    module = option_value(cmd.args, "--settings") or dict(cmd.assignments).get("DJANGO_SETTINGS_MODULE") or \
        ctx.getenv("DJANGO_SETTINGS_MODULE")
    settings = django_settings(_project_reader(ctx), ctx.abspath(args[0]), ctx.workdir, module)
    storage = settings.static_storage if settings else None
    if settings is None or settings.static_root is None or "$" in settings.static_root or \
            (storage is not None and not storage.startswith(_LOCAL_STORAGES)):
        return found
    root = ctx.abspath(settings.static_root)
    return Claim(Role.BUILD, NAME, f"`manage.py collectstatic` gathers the static files into {root} (STATIC_ROOT "
                                   f"of {settings.path})",
                 artifacts=(Artifact(root, reason="the static files collectstatic gathered", whole_dir=True),))


def _compiled_messages(cmd: Command, ctx: RunContext, found: Claim | None) -> Claim | None:
    """``manage.py compilemessages`` runs gettext's msgfmt (makemessages its xgettext, msguniq and msgmerge), which
    the slim runtime lacks (gettext is a build-only package), and writes each .po file's .mo beside it (makemessages
    the .po files), in the locale folders under the folder it runs in (and those LOCALE_PATHS names): a build step
    whose folder the runtime copies whole, instead of setup it repeats."""
    verb = _manage_args(cmd)[1:2]
    if found is None or found.role is not Role.SETUP or verb not in (("compilemessages",), ("makemessages",)):
        return found
    folder = ctx.workdir
    made = ".mo files beside the .po files" if verb == ("compilemessages",) else ".po files"
    if folder in ("/", ""):
        return Claim(Role.BLOCKED, NAME, f"`manage.py {verb[0]}` writes the {made} of the locale folders under /, "
                                         "among the system's files: what it adds cannot be copied apart")
    # makemessages runs xgettext, msguniq and msgmerge, gettext's too (rp12 vgalaktionov/dopomoga2: repeated in the
    # runtime, which has gettext-base only: "Can't find msguniq", the build failed)
    what = f"compiles the translations (.po) under {folder} with gettext's msgfmt" if verb == ("compilemessages",) \
        else f"extracts the translatable strings under {folder} into the .po files with gettext's xgettext"
    return Claim(Role.BUILD, NAME, f"`manage.py {verb[0]}` {what}",
                 artifacts=(Artifact(folder, reason=f"the translations {verb[0]} wrote ({made})", whole_dir=True),),
                 note=f"`manage.py {verb[0]}` is taken to write only into {folder} (the locale folders under "
                      "it, and LOCALE_PATHS taken to be there), which the runtime copies whole "
                      "(`msrefactor verify` shows whether it wrote elsewhere)")


# static files storages that write into STATIC_ROOT (others upload them elsewhere)
_LOCAL_STORAGES = ("django.contrib.staticfiles.storage.", "whitenoise.storage.")


def _django(name: str, args: tuple[str | None, ...]) -> Claim | None:
    if not (_PYTHON.match(name) and args[:1] and posixpath.basename(args[0] or "") == "manage.py"):
        return None
    verb = args[1] if len(args) > 1 else None
    if verb in _DJANGO_SETUP:
        # the settings read the environment: the build arguments in scope go with it (rp19py BOVAGE/Twit-test:
        # SECRET_KEY from an ARG, `decouple.UndefinedValueError` in a runtime without it)
        return Claim(Role.SETUP, NAME, f"`manage.py {verb}` prepares files the app reads",
                     tools=("python",), reads_env=True)
    if verb == "test":
        return Claim(Role.TEST, NAME, "`manage.py test` runs the tests")
    if verb == "compress":
        return Claim(Role.BLOCKED, NAME, "`manage.py compress` (django-compressor) runs the precompilers the "
                                         "settings name (lessc, sass...), which the build may have installed: the "
                                         "runtime cannot be told to repeat it, and where it writes is in the settings")
    if verb == "dbshell":
        return Claim(Role.BLOCKED, NAME, f"`manage.py {verb}` runs code read from its input at build time: what "
                                         "it changes is not known")
    if verb in ("bower", "bower_install"):
        return Claim(Role.BLOCKED, NAME, f"`manage.py {verb}` is django-bower's: it runs bower to install the "
                                         "packages the settings name (BOWER_INSTALLED_APPS) into the folder they "
                                         "name (BOWER_COMPONENTS_ROOT), which the tool does not read")
    if verb is not None and not verb.startswith("-"):
        # what it leaves behind is not known, but the runtime has what it ran with: the app and its packages
        what = "runs the code its input gives" if verb == "shell" else \
            "is a command of the project or of one of its Django apps"
        return Claim(Role.SETUP, NAME, f"`manage.py {verb}` {what}: the runtime, which has the app and its packages, "
                                       "repeats it (assumed: it needs no compiler or build tool the runtime leaves "
                                       "out; `msrefactor verify` in the build context checks it)", tools=("python",),
                     reads_env=True)
    return None


_CONDA_INSTALLER = re.compile(r"(?i)^((mini|ana)conda|miniforge|mambaforge|micromamba).*\.sh$|^conda.*install.*\.sh$")
# the installers the shell pass reads (``-b``: into ``-p PREFIX`` or the installer's default folder)
_CONDA_SCRIPT = re.compile(r"(?i)^((mini|ana)conda|conda)[^/]*\.sh$")


def _conda_installer(name: str, args: tuple[str | None, ...]) -> Claim | None:
    """``bash Miniconda3-latest-Linux-x86_64.sh -b -p /opt/conda``: a whole Python distribution. Conda's own
    installers are the shell pass's (one folder the runtime copies); the others (miniforge, micromamba...) are
    not modelled."""
    script = posixpath.basename(args[0] or "") if name in ("bash", "sh") and args else posixpath.basename(name)
    if not _CONDA_INSTALLER.match(script):
        return None
    if _CONDA_SCRIPT.match(script):
        return None  # the shell pass says where it installs, or why that is not known
    return Claim(Role.BLOCKED, NAME, f"`{script}` installs a conda distribution (its own Python, libraries and "
                                     "package manager): the tool does not model conda, so what a runtime would "
                                     "need of it is not known")


def _claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    args = _args(cmd)
    if name in ("source", ".", "deactivate"):
        return _activation(cmd, ctx, name, args)
    if posixpath.basename(name) == "manage.py":  # ./manage.py: run by its #! line
        name, args = "python", (name, *args)
    found = _conda_installer(name, args) or _django(name, args)
    if found is None and _PYTHON.match(name):
        found = _python_forms(cmd, ctx, name, args)
    if found is None:
        found = _tools(cmd, ctx, name, args)
    return found if found is not None else _pip(cmd, ctx, name, args)


def _activation(cmd: Command, ctx: RunContext, name: str, args: tuple[str | None, ...]) -> Claim | None:
    """``. /venv/bin/activate`` of a virtual environment a step before made (``virtualenv /venv``): pip and
    setup.py install into it for the rest of the RUN, as with VIRTUAL_ENV; ``deactivate`` ends that. An
    activation in a subshell or a branch, or of a folder the file did not make, is left to the shell pass
    (pip is then taken to install into the image's Python, which the user base cannot serve)."""
    if cmd.depth != 0:
        return None
    if name == "deactivate":
        active = ctx.getenv("VIRTUAL_ENV")
        return Claim(Role.NEUTRAL, NAME, run_env=(("VIRTUAL_ENV", ""),), housekeeping=Housekeeping.SHELL,
                     paths=(active,)) if active else None
    script = args[0] if len(args) == 1 else None
    if not script or "$" in script or posixpath.basename(script) != "activate" or \
            posixpath.basename(posixpath.dirname(script)) != "bin":
        return None
    venv = posixpath.dirname(posixpath.dirname(ctx.abspath(script)))
    if venv not in ctx.outputs:
        return None
    # kept with the setup the runtime repeats after it in the RUN (`python manage.py collectstatic`), once the
    # runtime has the environment
    return Claim(Role.NEUTRAL, NAME, run_env=(("VIRTUAL_ENV", venv),), housekeeping=Housekeeping.SHELL,
                 paths=(venv,))


# the commands a bootstrap of pip (get-pip.py, ez_setup.py, `curl .../get-pip.py | python`) installs into the image's
# Python, which its setuptools comes with: the finish gives a user base's runtime the distribution's setuptools
_BOOTSTRAPPED = ("pip", "easy_install")


def _python_forms(cmd: Command, ctx: RunContext, name: str, args: tuple[str | None, ...]) -> Claim | None:
    """``python get-pip.py``, ``python setup.py ...``, ``python -m MODULE``."""
    script = posixpath.basename(args[0] or "") if args else ""
    if script in _PIP_BOOTSTRAPS:
        return Claim(Role.BUILD, NAME, f"{script} installs pip or setuptools (build tools)", provides=_BOOTSTRAPPED)
    if script == "setup.py":
        return _setup_py(cmd, ctx, args)
    if len(args) < 2 or args[0] != "-m":
        return None
    if args[1] == "ensurepip":
        return Claim(Role.BUILD, NAME, "`python -m ensurepip` installs pip (a build tool)")
    if args[1] in _TEST_MODULES:
        return Claim(Role.TEST, NAME, f"`python -m {args[1]}` "
                                      f"{'checks the code' if args[1] in _CHECKERS else 'runs the tests'}")
    if args[1] in ("venv", "virtualenv"):
        return _new_venv(ctx, args[2:])
    if args[1] == "compileall":
        return Claim(Role.NEUTRAL, NAME)
    return _module(cmd, ctx, args[1] or "", args[2:])


def _new_venv(ctx: RunContext, args: tuple[str | None, ...]) -> Claim | None:
    target = [a for a in args if a and not a.startswith("-")]
    if not target:
        return None
    return Claim(Role.BUILD, NAME, _CREATES_VENV, tag=_Tag.VENV,
                 artifacts=(Artifact(ctx.abspath(target[-1]), reason="the virtual environment"),))


def _tools(cmd: Command, ctx: RunContext, name: str, args: tuple[str | None, ...]) -> Claim | None:
    """The Python tools that are commands of their own: conda, easy_install, poetry, pipenv, uv, test runners,
    virtualenv."""
    if name == "conda" or name.endswith("/conda"):
        return _conda(cmd, ctx, args)
    if name in ("easy_install", "easy_install-3") or re.match(r"^easy_install-?\d", name):
        if _easy_install_bootstrap(args):  # `easy_install pip`: the pip the installs after it run
            return _build_tools(ctx, "easy_install", _venv_of(cmd, ctx))
        return _into_environment(ctx, "easy_install", _venv_of(cmd, ctx), make_venv=True)
    if name == "poetry":
        return _poetry(cmd, ctx)
    if name == "pipenv":
        return _pipenv(cmd, ctx)
    if name == "uv" and not args[:1] == ("pip",):
        return _uv(cmd, ctx)
    if name in _TEST_TOOLS:
        return Claim(Role.TEST, NAME, f"`{name}` {'checks the code' if name in _CHECKERS else 'runs the tests'}")
    if name == "virtualenv" or re.fullmatch(r"pyvenv(-\d(\.\d+)?)?", name):  # pyvenv: Python 3.3-3.7's venv
        return _new_venv(ctx, args)
    return None


def _pip(cmd: Command, ctx: RunContext, name: str, args: tuple[str | None, ...]) -> Claim | None:
    pip = _pip_args(cmd)
    if pip is None:
        return _script(cmd, ctx, name, args) if _PYTHON.match(name) else None
    if pip and pip[0] == "uninstall":
        return Claim(Role.BUILD, NAME, "`pip uninstall` removes packages from the Python the build installs into, "
                                       "whose packages the runtime gets")
    if not pip or pip[0] != "install":
        if pip and pip[0] in ("cache", "config", "freeze", "list", "show", "check", "--version", "-V"):
            return Claim(Role.NEUTRAL, NAME)
        return _wheels(pip, ctx) if pip else None
    inst = pip[1:]
    found = _pip_install(cmd, ctx, name, inst)
    if found is None or found.role is not Role.BUILD or has_flag(inst, "--no-cache-dir") or \
            ctx.getenv("PIP_NO_CACHE_DIR") is not None:  # any value turns pip's cache off
        return found
    mb, heavy = _download_mb(cmd, ctx)
    note = (f"pip's download cache (at least {mb:.0f} MB: {', '.join(heavy)}) stays in the builder"
            if mb >= HEAVY_CACHE_MB else "")
    return dataclasses.replace(found, leaves_cache=f"{ctx.likely_home()}/.cache/pip", cache_mb=mb,
                               note=found.note or note)


# the oldest Python the recent releases of the projects the data know still publish wheels for, mostly
_CURRENT_PYTHON = (3, 9)
# a download cache worth a stage on an image that is already slim: well over what the environment the runtime
# copies brings along (a virtual environment's own pip and setuptools, some 20 MB)
HEAVY_CACHE_MB = 50.0


def _download_mb(cmd: Command, ctx: RunContext) -> tuple[float, list[str]]:
    """A lower bound of what a pip install downloads (MB), from the projects it names that data/python_wheel_sizes.json
    knows (tensorflow==2.3.0: 320 MB), and those projects; (0, []) where the requirements are not known."""
    sizes = data("python_wheel_sizes.json")["projects"]
    total, heavy = 0.0, []
    # an install that pins none takes the newest release that supports the image's Python: on a current one, the
    # recent releases' (rp15 aman-acharya/end-to-end-ml-project: xgboost's 'any' is a 0.4 MB source of 2017, where
    # pip downloaded a wheel of 126 MB); on an older one, the bound of every release since 2017
    version = minor_version(ctx.image) if ctx.image.repo == "python" and not ctx.image.registry else (0, 0)
    current = version >= _CURRENT_PYTHON if version is not None else _floating_python(ctx) is not None  # not python:2

    def newest(known: dict[str, Any]) -> Any:
        return known.get("recent", known["any"]) if current else known["any"]

    for spec in _installed_specs(cmd, ctx) or ():
        try:
            req = Requirement(spec.split("#", 1)[0].strip())
        except InvalidRequirement:
            continue
        known = sizes.get(_normal(req.name))
        if known is None:
            continue
        pins = [s.version for s in req.specifier if s.operator in ("==", "===") and "*" not in s.version]
        mb = float(known["releases"].get(pins[0], known["any"]) if len(pins) == 1 else newest(known))
        if mb:
            total += mb
            heavy.append(f"{_normal(req.name)} {pins[0]}" if len(pins) == 1 else _normal(req.name))
    return total, heavy


# Apache Beam's requirements cache: its stager's default, in tempfile's folder (apache_beam/runners/portability/
# stager.py), where a Dataflow Flex Template's launcher finds what the image pre-downloaded
_BEAM_REQUIREMENTS_CACHE = "/tmp/dataflow-requirements-cache"
# pip's commands that write distributions (built wheels, downloads) into a folder: its option, the default folder
_WHEEL_FOLDERS = {"wheel": ("-w", "--wheel-dir"), "download": ("-d", "--dest")}


def _wheels(pip: tuple[str | None, ...], ctx: RunContext) -> Claim | None:
    """``pip wheel -w /wheels -r requirements.txt``, ``pip download -d /pkgs x``: the distributions it builds or
    fetches land in the folder named, for a later install (``--find-links``) of the build; the folder is an
    output the runtime copies unless a later step removes it (or it is scratch)."""
    options = _WHEEL_FOLDERS.get(pip[0] or "")
    if options is None:
        return None
    if any(a is None for a in pip[1:]):  # a word whose value the file does not show
        return None
    folder = option_value(pip[1:], *options) or "."
    if "$" in folder or ctx.abspath(folder) == "/":
        return None
    where = ctx.abspath(folder)
    if pip[0] == "download" and posixpath.normpath(where) == _BEAM_REQUIREMENTS_CACHE:
        return Claim(Role.BUILD, NAME, f"`pip download` writes distributions into {where}",
                     artifacts=(Artifact(where, reason="Beam's requirements cache, which its launcher reads there "
                                         "(a Dataflow template's launch stages the requirements from it)",
                                         whole_dir=True, for_runtime=True),))
    return Claim(Role.BUILD, NAME, f"`pip {pip[0]}` writes distributions into {where}",
                 artifacts=(Artifact(where, reason=f"what `pip {pip[0]}` writes", whole_dir=True),))


_PIP_BOOTSTRAPS = frozenset({"get-pip.py", "ez_setup.py", "distribute_setup.py"})
# setup.py commands that build or install the project (what they leave is the installed project)
_SETUP_BUILD = frozenset({"build", "build_py", "build_ext", "build_scripts", "build_clib", "egg_info", "clean",
                          "install", "install_lib", "install_scripts", "install_data", "install_headers",
                          "bdist_egg", "develop"})
# setup.py install options that name where it installs differently than pip would (pip's --root has no
# equivalent in what the runtime copies)
_SETUP_ELSEWHERE = ("--root", "--home", "--install-lib", "--install-purelib", "--install-platlib",
                    "--install-scripts", "--install-data", "--install-base", "--exec-prefix")


def _setup_py(cmd: Command, ctx: RunContext, args: tuple[str | None, ...]) -> Claim | None:
    """``python [DIR/]setup.py [options] build install``: the project installed like ``pip install DIR``;
    ``develop``: like ``pip install -e DIR``. A build alone leaves its output for a later install."""
    script = args[0] or ""
    words = [a for a in args[1:] if a is not None]
    if len(words) != len(args) - 1:
        return None
    verbs = [w for w in words if not w.startswith("-")]
    other = [v for v in verbs if v not in _SETUP_BUILD]
    if not verbs or other:
        what = f"commands or arguments of its own ({' '.join(other)[:40]})" if other else "no command"
        return Claim(Role.BLOCKED, NAME, f"`{script}` runs the project's setup script with {what}: what it "
                                         "leaves behind is not known")
    elsewhere = [w for w in words if w.split("=", 1)[0] in _SETUP_ELSEWHERE and w != "--root=/"]
    if elsewhere:
        return Claim(Role.BLOCKED, NAME, f"`{script} install {elsewhere[0]}` installs into folders of its own "
                                         "choosing, which the tool does not follow")
    project = posixpath.dirname(script) or "."
    if "develop" in verbs:
        inst: tuple[str | None, ...] = ("-e", project)
    elif "install" in verbs or "bdist_egg" in verbs:
        inst = (project, *(w for w in words if w in ("--user",) or w.startswith("--prefix")))
    else:
        where = ctx.abspath(project)
        return Claim(Role.BUILD, NAME, "`setup.py build` builds the project in its build folder",
                     artifacts=(Artifact(f"{where}/build", reason="the project's build output", whole_dir=True),))
    verb = next((w for w in reversed(cmd.argv[2:]) if w.value in ("install", "develop")), None)
    takes_user = verb is not None and "--user" not in words and _venv_of(cmd, ctx) is None
    found = _pip_install(cmd, ctx, "python", inst, f"{posixpath.basename(cmd.name or 'python')} setup.py",
                         takes_user=takes_user)
    if found is None or found.role is not Role.BUILD:
        return found
    reason = f"`setup.py {' '.join(verbs)}` installs the project: {found.reason}"
    if verb is None or not takes_user or not (found.environment in _USER_BASES or _truthy(ctx.getenv("PIP_USER"))):
        return dataclasses.replace(found, reason=reason)
    # setup.py does not read PIP_USER: told --user, setuptools installs into the user base PYTHONUSERBASE names
    return dataclasses.replace(
        found, builder_insert=(verb.end, " --user"),
        reason=f"{reason}; setup.py does not read PIP_USER, but `{verb.value} --user` installs into the same user "
               "base (setuptools takes it from PYTHONUSERBASE)")


# conda's commands that change its prefix (the packages, environments, the package cache)
_CONDA_BUILDS = frozenset({"install", "create", "update", "upgrade", "remove", "uninstall", "env", "clean",
                           "build", "develop", "mambabuild"})
# conda's commands that only read (or print)
_CONDA_READS = frozenset({"list", "info", "search", "--version", "-V", "--help", "-h", "doctor", "compare"})


def _conda_prefix(cmd: Command, ctx: RunContext) -> str | None:
    """The prefix of the conda a command runs when an earlier step of the file installed it (the shell pass's
    conda installer leaves it as a build output): ``PREFIX/bin/conda``, or the first folder of PATH that is
    such a prefix's bin (an environment's bin has no conda of its own); None: the image's own conda or one
    the tool cannot place."""
    name = cmd.argv[0].value or ""
    if "/" in name:
        return _own_prefix(posixpath.dirname(posixpath.dirname(ctx.abspath(name))), ctx)
    for part in (ctx.getenv("PATH") or "").split(":"):
        if not part.endswith("/bin"):
            continue
        found = _own_prefix(part[: -len("/bin")], ctx)
        if found is not None or part in _SYSTEM_BINS:
            return found
    return None


_SYSTEM_BINS = frozenset({"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"})


def _own_prefix(path: str, ctx: RunContext) -> str | None:
    """``path`` when an earlier build step of the file left it as a whole folder named as a conda prefix is
    (/opt/conda, ~/miniconda3: a virtual environment on PATH is not one), on an image that does not ship conda."""
    if not path or _ships_conda(ctx.image) or path not in ctx.outputs or not _CONDA_OUTPUT.search(path):
        return None
    return path


def _ships_conda(image: ImageRef) -> bool:
    """continuumio/miniconda3, conda/miniforge3, mambaorg/micromamba... have a conda of their own."""
    return any(w in image.repo.lower() for w in ("conda", "mamba", "miniforge"))


def _conda(cmd: Command, ctx: RunContext, args: tuple[str | None, ...]) -> Claim | None:
    """A conda the file installed itself: its commands change one folder (its prefix), a build output the
    runtime copies whole; the image's own conda (continuumio/miniconda3...) is not modelled: its prefix is
    part of the image, so copying it again would hold it twice."""
    verb = next((a for a in args if a and not a.startswith("-")), "")
    if any(a in _CONDA_READS for a in args[:1]) or verb in _CONDA_READS:
        return Claim(Role.NEUTRAL, NAME)
    prefix = _conda_prefix(cmd, ctx)
    if prefix is None:
        return Claim(Role.BLOCKED, NAME, f"`conda {verb}` changes the image's conda installation (its Python and "
                                         "libraries, under one prefix such as /opt/conda): a runtime would need "
                                         "all of it, so the image is its own runtime")
    if verb == "config" and not has_flag(args, "--system", "--env", "--file"):
        return Claim(Role.BUILD, NAME, "`conda config` sets options (in ~/.condarc) for the conda steps after it")
    if verb in _CONDA_BUILDS or verb == "config":
        return Claim(Role.BUILD, NAME, f"`conda {verb}` changes the conda installation in {prefix}, which the "
                                       "runtime copies whole",
                     artifacts=(Artifact(prefix, reason=CONDA_PREFIX, whole_dir=True),))
    return Claim(Role.BLOCKED, NAME, f"`conda {verb}` does what the tool does not follow (where it writes, or what "
                                     f"it runs, besides the conda installation in {prefix})")


# python -m MODULE: downloads of data the program reads at run time (the runtime copies them), code generators
_DATA_MODULES = {"nltk.downloader": "NLTK_DATA", "textblob.download_corpora": "NLTK_DATA"}


def _module(cmd: Command, ctx: RunContext, module: str, rest: tuple[str | None, ...]) -> Claim | None:
    if module in _DATA_MODULES:
        return _data_download(ctx, module, rest)
    if module == "spacy" and rest[:1] == ("download",):
        # spaCy's download runs `python -m pip install` in a subprocess that inherits the environment: PIP_USER
        # reaches pip (spacy/cli/download.py, run_command)
        venv = _venv_of(cmd, ctx)
        found = _user_install(ctx, (), venv, True) or _into_environment(
            ctx, "`python -m spacy download`", venv, make_venv=True, pip_env=True)
        return found if found is None or found.role is not Role.BUILD else dataclasses.replace(
            found, reason="`spacy download` installs the model with pip: " + found.reason)
    if module == "grpc_tools.protoc":
        return _protoc(ctx, rest)
    if module == "whitenoise.compress":
        folders = tuple(ctx.abspath(a) for a in positional(rest) if a)
        return Claim(Role.SETUP, NAME, "compresses the collected static files", tools=("python",),
                     paths=folders) if folders else None
    if module in ("ipykernel", "ipykernel.kernelspec") and (module != "ipykernel" or rest[:1] == ("install",)):
        where = f"{ctx.likely_home()}/.local/share/jupyter" if has_flag(rest, "--user") else "/usr/local/share/jupyter"
        # it imports ipykernel, which a pip install may have put in a folder the runtime copies: after the copies
        return Claim(Role.SETUP, NAME, "registers the Python kernel with Jupyter", tools=("python",),
                     paths=(where,), reads_outputs=True)
    return None


def _data_download(ctx: RunContext, module: str, rest: tuple[str | None, ...]) -> Claim | None:
    """NLTK data: into the folder -d names; without it, into the first of NLTK's folders that exists and can be
    written ($NLTK_DATA first), else ~/nltk_data: both may come along, made empty in the builder if missing."""
    target = option_value(rest, "-d", "--dir")
    if target is not None:
        places = [ctx.abspath(target)]
    else:
        places = [f"{ctx.likely_home()}/nltk_data"] + [ctx.abspath(v) for v in [ctx.getenv(_DATA_MODULES[module])] if v]
    if any("$" in p for p in places):
        return None
    return Claim(Role.BUILD, NAME, f"`python -m {module}` downloads data the program reads",
                 artifacts=tuple(Artifact(p, reason="the downloaded data the program reads", ensure=target is None)
                                 for p in dict.fromkeys(places)))


_PROTOC_OUTS = re.compile(r"^--(python|grpc_python|pyi|mypy|mypy_grpc)_out=(.+)$")


def _protoc(ctx: RunContext, rest: tuple[str | None, ...]) -> Claim | None:
    """``python -m grpc_tools.protoc --python_out=DIR ...``: generated modules, copied from the builder."""
    outs: list[str] = []
    for a in rest:
        m = _PROTOC_OUTS.match(a or "")
        if a is None or (m and "$" in m.group(2)):
            return None
        if m:
            outs.append(ctx.abspath(m.group(2).rsplit(":", 1)[-1]))
    if not outs:
        return None
    return Claim(Role.BUILD, NAME, "`grpc_tools.protoc` generates Python modules from .proto files",
                 artifacts=tuple(Artifact(o, reason="the generated modules", whole_dir=True)
                                 for o in dict.fromkeys(outs)))


_QUERY = re.compile(r"^\s*((import [\w., ]+|from [\w.]+ import [\w., ]+)\s*;\s*)*print\([^;]*\)\s*;?\s*$")
_BOOTSTRAP_URL = re.compile(r"(get-pip|ez_setup|distribute_setup)\.py$")
# scripts that build (a build system's, or named for building or installing): they may run the compilers the
# runtime leaves out, and write where the tool does not know
_BUILD_SCRIPT = re.compile(r"(?i)^(scons|waf|configure|bootstrap|mk_?make|make|build|compile|setup|install|"
                           r"cmake|ninja|gyp)")


def _script(cmd: Command, ctx: RunContext, name: str, args: tuple[str | None, ...]) -> Claim | None:
    """``python SCRIPT``, ``python -c CODE``: code of the project run at build time, whose effects are not known;
    but ``$(python -c 'import sys; print(sys.prefix)')`` only asks, and ``curl .../get-pip.py | python``
    installs pip."""
    if not args or args == ("-",):
        source = ctx.piped_from
        urls = [a for a in (source.args if source else ()) if a and "://" in a]
        if urls and all(_BOOTSTRAP_URL.search(u.split("?", 1)[0]) for u in urls):
            return Claim(Role.BUILD, NAME, f"`{source.name if source else ''} | {name}` installs pip or setuptools "
                                           "(build tools)", provides=_BOOTSTRAPPED)
        if source is not None:
            return None  # other installers piped into Python: the fetch pass knows them
        return Claim(Role.BLOCKED, NAME, f"`{name}` runs Python code read from its input at build time: what it "
                                         "leaves behind is not known")
    if args[0] == "-c" and cmd.depth > 0 and len(args) == 2 and _QUERY.match(args[1] or ""):
        return Claim(Role.NEUTRAL, NAME)  # a question whose answer the command around it uses
    if args[0] == "-c":
        return Claim(Role.BLOCKED, NAME, f"`{name} -c` runs inline Python code at build time: what it leaves "
                                         "behind is not known")
    first = args[0]
    if first == "-m" and len(args) > 1 and args[1]:
        return Claim(Role.BLOCKED, NAME, f"`{name} -m {args[1]}` runs the module {args[1]} at build time: what "
                                         "it leaves behind is not known")
    if first is None or first.startswith("-"):
        return None
    if any(run[1:2] == (first,) and _PYTHON.match(posixpath.basename(run[0] or "")) for run in ctx.runs):
        # the program's own script, run at build time too (to download its model): the runtime has all the
        # script needs, since it runs it anyway, so it repeats it there
        return Claim(Role.SETUP, NAME, f"`{name} {first}` is the script the image runs: the runtime repeats its "
                                       "build-time run", tools=(name,), reads_env=True)
    if _BUILD_SCRIPT.match(posixpath.basename(first)) or not first.endswith(".py"):
        return Claim(Role.BLOCKED, NAME, f"`{name} {first}` runs a script of the project at build time: what it "
                                         "writes, and whether the runtime needs it, is not known")
    # what it leaves is not known, as of a Django command of the project's (a database made, data fetched),
    # but the runtime has what it ran with: the app and its packages
    return Claim(Role.SETUP, NAME, f"`{name} {first}` runs a script of the project at build time: the runtime, "
                                   "which has the app and its packages, repeats it (assumed: it needs no compiler or "
                                   "build tool the runtime leaves out, and writes nothing the runtime does not make "
                                   "again; `msrefactor verify` in the build context checks it)", tools=(name,),
                 reads_env=True)


def _pip_install(cmd: Command, ctx: RunContext, name: str, inst: tuple[str | None, ...],
                 tool: str | None = None, *, takes_user: bool = False) -> Claim | None:
    elsewhere = _setup_options_elsewhere(inst)
    if elsewhere is not None:
        return Claim(Role.BLOCKED, NAME, f"`{tool or _shown(cmd)} install {elsewhere}` has setup.py install into "
                                         "folders of its own choosing, which the tool does not follow")
    found = _pip_target(cmd, ctx, name, inst, tool, takes_user=takes_user)
    # the command's own and its requirement files' (read from the build context) `-e VALUE`s
    values = _editable_values(inst) + _editable_values(tuple(_file_editable_values(inst, ctx)))
    if found is not None:
        checkouts = _checkouts(values, inst, ctx, in_venv=bool(_venv_of(cmd, ctx)) or found.environment in (
            _MAKE_VENV, _ALPINE_VENV))
        found = dataclasses.replace(found, artifacts=found.artifacts + checkouts)
    editable = [ctx.abspath(e) for e in _editable_folders(values)]  # `-e .`: pip reads it from where it runs
    if found is not None and found.role is Role.BUILD:
        setup = bool(cmd.args) and posixpath.basename(cmd.args[0] or "") == "setup.py"
        built = tuple(p for p in _local_projects(cmd, ctx, "setup.py" if setup else "pip") if p not in editable)
        found = dataclasses.replace(found, installed_sources=built) if built else found
    if found is None or not editable:
        return found
    if any(e is None for e in editable):
        return None
    # an editable install leaves the project where it is (egg-info, built extensions): it comes along, from /tmp
    # too (`cd /tmp && git clone .../dexy && cd dexy && pip install -e .`: the install points into it)
    return dataclasses.replace(found, artifacts=found.artifacts + tuple(
        Artifact(e, reason="the project installed in editable mode", whole_dir=True, for_runtime=True)
        for e in editable))


# pip's options that pass options on to setup.py (a legacy install), which may name where it installs
_SETUP_PASSING = ("--install-option", "--global-option")


def _setup_options_elsewhere(inst: tuple[str | None, ...]) -> str | None:
    """The option (as written) by which pip tells setup.py to install elsewhere than pip would
    (``--install-option=--prefix=/var/lib/graphite``), or whose value the tool cannot read; None: none."""
    for k, a in enumerate(inst):
        for option in _SETUP_PASSING:
            if a == option:
                value = inst[k + 1] if k + 1 < len(inst) else ""
            elif a is not None and a.startswith(option + "="):
                value = a[len(option) + 1:]
            else:
                continue
            if value is None or any(w.split("=", 1)[0] in (*_SETUP_ELSEWHERE, "--prefix") and w != "--root=/"
                                    for w in value.split()):
                return f"{option}={value or '...'}"
    return None


def _file_editable_values(inst: tuple[str | None, ...], ctx: RunContext) -> list[str | None]:
    """The editable requirements (``-e VALUE``, as written) of the requirement files the command names."""
    out: list[str | None] = []
    for req in _requirement_files(inst):
        text = ctx.read_file(req)
        for line in (text or "").splitlines():
            words = line.split("#", 1)[0].split()
            if words and (words[0] in ("-e", "--editable") or words[0].startswith("--editable=")):
                out += words
    return out


def _editable_values(inst: tuple[str | None, ...]) -> list[str]:
    """The values of the command's ``-e``/``--editable`` options, as written (folders and VCS URLs)."""
    out = []
    for k, a in enumerate(inst):
        value = inst[k + 1] if a in ("-e", "--editable") and k + 1 < len(inst) else (
            a.split("=", 1)[1] if a and a.startswith("--editable=") else None)
        if value:
            out.append(value)
    return out


def _editables(inst: tuple[str | None, ...]) -> list[str]:
    """The folders the command installs in editable mode (not the VCS URLs pip checks out)."""
    return _editable_folders(_editable_values(inst))


def _editable_folders(values: list[str]) -> list[str]:
    """The folders among editable requirements' values (not the VCS URLs pip checks out)."""
    return [re.sub(r"\[[^\]/]*\]$", "", value)  # `-e '/app[dist]'`: the folder, extras aside
            for value in values if "://" not in value and not value.startswith(_VCS_PREFIXES)]


# pip reads `-e git://HOST/x.git#egg=x` as git+git:// (and so for its other version control systems)
_VCS_PREFIXES = ("git+", "hg+", "svn+", "bzr+", "git:", "hg:", "svn:", "bzr:")


def _checkouts(values: list[str], inst: tuple[str | None, ...], ctx: RunContext, *,
               in_venv: bool) -> tuple[Artifact, ...]:
    """The folder where pip checks out the editable VCS requirements (among ``values``: ``-e git+URL#egg=NAME``)
    that the command ``inst`` installs: the installed package is a link to that checkout, so the runtime needs it.
    ``--src DIR`` names it (and says the requirements have such lines, where the tool cannot read them: made empty
    in the builder if they have none); else pip uses ``src`` in the virtual environment (which comes along whole)
    or in the folder it runs in."""
    vcs = any(v.startswith(_VCS_PREFIXES) for v in values)
    src = option_value(inst, "--src")
    if src:
        return (Artifact(ctx.abspath(src), reason="the checkouts of the editable VCS requirements pip installs "
                                                  "(--src)", whole_dir=True, ensure=not vcs),)
    if vcs and not in_venv:
        return (Artifact(ctx.abspath("src"), reason="the checkouts of the editable VCS requirements pip "
                                                    "installs (pip's src folder where it runs)", whole_dir=True),)
    return ()


def _pip_target(cmd: Command, ctx: RunContext, name: str, inst: tuple[str | None, ...],
                tool: str | None = None, *, takes_user: bool = False) -> Claim | None:
    """``takes_user``: the installer does not read PIP_USER, but the builder can tell it ``--user`` (setup.py
    install and develop), which installs into the same user base."""
    venv = _venv_of(cmd, ctx)
    # pip itself, which reads PIP_USER (uv does not; setup.py is told --user)
    pip_env = (tool is None and name != "uv") or takes_user
    user = _user_install(ctx, inst, venv, pip_env)
    if user is not None:
        return user
    prefix = option_value(inst, "--prefix")
    if prefix:
        path = ctx.abspath(prefix)
        return Claim(Role.BUILD, NAME, f"pip --prefix installs into {path}",
                     artifacts=(Artifact(path, reason="packages pip installed with --prefix"),))
    target = option_value(inst, "--target", "-t")
    if target:
        path = ctx.abspath(target)
        return Claim(Role.BUILD, NAME, f"pip --target installs into {path}",
                     artifacts=(Artifact(path, reason="packages pip installed with --target"),))
    if _only_build_tools(inst):
        tools = _kept_manager(ctx, inst, venv, tool) or _build_tools(ctx, tool or _shown(cmd), venv)
        if venv is None and ctx.kind == "python" and tools.environment is None and _packaging_only(inst):
            return dataclasses.replace(tools, upgrades_installer=True)
        return tools
    if name == "uv" and has_flag(inst, "--system"):
        return _into_environment(ctx, "uv pip", None)  # uv pip --system: the image's Python, whatever is active
    found = _into_environment(ctx, tool or _shown(cmd), venv, make_venv=True, pip_env=pip_env)
    if found is not None and found.environment in _USER_BASES and tool is None and name != "uv":
        return _tracked_pip(cmd, ctx, inst, found)
    if found is None or found.environment is not _MAKE_VENV or tool is not None or name == "uv":
        return found
    return _prefix_claim(ctx, _shown(cmd), inst) or found


# how the reason of a pip install tracked under /usr/local, and of the finish's refusals of it, starts
_TRACKED_PIP = "pip installs as written into the image's own Python"


def _tracked_pip(cmd: Command, ctx: RunContext, inst: tuple[str | None, ...], user_base: Claim) -> Claim:
    """pip into Debian's or Ubuntu's Python on another ecosystem's image (java:8-jre with python3-pip), where the
    file runs programs that the user base would not serve (sudo, su, cron, Apache's mod_wsgi start them without the
    image's ENV, so without PYTHONUSERBASE; a command the image runs by pip's path /usr/local/bin/NAME): pip installs
    as written, into /usr/local (Debian's pip, as root, never writes the distribution's /usr), tracked: the runtime
    gets what the install added there, whatever /usr/local of the image holds. Only the stage's one pip install of
    packages, by name or requirements file (a later install could remove or upgrade what an earlier one staged,
    whose old files the staging folder would keep), and where no RUN, COPY or ADD names a file pip puts there (a later
    edit would not be staged). Else ``user_base``, which the finish refuses for that reason, with why the install
    could not be tracked (``untracked``: "not tracked either: ..."), which the finish adds to its reason."""
    if ctx.kind == "python":
        return user_base
    why = _user_base_refused(ctx)
    if why is None or ctx.kind == "system":
        # the finish may still refuse the user base (a path the file names, which the RUN does not see): on an image
        # without GNU's find, no install could be tracked instead
        cannot = tracking.without_gnu_find(ctx)
        return user_base if cannot is None else dataclasses.replace(user_base, untracked=cannot)
    shown = f"{_shown(cmd)} install"
    found = tracking.tracked(cmd, ctx, NAME, "/usr/local", shown, "/tmp", caches=(f"{ctx.likely_home()}/.cache",),
                             elsewhere="pip writing beside the distribution's own packages")
    if isinstance(found, str):  # the command's place, its user, the image
        return dataclasses.replace(user_base, untracked=found)
    if has_flag(inst, "-e", "--editable") or any(
            a is None or a.startswith(".") or "/" in a for a in positional(inst, _PIP_TAKES_VALUE)):
        return dataclasses.replace(user_base, untracked=(
            "not tracked either: it installs a project from a folder (a path, or -e), which pip builds or links "
            "where it lies, and the tool tracks pip installing packages by name or requirements file only"))
    installs = [c for c in ctx.stage_commands if (_pip_args(c) or ("",))[0] == "install"
                and not _only_build_tools((_pip_args(c) or ())[1:])]
    if len(installs) != 1:
        return dataclasses.replace(user_base, untracked=(
            f"not tracked either: the stage runs {len(installs)} pip installs, and the tool tracks only a stage's one "
            "pip install (a later install could remove or upgrade files an earlier one staged)"))
    written = next((m.group(0) for w in ctx.writes for m in (_PIP_PACKAGES.search(w), _PIP_COMMANDS.search(w)) if m),
                   None)
    if written is not None:
        return dataclasses.replace(user_base, untracked=(
            f"not tracked either: a RUN, COPY or ADD of the stage names {written}, where pip puts what it installs, "
            "and the tool tracks pip only where no other step names its files"))
    return dataclasses.replace(found, tag=_Tag.TRACKED_PIP,
                               reason=f"{_TRACKED_PIP} (under /usr/local), not into pip's user base {USER_BASE}: "
                                      f"{why}; {found.reason}")


def _user_base_refused(ctx: RunContext) -> str | None:
    """Why pip's user base would not serve the stage, as the RUN sees it: a program the file names that starts
    others without the image's ENV (``sudo``), or a command the image runs by the path pip gives it with the
    distribution's Python (``/usr/local/bin/chaperone``) and no COPY or RUN writes. None: nothing."""
    named = _own_environment_named(ctx)
    if named is not None:
        return (f"the file names `{named}`, which starts programs with an environment of its own, without "
                "PYTHONUSERBASE")
    for run in ctx.runs:
        for m in _LOCAL_COMMAND.finditer(" ".join(w or "" for w in run)):
            name = posixpath.basename(m.group(0))
            if not re.fullmatch(r"(python|pip)[\d.]*", name) and not any(
                    m.group(0) in w or (name in w and "/usr/local/bin/" in w) for w in ctx.writes):
                return f"the image runs {m.group(0)}, where pip puts the command"
    return None


PREFIX = "/install"
# the official image's Python as published: python:3.11, python:3.11.4, python:3.11-bookworm (not python:3, whose
# minor version moves, nor Alpine's or Windows' variants)
_EXACT_PYTHON = re.compile(r"^(\d+\.\d+)(\.\d+)?(-(bookworm|bullseye|buster|stretch|jessie|trixie))?$")
_PREFIX_ENVIRONMENTS: dict[str, Environment] = {}
# Windows' variants of the official image, whose Python is not under /usr/local
_WINDOWS_TAG = re.compile(r"windows|nanoserver")
# the same layout where the tag does not name the minor version (python:3, python:alpine, python:3-slim): pip's user
# scheme is --prefix's (PREFIX/lib/pythonX.Y/site-packages, PREFIX/bin), and Python reads a user base by itself,
# so the builder needs no pythonX.Y in its settings
_PREFIX_USER_BASE = Environment(
    PREFIX, "", (),
    f"pip installs into {PREFIX} as its user base (PIP_USER, PYTHONUSERBASE), whose layout is --prefix's "
    "(lib/pythonX.Y/site-packages, bin), and the runtime copies it to /usr/local: the image runs a command of "
    "/usr/local/bin by its path, or names a program that starts others without the image's ENV (sudo, whose PATH "
    "has /usr/local/bin, not a virtual environment's bin), and the runtime runs the builder's Python (the official "
    "image's slim variant of the same tag), so every path stays as the original has it, whatever the minor version "
    "the tag leaves open",
    builder_env=(("PIP_USER", "1"), ("PYTHONUSERBASE", PREFIX), ("PATH", f"{PREFIX}/bin:$PATH")))


def _runs_local_command(ctx: RunContext) -> bool:
    """The image runs a command of /usr/local/bin by its path (``/usr/local/bin/gunicorn``, the image's own
    ``/usr/local/bin/python``), which a virtual environment would not hold or would not serve; not a file a COPY
    or a RUN of the stage puts there, nor a script of the project's (a file of the build context by that name):
    where the virtual environment serves, it stays."""
    paths = [m.group(0) for run in ctx.runs for w in run for m in [_LOCAL_COMMAND.search(w or "")] if m]
    return any(not any(path in w or (posixpath.basename(path) in w and "/usr/local/bin" in w) for w in ctx.writes)
               and ctx.read_file(posixpath.basename(path)) is None for path in paths)


def _reaches_usr_local(ctx: RunContext) -> bool:
    """The image reaches pip's packages through /usr/local, where a virtual environment would not serve: it runs a
    command of /usr/local/bin by its path, or the file names a program that starts others without the image's ENV
    (sudo, whose secure_path has /usr/local/bin but no virtual environment's bin; su, cron), where the image's own
    python is /usr/local/bin/python, which does not see the environment's packages."""
    return _runs_local_command(ctx) or _own_environment_named(ctx) is not None or _starter_named(ctx) is not None


def _starter_named(ctx: RunContext) -> str | None:
    """A program that starts the programs its configuration names (supervisord), which the stage's writes or the
    commands the image runs name: its configuration, which the tool does not read, names them often by their path
    (``command=/usr/local/bin/gunicorn``: read27 37da8187, whose API and worker would not start from a virtual
    environment); None: none."""
    return _first_named(_STARTERS, _stage_texts(ctx))


def _own_environment_named(ctx: RunContext) -> str | None:
    """The first program that starts others without the image's ENV that the stage's writes or the commands the
    image runs name; None: none."""
    return _own_environment_in(_stage_texts(ctx))


def _stage_texts(ctx: RunContext) -> tuple[str, ...]:
    """The texts of the stage's COPY, ADD and RUN instructions, and the command lines the image runs."""
    return (*ctx.writes, *(" ".join(w or "" for w in run) for run in ctx.runs))


def _own_environment_in(texts: Iterable[str]) -> str | None:
    """The first program that starts others without the image's ENV (sudo, su, cron, apache2: _OWN_ENVIRONMENT)
    that one of ``texts`` names, in their order; None: none."""
    return _first_named(_OWN_ENVIRONMENT, texts)


def _first_named(pattern: re.Pattern[str], texts: Iterable[str]) -> str | None:
    """What ``pattern`` first finds in ``texts``, in their order; None: nothing."""
    return next((m.group(0) for text in texts for m in [pattern.search(text)] if m), None)


def _prefix_environment(version: str) -> Environment:
    """pip's classic layout: ``--prefix`` (PIP_PREFIX) puts the packages in PREFIX/lib/pythonX.Y/site-packages and
    their commands in PREFIX/bin, the layout of /usr/local, where the runtime copies them; the builder reads them
    there (PYTHONPATH, PATH) for its own later steps, and pip sees what it installed before."""
    if version not in _PREFIX_ENVIRONMENTS:
        _PREFIX_ENVIRONMENTS[version] = Environment(
            PREFIX, "", (),
            f"pip installs with --prefix={PREFIX} (PIP_PREFIX), the runtime copies {PREFIX} to /usr/local: the "
            "image runs a command of /usr/local/bin by its path, or names a program that starts others without the "
            "image's ENV (sudo, whose PATH has /usr/local/bin, not a virtual environment's bin) or as its "
            "configuration names them (supervisord's `command=/usr/local/bin/gunicorn`), and the runtime "
            "runs the very same Python "
            "(same image, same minor version), so every path stays as the original has it",
            builder_env=(("PIP_PREFIX", PREFIX), ("PYTHONPATH", f"{PREFIX}/lib/python{version}/site-packages"),
                         ("PATH", f"{PREFIX}/bin:$PATH")))
    return _PREFIX_ENVIRONMENTS[version]


def _prefix_layout(ctx: RunContext) -> Environment | None:
    """The builder's settings of pip's --prefix layout on the official python image (a Linux variant): PIP_PREFIX
    with the minor version the tag names, else pip's user base in the same folder. None: another image."""
    ref = ctx.image
    if ref.repo != "python" or ref.registry or ref.digest or ref.has_variables or _WINDOWS_TAG.search(ref.tag):
        return None
    m = _EXACT_PYTHON.match(ref.tag)
    return _prefix_environment(m.group(1)) if m else _PREFIX_USER_BASE


def _own_pip_settings(ctx: RunContext, layout: Environment) -> bool:
    """The file's own settings of where pip installs or Python looks, which the layout's would replace (or, for the
    user base, turn off: PYTHONNOUSERSITE)."""
    ours = dict(layout.builder_env)
    names = [k for k in ours if k != "PATH"] + ["PIP_TARGET", "PIP_PREFIX"]
    if layout is _PREFIX_USER_BASE:
        names.append("PYTHONNOUSERSITE")
    return any(ctx.getenv(k) and ctx.getenv(k) != ours.get(k) for k in names)


def _prefix_claim(ctx: RunContext, tool: str, inst: tuple[str | None, ...]) -> Claim | None:
    """An install the image reaches through /usr/local (it runs /usr/local/bin/gunicorn): with pip's --prefix
    layout, copied to /usr/local in the runtime, which runs the builder's Python: the official python image and its
    slim variant (python:3.11 -> python:3.11-slim, python:3 -> python:3-slim). None: a virtual environment it stays."""
    layout = _prefix_layout(ctx)
    if layout is None or not _reaches_usr_local(ctx) or _own_pip_settings(ctx, layout) or \
            has_flag(inst, "--root") or has_flag(inst, "--no-user") or _editables(inst):
        return None
    unseen = []
    for req in _requirement_files(inst):
        text = _read_requirements(ctx, req)
        if text is None:
            unseen.append(req)
        elif any(line.strip().startswith(("-e", "--editable")) for line in text.splitlines()) or \
                {_normal(_spec_name(r)) for r in _requirement_specs(text, ctx)} & _IMAGE_SHIPS:
            return None  # an editable project stays where it is; the image's own pip would keep its old metadata
    note = "; ".join(f"assumed: {req}, which the tool cannot read, installs no project in editable mode (-e), "
                     f"which --prefix would not put under {PREFIX}, and no other pip, setuptools or wheel than the "
                     "image's" for req in unseen)
    how = f"into {PREFIX} as pip's user base" if layout is _PREFIX_USER_BASE else f"with --prefix={PREFIX}"
    return Claim(Role.BUILD, NAME, f"{tool} installs {how}, copied to /usr/local", note=note,
                 artifacts=(Artifact(PREFIX, dest="/usr/local", reason=f"the packages pip installed {how}, and "
                                                                        "their commands, where the image has them"),),
                 environment=layout)


# easy_install's options that take a value (-d and -s name folders of their own: not a plain bootstrap)
_EASY_INSTALL_VALUES = frozenset({"-f", "--find-links", "-i", "--index-url", "-b", "--build-directory"})
_EASY_INSTALL_ELSEWHERE = frozenset({"-d", "--install-dir", "-s", "--script-dir", "--prefix", "--user"})


def _easy_install_bootstrap(args: tuple[str | None, ...]) -> bool:
    """``easy_install pip`` (``-U pip setuptools``): it installs only the tools that install others, where
    the image's Python keeps them, as get-pip.py does."""
    if any(a is None or (a or "").split("=", 1)[0] in _EASY_INSTALL_ELSEWHERE for a in args):
        return False
    tools = set(data("commands.json")["python_build_tools"])
    specs = positional(args, _EASY_INSTALL_VALUES)
    return bool(specs) and all(_SPEC_END.split(spec or "", 1)[0].lower().replace("_", "-") in tools for spec in specs)


def _runs_through(ctx: RunContext, manager: str) -> bool:
    """The image's command runs its program through ``manager`` (``poetry run greet``)."""
    return any(run[:1] and posixpath.basename(run[0] or "") == manager and run[1:2] == ("run",) for run in ctx.runs)


def _kept_manager(ctx: RunContext, inst: tuple[str | None, ...], venv: str | None, tool: str | None) -> Claim | None:
    """``pip install poetry`` (``uv``, ``pipenv``) into the official image's Python, where the image's command runs
    ``poetry run`` (``uv run`` after a ``uv sync``, whose project .venv it finds in sync with uv.lock and runs in:
    rp26review ANGHOOO/flab-crud, skipped before; ``pipenv run``, which finds the environment the runtime copies by
    the project's path: rp28review gabrieImoreira/etl_duckdb_sql): the runtime (the same image's slim variant)
    repeats the install, as the original has the manager, instead of leaving it in the builder. None: not such an
    install."""
    names = {_normal(_spec_name(s or "")) for s in positional(inst, _PIP_TAKES_VALUE)}
    made = {"poetry": True,  # the environment the runner finds: .venv of `uv sync`, pipenv's of `pipenv install`
            "uv": any(c.name == "uv" and c.args[:1] == ("sync",) for c in ctx.stage_commands),
            "pipenv": any(c.name == "pipenv" and positional(c.args)[:1] in (["install"], ["sync"])
                          and not has_flag(c.args, "--system") for c in ctx.stage_commands)}
    manager = next((m for m in ("poetry", "uv", "pipenv") if m in names and _runs_through(ctx, m) and made[m]), None)
    if tool is not None or venv is not None or ctx.kind != "python" or manager is None:
        return None
    return Claim(Role.SETUP, NAME, f"pip installs {manager}, which the image's command runs (`{manager} run`): the "
                                   "runtime repeats the install into its Python, as the original has it",
                 runtime_commands=(manager,))


_PACKAGING = frozenset({"pip", "setuptools", "wheel"})


def _packaging_only(inst: tuple[str | None, ...]) -> bool:
    """``pip install --upgrade pip setuptools wheel``: pip and what it builds with, nothing else (no poetry, which a
    virtual environment made before it would hold)."""
    specs = positional(inst, _PIP_TAKES_VALUE)
    return bool(specs) and all(_SPEC_END.split(s or "", 1)[0].lower() in _PACKAGING for s in specs)


def _build_tools(ctx: RunContext, tool: str, venv: str | None) -> Claim:
    """``pip install --upgrade pip setuptools``: nothing the runtime needs; but on Alpine, where the installs
    after it go to a virtual environment, the environment is made first, so that they use the upgraded pip
    (the one the environment brings may be older than the image's)."""
    plain = Claim(Role.BUILD, NAME, "pip installs build tools only (the runtime does not need them)")
    if venv is not None or ctx.kind != "system" or not ctx.image.is_alpine:
        return plain
    found = _into_environment(ctx, tool, None, make_venv=True)
    if found is None or found.environment is None:
        return plain
    return dataclasses.replace(found, reason=f"{tool} upgrades the build tools of the virtual environment {VENV}, "
                                             "which the installs after it use")


def _shown(cmd: Command) -> str:
    """How a pip command is named in a reason (``pip3``, ``python3 -m pip``)."""
    name = posixpath.basename(cmd.name or "pip")
    return f"{name} -m pip" if _PYTHON.match(name) else name


def finish(facts: StageFacts) -> Finish | None:
    """Projects built against a library of the full image (psycopg2 against libpq) keep its run-time
    library on the slim image, which does not have it (Alpine images build against what they install).
    A virtual environment over Alpine's Python needs that Python in the runtime, even when the file only
    installs python3-dev; so does pip's user base. On Alpine, the binutils ctypes finds GDAL and GEOS with
    (:func:`_ctypes_binutils`)."""
    found = _finish(facts)
    if found is not None and found.skip:
        return found
    extra = _ctypes_binutils(facts)
    if extra is None:
        return found
    found = found or Finish()
    return dataclasses.replace(found, runtime_packages=(*found.runtime_packages, "binutils"),
                               notes=(*found.notes, extra))


def _uv_run_rebuilds(facts: StageFacts) -> str | None:
    """Why `uv run` in the runtime would build the project again at each start: after a `uv sync` that installed the
    project itself (a package: pyproject.toml has a [build-system], or tool.uv.package), `uv run` checks that install
    against the change times (ctime) of the project's files, which any copy into another stage renews, and rebuilds
    and reinstalls it, with build requirements fetched from PyPI and no cache (rp28build lukeocodes/mod-gpt: offline,
    the rewrite failed where the original started). None for a virtual project (no build system: rp26review
    ANGHOOO/flab-crud), or where the command does not run through uv after a sync."""
    runs = [run for run in facts.runs if run[:1] and posixpath.basename(run[0] or "") == "uv" and run[1:2] == ("run",)]
    if not runs or all("--no-sync" in run for run in runs) or analysis.final_env(facts.decisions, "UV_NO_SYNC") \
            or not any(c.name == "uv" and c.args[:1] == ("sync",) for d in facts.decisions for c in d.commands):
        return None
    pyproject = posixpath.join(facts.run_folder(), "pyproject.toml")
    read = facts.read_context
    where = analysis.context_location(facts.copied, pyproject, read) if read else None
    doc = analysis.parse_toml(read(where) or "") if read and where else None
    if doc is None:
        return (f"`uv run` finds the project at {pyproject}, which the build context does not give: where it is a "
                "package (a build system), `uv run` checks its install against the change times of its files, which a "
                "copy into another stage renews, and builds it again at each start")
    tool = doc.get("tool")
    uv = tool.get("uv") if isinstance(tool, dict) else None
    package = uv.get("package") if isinstance(uv, dict) else None
    if package is False or (package is not True and "build-system" not in doc):
        return None
    return (f"`uv run` runs the project of {pyproject}, a package `uv sync` installed (its build system): uv checks "
            "that install against the change times (ctime) of the project's files, which a copy into another stage "
            "renews, so the runtime would build and install it again at each start, with its build requirements from "
            "PyPI and without uv's cache")


# Alpine's -dev packages whose unversioned library Python's ctypes finds by name (GeoDjango's GDAL and GEOS)
CTYPES_DEVS = ("gdal-dev", "geos-dev")


def _ctypes_binutils(facts: StageFacts) -> str | None:
    """Why an Alpine stage that installs with pip and leaves gdal-dev or geos-dev installed gets binutils, where
    the runtime would have neither it nor a compiler: on musl, ctypes.util.find_library (GeoDjango's loading of GDAL
    and GEOS) links the library's name with gcc or binutils' ld and reads its soname with objdump. None where not."""
    if not facts.image.is_alpine or not any(c.ecosystem == NAME for d in facts.decisions for c in d.claims):
        return None
    left = left_installed(c.packages for d in facts.decisions for c in d.claims
                          if c.packages is not None and c.packages.manager == "apk")
    devs = [d for d in CTYPES_DEVS if d in left]
    if not devs or any(p in facts.kept_packages for p in ("binutils", "gcc", "build-base")):
        return None
    return (f"the runtime installs binutils for {' and '.join(devs)}: on musl, Python's ctypes.util.find_library "
            "(GeoDjango's loading of GDAL and GEOS) finds a library with binutils' ld and objdump, or a compiler, "
            "which the runtime leaves out")


def _finish(facts: StageFacts) -> Finish | None:
    shared = _system_site_after_bootstrap(facts)
    if shared is not None:
        return Finish(skip=shared)
    rebuilds = _uv_run_rebuilds(facts)  # (an image with nothing to gain from stages says that first)
    if rebuilds is not None:
        return Finish(skip_if_gain=rebuilds)
    user = (_venv_finish(facts) or _prefix_finish(facts) or _user_base_finish(facts) or _tracked_pip_finish(facts)
            or _conda_finish(facts)
            or _system_local_finish(facts) or _distribution_venv_finish(facts))
    found = _with_venv_interpreters(_native_finish(facts), facts)
    if user is None or found is None:
        return user or found
    if user.skip or found.skip:
        return user if user.skip else found
    return Finish(runtime_packages=user.runtime_packages + found.runtime_packages, notes=user.notes + found.notes,
                  builder_after=user.builder_after, cleans=user.cleans, runtime_image=user.runtime_image,
                  by_ldd=found.by_ldd, guessed=found.guessed)


# what get-pip.py installs of its own (the virtual environment seeds its own copies)
_BOOTSTRAP_OWN = frozenset({"pip", "setuptools", "wheel"})


def _system_site_after_bootstrap(facts: StageFacts) -> str | None:
    """Why the file is left alone when a virtual environment made with --system-site-packages sees packages a
    get-pip.py before it installed into the image's Python besides pip, setuptools and wheel (``python get-pip.py
    virtualenv``, dev file 7c7027b4: virtualenv and its dependencies, six among them, under /usr/local): the
    environment's pip counts them as installed and does not put them in the environment, and the runtime, which
    copies the environment but does not repeat the bootstrap (a build tool's install), would lack them."""
    extra: tuple[int, str] | None = None
    for d in facts.decisions:
        for c in d.commands:
            name = posixpath.basename(c.name or "")
            args = c.args
            script = posixpath.basename(args[0] or "") if args else ""
            argv0 = (c.argv[0].value or "") if c.argv else ""
            own = "/" not in argv0 or posixpath.dirname(argv0) in _SYSTEM_BINS  # not an environment's python
            if _PYTHON.match(name) and own and script == "get-pip.py" and extra is None:
                named = [a for a in args[1:] if a is None or not a.startswith("-")]
                others = [a for a in named if a is None or _SPEC_END.split(a, 1)[0].lower() not in _BOOTSTRAP_OWN]
                if others:
                    extra = (d.inst.start_line, ", ".join(a or "a package a variable names" for a in others))
            made = name == "virtualenv" or (_PYTHON.match(name) and _venv_module(args))
            if extra is not None and made and "--system-site-packages" in args:
                return (f"the virtual environment the RUN at line {d.inst.start_line} makes with "
                        f"--system-site-packages sees the packages get-pip.py installed into the image's Python at "
                        f"line {extra[0]} ({extra[1]}, with their dependencies), which its pip counts as installed "
                        "and leaves out of the environment: the runtime, which copies the environment but not what "
                        "get-pip.py installed, would lack them")
    return None


def _system_local_finish(facts: StageFacts) -> Finish | None:
    """pip (or setup.py) installing under /usr/local with Debian's or Ubuntu's Python counts the setuptools that
    python3-pip brought into the distribution's dist-packages as installed: the runtime, which installs only
    python3, installs it too (an import of pkg_resources fails without it)."""
    if not any(a.path == "/usr/local" and a.reason == _SYSTEM_LOCAL for d in facts.decisions for c in d.claims
               if c.ecosystem == NAME for a in c.artifacts):
        return _make_install_setuptools(facts)
    build_dep = _build_dep_line(facts)
    if build_dep is not None:
        return Finish(skip=f"the RUN at line {build_dep} installs build dependencies (apt-get build-dep), a package "
                           "set the file does not name: among them the distribution's Python packages (python3-numpy, "
                           "python3-six...), which pip counts as installed and leaves out of /usr/local, and which "
                           "the runtime, not knowing them, would lack")
    missing = _distribution_setuptools(facts)
    libraries = _distribution_pip_libraries(facts)
    assumed = (*_unknown_release_pip(facts), *_recommended_python_packages(facts))
    if not missing and not libraries and not assumed:
        return None
    return Finish(runtime_packages=missing + libraries, notes=assumed + tuple(
        f"pip installs under /usr/local, but counts the distribution's {t} (the builder has it) as installed and "
        "puts no setuptools there: the runtime installs it for the programs that import pkg_resources"
        for t in missing) + _pip_libraries_notes(libraries, "under /usr/local"))


def _make_install_setuptools(facts: StageFacts) -> Finish | None:
    """A ``make install`` the builder stages (a Makefile's install, which may run ``python setup.py install``, as
    Mininet's does) leaves console scripts that import pkg_resources: the runtime keeps the distribution's setuptools
    the stage installs."""
    if not any(c.staged is not None and not c.staged.unpacked and not c.staged.archive
               for d in facts.decisions for c in d.claims):
        return None
    missing = _distribution_setuptools(facts)
    return Finish(runtime_packages=missing, notes=tuple(
        f"the runtime keeps the distribution's {t}: the staged `make install` may have run `setup.py install`, "
        "whose commands import pkg_resources" for t in missing)) if missing else None


def _build_dep_line(facts: StageFacts) -> int | None:
    """The line of the first RUN that installs a source package's build dependencies (``apt-get build-dep
    python-matplotlib``: python3-numpy, python3-dateutil... the file does not name), or None."""
    for d in facts.decisions:
        for c in d.commands:
            if posixpath.basename(c.name or "") in ("apt-get", "apt", "aptitude") and "build-dep" in c.args:
                return d.inst.start_line
    return None


_VERSIONED_PYTHON = re.compile(r"python(\d\.\d+)")


def _distribution_venv_finish(facts: StageFacts) -> Finish | None:
    """A virtual environment made on the official python image by Debian's Python, which the file installs
    (``python3.7 -m venv .venv`` on python:3.8 with python3-venv, or ``/usr/bin/python3 -m venv``): its python is a
    link to /usr/bin/python3.7, which the runtime, dropping python3-venv and python3-dev for the image's own Python,
    would lack. The runtime installs the distribution's python3."""
    if _package_manager(facts) != "apt" or facts.image.repo != "python" or facts.image.registry:
        return None
    image = re.match(r"(\d\.\d+)", facts.image.tag)
    installed = {_package_name(p) for p in _installed_packages(facts)}
    if not installed & {"python3", "python3-venv", "python3-dev", "python3-pip", "python3-virtualenv"} \
            or "python3" in facts.kept_packages:
        return None
    for d in facts.decisions:
        for cmd in d.commands:
            name = (cmd.argv[0].value if cmd.argv else None) or cmd.name or ""  # as written: /usr/bin/python3
            if not _venv_module([w.value for w in cmd.argv[1:3]]):
                continue
            versioned = _VERSIONED_PYTHON.fullmatch(posixpath.basename(name))
            debian = name.startswith("/usr/bin/python3") or (
                versioned is not None and image is not None and versioned.group(1) != image.group(1))
            if debian:
                return Finish(runtime_packages=("python3",), notes=(
                    f"the virtual environment the RUN at line {d.inst.start_line} makes with `{name}` runs the "
                    f"distribution's Python (/usr/bin), not {facts.image.shown}'s own (/usr/local): the runtime "
                    "installs python3, which its python links to",))
    return None


# Releases whose python-pip and python3-pip (pip 1.5) run with the distribution's own copies of the libraries pip
# vendors (Debian's "devendoring", until pip 8 brought python-pip-whl): the package depends on them, and pip counts
# them as installed like setuptools (a requirement on six or requests met by the distribution's puts nothing under
# /usr/local) -> what the runtime installs for them, per pip package. Tags of the nearest system base, as
# _system_release gives them.
_DEVENDORED_PIP_RELEASES = re.compile(
    r"(jessie|trusty|utopic|vivid|wily|8(\.\d+)*|14\.04(\.\d+)?|14\.10|15\.04|15\.10)")
# releases whose pip (1.0, 1.1) verified no TLS peer and did not depend on ca-certificates (Debian's python-pip
# does from 1.3, when pip began to)
_PIP_WITHOUT_CERTIFICATES = re.compile(r"(wheezy|7(\.\d+)*|precise|12\.04(\.\d+)?|quantal|12\.10)")
_DEVENDORED_PIP_LIBRARIES: dict[str, tuple[str, ...]] = {
    name: tuple(f"{prefix}-{lib}" for lib in ("colorama", "distlib", "html5lib", "requests", "six", "urllib3"))
    + ("ca-certificates",)
    for name, prefix in (("python-pip", "python"), ("python3-pip", "python3"))}


def _distribution_pip_libraries(facts: StageFacts) -> tuple[str, ...]:
    """The libraries Debian's or Ubuntu's pip 1.5 depends on (python3-requests, python3-six...), on the releases
    that have it, for pip packages the stage installs and the runtime does not keep."""
    if _package_manager(facts) != "apt":
        return ()
    release = _system_release(facts.image.shown)
    installed = [_package_name(p) for p in _installed_packages(facts)]
    if release is None or not _DEVENDORED_PIP_RELEASES.fullmatch(release):
        # every release's python3-pip depends on ca-certificates, which a program's TLS connections read
        # (/etc/ssl/certs: urllib, aiohttp), the runtime's python3 does not
        dropped = any(n in _DEVENDORED_PIP_LIBRARIES and n not in facts.kept_packages for n in installed)
        old = release is not None and _PIP_WITHOUT_CERTIFICATES.fullmatch(release) is not None
        return ("ca-certificates",) if dropped and not old and "ca-certificates" not in facts.kept_packages else ()
    wanted = dict.fromkeys(lib for name in installed if name in _DEVENDORED_PIP_LIBRARIES
                           and name not in facts.kept_packages for lib in _DEVENDORED_PIP_LIBRARIES[name])
    return tuple(t for t in wanted if t not in facts.kept_packages)


def _unknown_release_pip(facts: StageFacts) -> tuple[str, ...]:
    """The assumption about Python 2's pip on an unversioned Debian or Ubuntu tag, whose release today has no
    python-pip: the file was written when the tag named an older release, which the tool cannot tell (read23
    60eb10a6, trusty-era `FROM ubuntu`)."""
    untagged = facts.image.repo in ("ubuntu", "debian") and facts.image.tag in ("", "latest")
    unknown = "/" in facts.image.repo or bool(facts.image.registry)  # a user's image (raghothams/py2.7-dev)
    if not (untagged or unknown) or _system_release(facts.image.shown) is not None or \
            "python-pip" not in (_package_name(p) for p in _installed_packages(facts)):
        return ()
    what = "named a release" if untagged else "is built on a release (the tool does not know the image)"
    why = "the release today has no python-pip, so the file was written for an older one the tool cannot tell" \
        if untagged else "which release, the tool cannot tell (read25 1478be66)"
    return (f"assumed: {facts.image.shown} {what} whose python-pip is not pip 1.5 (trusty's, jessie's), which runs "
            "with the distribution's requests, six, urllib3... and counts them as installed: a requirement they met "
            f"would be in no folder the runtime copies; {why}",)


def _recommended_python_packages(facts: StageFacts) -> tuple[str, ...]:
    """The assumption about the distribution's Python packages an install of its pip brought as recommended ones,
    which the runtime's install, without them, leaves out: pip counts them as installed where a requirement names one
    (bionic's python3-pip recommends python3-wheel, whose keyring brings python3-six, so `six==1.11.0` was met in
    /usr/lib/python3/dist-packages and put nowhere under /usr/local: read27 2de661dc)."""
    pips = [c for d in facts.decisions for c, cl in zip(d.commands, d.claims, strict=False)
            if cl.packages and cl.packages.action == "install" and cl.packages.manager == "apt"
            and {"python3-pip", "python-pip"} & {_package_name(p) for p in cl.packages.packages}]
    with_recommends = [c for c in pips if not _leaves_recommends(c)]
    if not with_recommends:
        return ()
    return ("assumed: pip met none of the requirements with a Python package of the distribution that the "
            "recommended packages of its pip brought (python3-pip recommends python3-wheel, whose keyring brings "
            "python3-six on bionic): pip counts such a package as installed and puts it nowhere the runtime copies, "
            "and the runtime installs no recommended package; `msrefactor verify` in the build context checks it",)


def _pip_libraries_notes(libraries: tuple[str, ...], where: str) -> tuple[str, ...]:
    if not libraries:
        return ()
    if libraries == ("ca-certificates",):
        return ("the runtime installs ca-certificates, which the distribution's pip package depends on: a program's "
                "TLS connections verify their peers against them (/etc/ssl/certs)",)
    return (f"this release's pip (1.5) runs with the distribution's own {', '.join(libraries)}, which its package "
            f"depends on; pip counts them as installed and puts no copy of a requirement they meet (six, requests) "
            f"{where}: the runtime installs them",)


def _distribution_setuptools(facts: StageFacts) -> tuple[str, ...]:
    """Debian's or Ubuntu's setuptools packages the stage installs (python3-pip brings python3-setuptools) and
    the runtime does not keep yet."""
    if _package_manager(facts) != "apt":
        return ()
    installed = [_package_name(p) for p in _installed_packages(facts)]
    wanted = dict.fromkeys(_DISTRIBUTION_SETUPTOOLS[name] for name in installed if name in _DISTRIBUTION_SETUPTOOLS)
    return tuple(t for t in wanted if t not in facts.kept_packages and t not in _recommended_only(facts))


def _recommended_only(facts: StageFacts) -> set[str]:
    """The setuptools packages a pip package brings only as recommended on the stage's release (xenial's python-pip
    recommends python-setuptools), where every install of it leaves the recommended ones out: the builder has none
    (read26 1bbb573b, which said it had)."""
    out: set[str] = set()
    named = {_package_name(p) for p in _installed_packages(facts)}
    for name, tools in _DISTRIBUTION_SETUPTOOLS.items():
        if tools in named:  # installed by its name
            continue
        installs = [c for d in facts.decisions for c, cl in zip(d.commands, d.claims, strict=False)
                    if cl.packages and cl.packages.action == "install"
                    and name in (_package_name(p) for p in cl.packages.packages)]
        if installs and tools in recommended_parts(name, facts.release) and all(map(_leaves_recommends, installs)):
            out.add(tools)
    return out


def _leaves_recommends(cmd: Command) -> bool:
    """Whether an apt install's words leave the recommended packages out (--no-install-recommends, or apt's
    Install-Recommends set by -o)."""
    return any(a and ("--no-install-recommends" in a or "Install-Recommends" in a) for a in cmd.args)


# a command of /usr/local/bin the image runs by its path (the official image's own Python there too)
_LOCAL_COMMAND = re.compile(r"(?<![\w.$/-])/usr/local/bin/[\w.-]+")


def _venv_finish(facts: StageFacts) -> Finish | None:
    """The tool's virtual environment holds what pip would have put in the image's Python: a command the image
    runs by its /usr/local/bin path (``/usr/local/bin/uwsgi``) is in /opt/venv/bin instead, and the image's
    own ``/usr/local/bin/python`` does not see the environment's packages. Not a file the build or a COPY puts
    there, nor one the build context has by that name."""
    first = next((k for k, d in enumerate(facts.decisions)
                  if any(c.environment in (_MAKE_VENV, _ALPINE_VENV) for c in d.claims)), None)
    if first is None:
        return None
    written = [d.inst.text for d in facts.decisions if d.inst.cmd in ("copy", "add")]
    named = [m.group(0) for run in facts.runs for m in _LOCAL_COMMAND.finditer(" ".join(a or "" for a in run))]
    named += [m.group(0) for d in facts.decisions[first:] if d.inst.cmd == "healthcheck"
              for m in _LOCAL_COMMAND.finditer(d.inst.text)]
    # a RUN that links such a command elsewhere (`ln -s /usr/local/bin/gunicorn /usr/bin/gunicorn`)
    named += [p for _, p in _linked_commands(facts, first) if _LOCAL_COMMAND.fullmatch(p)]
    for path in named:
        if any(path == a.path or path.startswith(a.path.rstrip("/") + "/") for a in facts.artifacts
               if a.path not in ("/usr/local/bin", "/usr/local")) or any(
                path in w or (posixpath.basename(path) in w and "/usr/local/bin" in w) for w in written):
            continue
        if facts.read_context is not None and facts.read_context(posixpath.basename(path)) is not None:
            continue  # a script of the project's (a file of the build context by that name), not pip's
        what = "the image's own Python, which does not see the environment's packages" \
            if _PYTHON.match(posixpath.basename(path)) else f"a command pip would put in {VENV}/bin instead"
        return Finish(skip=f"the installs would go into the virtual environment {VENV}, but the image runs {path}, "
                           f"{what}")
    return None


_PREFIX_CLASH = ("--user", "--target", "-t", "--prefix", "--root", "-e", "--editable")
# what the official image's Python has under /usr/local itself: a new version in the prefix, copied over it, would
# leave the old version's metadata beside the new one
_IMAGE_SHIPS = frozenset({"pip", "setuptools", "wheel"})


def _prefix_cause(facts: StageFacts) -> str:
    """Why the stage's installs take pip's --prefix layout (:func:`_reaches_usr_local`), for a reason."""
    local = "the image runs a command of /usr/local/bin by its path"
    if any(_LOCAL_COMMAND.search(w or "") for run in facts.runs for w in run):
        return local
    texts = [d.inst.text for d in facts.decisions if d.inst.cmd in ("run", "cmd", "entrypoint", "copy", "add")]
    starter = _first_named(_STARTERS, texts)
    found = _own_environment_in(texts)
    if starter is not None and found is None:
        return (f"the file names `{starter}`, which starts the programs its configuration names, often by their "
                "path in /usr/local/bin")
    return f"the file names `{found}`, which starts programs without the image's ENV" if found else local


def _prefix_finish(facts: StageFacts) -> Finish | None:
    """pip's --prefix layout holds when the runtime runs the builder's Python (pinned: python:3.11 ->
    python:3.11-slim) and no pip command of the stage asks for another place (--user, --target, an editable
    install, which --prefix would not put under it)."""
    first = next((k for k, d in enumerate(facts.decisions)
                  if any(c.environment is _PREFIX_USER_BASE or c.environment in _PREFIX_ENVIRONMENTS.values()
                         for c in d.claims)), None)
    if first is None:
        return None
    for d in facts.decisions[first:]:
        for cmd in d.commands:
            pip = _pip_args(cmd)
            if not pip or pip[0] != "install":
                continue
            clash = next((a for a in pip[1:] if a is not None and a.split("=", 1)[0] in _PREFIX_CLASH), None)
            ships = sorted({_SPEC_END.split(spec or "", 1)[0].lower() for spec in positional(pip[1:], _PIP_TAKES_VALUE)}
                           & _IMAGE_SHIPS)
            if ships:
                return Finish(skip=f"the installs would go to {PREFIX} with pip's --prefix ({_prefix_cause(facts)}), "
                                   f"but the RUN at line {d.inst.start_line} installs "
                                   f"{', '.join(ships)}, which the image has under /usr/local: the runtime would keep "
                                   "the metadata of both versions")
            if clash:
                return Finish(skip=f"the installs would go to {PREFIX} with pip's --prefix ({_prefix_cause(facts)}), "
                                   f"but `{_shown(cmd)} install {clash}` at line "
                                   f"{d.inst.start_line} asks for another place")
    return Finish(runtime_image=runtime_image(facts.image.shown))


def _requirement_files(inst: tuple[str | None, ...]) -> list[str]:
    return [v for k, a in enumerate(inst) for v in [
        inst[k + 1] if a in ("-r", "--requirement") and k + 1 < len(inst) else
        a.split("=", 1)[1] if a and a.startswith("--requirement=") else None] if v]


def _conda_finish(facts: StageFacts) -> Finish | None:
    """A conda the file installs keeps the packages it downloaded in PREFIX/pkgs (hundreds of MB) unless the
    file cleans after its last conda step: the builder cleans them before the runtime copies the prefix."""
    prefix: str | None = None
    dirty = False
    for d in facts.decisions:
        for cmd, found in zip(d.commands, d.claims, strict=True):
            where = next((a.path for a in found.artifacts if a.reason == CONDA_PREFIX), None)
            if _cleans_conda(cmd, prefix):
                dirty = False
            elif where is not None and found.role is Role.BUILD:
                prefix, dirty = where, True
    if prefix is None or not dirty:
        return None
    # conda 3 has no --all nor --force-pkgs-dirs (4.x's): its clean takes tarballs, index cache, packages and
    # source cache one by one (read25 01db97ac pinned `conda==3.14.1`: `clean -afy`, "unrecognized arguments")
    flags = "-tipsy" if _pins_old_conda(facts) else "-afy"
    return Finish(builder_after=((f"{prefix}/bin/conda clean {flags}", f"conda's package cache {prefix}/pkgs (the "
                                  "packages it downloaded) is left out of the prefix the runtime copies"),),
                  cleans=(f"{prefix}/pkgs",))


# a pin of conda itself to a release before 4 (`conda install conda==3.14.1`, `conda=3.19`)
_OLD_CONDA = re.compile(r"^conda=?=[0-3]\.")


def _pins_old_conda(facts: StageFacts) -> bool:
    """Whether a conda command of the stage pins conda itself to a release before 4."""
    return any(posixpath.basename(c.name or "") == "conda" and any(a and _OLD_CONDA.match(a) for a in c.args)
               for d in facts.decisions for c in d.commands)


def _cleans_conda(cmd: Command, prefix: str | None) -> bool:
    """``conda clean -a`` (or ``-p``, ``--all``, ``--packages``, ``-tipsy``), or ``rm -rf PREFIX/pkgs``."""
    name = posixpath.basename(cmd.name or "")
    args = [a or "" for a in cmd.args]
    if name == "conda" and args[:1] == ["clean"]:
        return any(a in ("--all", "--packages", "--tarballs") or re.fullmatch(r"-[a-z]*[apt][a-z]*", a) is not None
                   for a in args[1:])
    return name == "rm" and prefix is not None and any(a.rstrip("/*") == f"{prefix}/pkgs" for a in args)


def _native_finish(facts: StageFacts) -> Finish | None:
    if facts.image.is_alpine:
        made = any(c.environment is _ALPINE_VENV for d in facts.decisions for c in d.claims)
        if made and "python3" not in facts.kept_packages:
            return Finish(runtime_packages=("python3",),
                          notes=("the virtual environment runs Alpine's python3: the runtime installs it",))
        return None
    if _package_manager(facts) in ("rpm", "apk"):
        return None  # Debian's names; the -devel (-dev) packages the build used stay (map) in the runtime
    natives: list[tuple[str, str]] = []
    for d in facts.decisions:
        if d.role is Role.BUILD:
            natives += [n for c in d.claims for n in c.native if n not in natives]
    natives += [n for n in _uwsgi_natives(facts) if n not in natives]
    programs = _programs(natives, facts)
    natives = [n for n in natives if n[1] not in _program_packages()]
    found = runtime_libraries(natives, list(facts.kept_packages), facts.release, facts.image.shown)
    if not found:
        return programs
    left = unnamed(d for _, d in found)
    named = [(project, d) for project, d in found if d not in left and not is_guess(d)]
    notes = tuple(f"{project} is built against {d.dev}: {d.explain()}" for project, d in named)
    more = programs or Finish()
    return Finish(runtime_packages=(*(p for _, d in named for p in d.packages), *more.runtime_packages), by_ldd=left,
                  guessed=tuple((project, d) for project, d in found if d not in left and is_guess(d)),
                  notes=(*notes, *more.notes, by_ldd_note(left, facts.image.shown, "the installed packages"))
                  if left else (*notes, *more.notes))


# a package of the distribution's Python, by the name of the interpreter's package (Debian's python3-dev and
# python3-venv, Red Hat's python3-devel, python39-devel and python3.11-pip, Alpine's python3-dev: python3, python39...)
_PYTHON_PART = re.compile(r"(python\d?(?:\.?\d+)?)(?:-(?:dev|devel|pip|venv|virtualenv|setuptools|minimal|libs|"
                          r"all|all-dev|distutils))?")


def _with_venv_interpreters(found: Finish | None, facts: StageFacts) -> Finish | None:
    """``found`` with the distribution's Python a virtual environment the file makes runs with (``python3 -m venv``,
    ``virtualenv -p python3``: its bin/python links to /usr/bin/python3), where the runtime would not have it: the
    file installs only the packages that build with it (Red Hat's python3-devel or python3-pip, Alpine's python3-dev),
    which the runtime leaves out, and the environment, copied, had no interpreter (a synthetic centos:7 file, `yum
    install -y python3-pip`, then `python3 -m venv /opt/venv`). The interpreter is the one the command names, when a
    package the file installs is its (python3.9 is python39's); not on the official python image, whose slim runtime
    has the image's own Python."""
    if facts.kind == "python":
        return found
    named = [n for d in facts.decisions for c, cl in zip(d.commands, d.claims, strict=True)
             if cl.ecosystem == NAME and cl.tag is _Tag.VENV
             for n in (_venv_interpreter(c),) if n]
    if not named:
        return found
    pythons: list[str] = []
    for spec in _installed_packages(facts):
        m = _PYTHON_PART.fullmatch(_package_name(spec))
        if m and m.group(1) not in pythons:
            pythons.append(m.group(1))
    # a package of that Python the runtime keeps brings it (Red Hat's python3.11-pip, which the data do not know)
    kept = {m.group(1) for p in (*facts.kept_packages, *(found.runtime_packages if found else ()))
            if (m := _PYTHON_PART.fullmatch(_package_name(p)))}
    missing = tuple(dict.fromkeys(p for n in named for p in pythons
                                  if p.replace(".", "") == n.replace(".", "") and p not in kept))
    if not missing:
        return found
    notes = tuple(f"the virtual environment the file makes runs the distribution's {p}, which the file installs only "
                  "through packages that build with it: the runtime installs it" for p in missing)
    if found is None:
        return Finish(runtime_packages=missing, notes=notes)
    return dataclasses.replace(found, runtime_packages=(*found.runtime_packages, *missing),
                               notes=(*found.notes, *notes))


def _venv_interpreter(cmd: Command) -> str | None:
    """The interpreter a command that makes a virtual environment names (``python3 -m venv``: python3; ``virtualenv
    -p python3.9``: python3.9), None when it names none (a bare ``virtualenv``)."""
    name = cmd.name or ""
    if name == "virtualenv":
        value = option_value(cmd.args, "-p", "--python")
        name = posixpath.basename(value) if value else ""
    return name if re.fullmatch(r"python\d(\.\d+)?", name) else None


def _uwsgi_natives(facts: StageFacts) -> list[tuple[str, str]]:
    """uWSGI has no wheel on PyPI: pip always builds it from source, and on the full image (buildpack-deps'
    headers) its build finds libxml2's (xml2-config) and links libxml2, which the slim image lacks. When the image's
    command runs uwsgi, a stage that pip-installs and leaves the full image for the slim one builds it so (whatever
    requirements file names it, which the tool may not read); not Debian's uwsgi package."""
    if not _leaves_full(facts.image):
        return []
    if not any(c.ecosystem == NAME and d.role is Role.BUILD for d in facts.decisions for c in d.claims):
        return []
    if any(_package_name(p).startswith("uwsgi") for p in _installed_packages(facts)):
        return []
    for run in facts.runs:
        if run and posixpath.basename(run[0] or "") == "uwsgi":
            return [("uWSGI", "libxml2-dev")]
    return []


def _programs(natives: list[tuple[str, str]], facts: StageFacts) -> Finish | None:
    """The packages of the programs installed projects run (GitPython: git) and of the libraries their wheels load
    (LightGBM: libgomp1), which the full image has and the slim one the runtime starts from has not."""
    kept = set(facts.kept_packages)
    wanted = [(project, p) for project, p in natives if p in _program_packages() and p not in kept]
    if not wanted:
        return None
    return Finish(runtime_packages=tuple(dict.fromkeys(p for _, p in wanted)),
                  notes=tuple(_library_note(project, p, facts.image.shown) if _loaded_library(p) else
                              program_note(project, p, facts.image.shown) for project, p in wanted))


def _library_note(project: str, package: str, image: str) -> str:
    return (f"{project}'s wheel loads a library of {package}, which it does not bundle and which {image} has and its "
            "slim variant lacks: the runtime installs it")


def _package_manager(facts: StageFacts) -> str | None:
    """The system package manager the stage installs with (apt, apk, rpm), if any."""
    return next((c.packages.manager for d in facts.decisions for c in d.claims if c.packages is not None), None)


# what starts programs with an environment of its own, without the image's ENV (cron's jobs, sudo, su -,
# Debian's apache2ctl with mod_wsgi, env -i)
_OWN_ENVIRONMENT = re.compile(r"(?<![\w.$-])(cron|crond|crontab|dcron|cronie|anacron|busybox-initscripts|sudo|su|"
                              r"runuser|apache2|apache2ctl|httpd|mod_wsgi|libapache2-mod-wsgi(-py3)?)(?![\w-])|"
                              r"/etc/periodic|/etc/crontabs?|/etc/cron\.|\benv\s+-i\b")
# programs that start others as their configuration names them (supervisor's `command=`)
_STARTERS = re.compile(r"(?<![\w.$-])(supervisord|supervisorctl|supervisor)(?![\w-])")
# the file's own say on the user base
_USER_SETTINGS = re.compile(r"\b(PYTHONUSERBASE|PYTHONNOUSERSITE|PIP_USER)\b")


def _user_base_finish(facts: StageFacts) -> Finish | None:
    """pip's user base: the runtime needs the Python pip ran (its package, which the runtime may have left
    out with the build packages), and every program to see PYTHONUSERBASE; a later pip told to install
    elsewhere would refuse PIP_USER."""
    first = next((k for k, d in enumerate(facts.decisions) if any(c.environment in _USER_BASES for c in d.claims)),
                 None)
    if first is None:
        return None
    moved, other = _other_system(facts)
    why = _user_base_conflict(facts, first) or other
    if why is not None:
        # where pip tracked under /usr/local would have served instead (:func:`_tracked_pip`), why it could not
        untracked = next((c.untracked for d in facts.decisions for c in d.claims
                          if c.environment in _USER_BASES and c.untracked), "")
        if untracked and (why.endswith(_WITHOUT_ENV) or why == _pip_paths(facts, first)):
            why = f"{why}; {untracked}"
        return Finish(skip=f"pip would install into {USER_BASE} with PIP_USER, which the runtime reads through "
                           f"PYTHONUSERBASE, but {why}")
    found = _user_base_packages(facts)
    if found is None or moved is None:
        return found
    return dataclasses.replace(found, runtime_image=moved[0], notes=(*found.notes, moved[1]))


def _tracked_pip_finish(facts: StageFacts) -> Finish | None:
    """A pip install tracked under /usr/local (:func:`_tracked_pip`): the runtime needs the distribution's Python
    it ran with, of the same version (/usr/local/lib/pythonX.Y), and what pip counted as installed there."""
    if not any(c.ecosystem == NAME and c.staged is not None and c.tag is _Tag.TRACKED_PIP
               for d in facts.decisions for c in d.claims):
        return None
    build_dep = _build_dep_line(facts)
    if build_dep is not None:
        return Finish(skip=f"{_TRACKED_PIP}, tracked under /usr/local, but the RUN at line {build_dep} installs build "
                           "dependencies (apt-get build-dep): among them the distribution's Python packages, which pip "
                           "counts as installed and leaves out of /usr/local, and which the runtime, not knowing "
                           "them, would lack")
    where = "the packages pip installed under /usr/local/lib/pythonX.Y"
    moved, other = _other_system(facts, where)
    if other is not None:
        return Finish(skip=f"{_TRACKED_PIP}, tracked under /usr/local, but {other}")
    found = _user_base_packages(facts, "what pip installed under /usr/local", "under /usr/local")
    if found is None or moved is None:
        return found
    return dataclasses.replace(found, runtime_image=moved[0], notes=(*found.notes, moved[1]))


def _user_base_packages(facts: StageFacts, layout: str = f"pip's user base {USER_BASE}",
                        inside: str = f"in {USER_BASE}") -> Finish | None:
    """The distribution's Python the runtime installs for the user base (None: the image has it); ``layout``: what
    runs with it, ``inside``: where pip installs."""
    pythons = _interpreters(_installed_packages(facts), facts.image.is_alpine)
    if not pythons and not facts.kind and _same_image(facts):
        return None  # the runtime starts from the image the tool does not know, whose Python pip ran
    if not pythons:
        return Finish(skip=f"pip would install {inside}, but the file installs no Python package: the Python pip "
                           "runs comes with the base image, which the runtime may not have")
    kept = set(_interpreters(list(facts.kept_packages), facts.image.is_alpine))  # py3-pip brings python3
    missing = tuple(p for p in pythons if p not in kept)
    setuptools = _distribution_setuptools(facts)  # pip --user counts the distribution's as installed, too
    booted = () if setuptools else _bootstrapped_setuptools(facts, pythons)
    libraries = _distribution_pip_libraries(facts)
    return Finish(runtime_packages=missing + setuptools + booted + libraries, notes=_pip_libraries_notes(
        libraries, inside) + _unknown_release_pip(facts) + tuple(
        f"{layout} runs with the distribution's {p}: the runtime installs it" for p in missing)
        + tuple(f"pip counts the distribution's {t} (the builder has it) as installed and puts no setuptools "
                f"{inside}: the runtime installs it for the programs that import pkg_resources"
                for t in setuptools)
        + tuple(f"a build step put setuptools into the image's Python (get-pip.py, ensurepip), which pip counts as "
                f"installed and puts none {inside}: the runtime, which does not repeat that step, installs "
                f"the distribution's {t} for the programs that import pkg_resources" for t in booted))


# the distribution's setuptools package of each of its Pythons, for a runtime whose Python got its setuptools from a
# bootstrap in the builder (get-pip.py, ensurepip): (Alpine, interpreter) -> package
_SETUPTOOLS_OF = {(True, "python3"): "py3-setuptools", (True, "python2"): "py-setuptools",
                  (False, "python3"): "python3-setuptools", (False, "python2"): "python-setuptools",
                  (False, "python"): "python-setuptools"}


def _bootstrapped_setuptools(facts: StageFacts, pythons: tuple[str, ...]) -> tuple[str, ...]:
    """The distribution's setuptools for the user base's Python when a build step of the stage put setuptools into
    that Python (get-pip.py, ez_setup.py, ``python -m ensurepip``): pip counts it as installed and puts none in the
    user base, and the runtime, which does not repeat the bootstrap, would lack pkg_resources (console scripts of
    ``setup.py install``, packages that import it: 6632a201, 5394bd7a)."""
    booted = any(cl.provides == _BOOTSTRAPPED or _PYTHON.match(posixpath.basename(c.name or "")) is not None
                 and ("-m", "ensurepip") == tuple(c.args[:2])
                 for d in facts.decisions if d.inst.cmd == "run"
                 for c, cl in zip(d.commands, d.claims, strict=True))
    if not booted:
        return ()
    wanted = (_SETUPTOOLS_OF.get((facts.image.is_alpine, p)) for p in pythons)
    return tuple(dict.fromkeys(w for w in wanted if w is not None and w not in facts.kept_packages))


def _user_base_conflict(facts: StageFacts, first: int) -> str | None:
    """What in the stage the user base would not serve: programs started without the image's ENV, its own
    settings of the user base, a user site filled before, pip told to install elsewhere from the ENV on, a
    PATH set without the user base's commands."""
    found = _own_environment(facts) or _earlier_user_site(facts, first) or _pip_paths(facts, first)
    if not facts.kind and _same_image(facts):
        found = found or _root_unproven(facts, first)
    for d in facts.decisions[first:]:
        for cmd in d.commands:
            why = _outside_user_base(cmd)
            found = found or (f"at line {d.inst.start_line} {why}" if why else None)
        path = dict(env_pairs(d.inst)).get("PATH") if d.inst.cmd == "env" else None
        if path is not None and not re.search(rf"\$\{{?PATH\b|{re.escape(USER_BASE)}/bin", path):
            found = found or (f"ENV at line {d.inst.start_line} sets a PATH without {USER_BASE}/bin, where pip puts "
                              "the packages' commands")
    return found


# what a program the file names (sudo, cron) does to pip's user base
_WITHOUT_ENV = ("which starts programs with an environment of its own, without PYTHONUSERBASE: they would not find "
                "what pip installed")


def _own_environment(facts: StageFacts) -> str | None:
    """Programs the image starts without its ENV (cron's jobs, sudo), or its own settings of the user base."""
    for d in facts.decisions:
        if d.inst.cmd in ("run", "cmd", "entrypoint", "copy", "add", "env", "arg"):
            m = _OWN_ENVIRONMENT.search(d.inst.text)
            if m:
                return f"line {d.inst.start_line} names `{m.group(0)}`, {_WITHOUT_ENV}"
            m = _USER_SETTINGS.search(d.inst.text)
            if m:
                return f"line {d.inst.start_line} sets {m.group(0)} itself"
    return None


def _root_unproven(facts: StageFacts, first: int) -> str | None:
    """On an image the tool does not know, whose own USER may not be root: why pip may not run as root (None:
    the file says USER root, or installs system packages, before it)."""
    if any(d.inst.cmd == "user" or any(c.packages is not None for c in d.claims) for d in facts.decisions[:first + 1]):
        return None
    base = thirdparty.base_user(facts.image.shown)
    if base.state is thirdparty.UserState.ROOT:
        return None  # its own Dockerfiles, and its bases', set no other USER
    line = facts.decisions[first].inst.start_line
    if base.state is thirdparty.UserState.OTHER:
        return (f"{_ref_name(facts.image)}'s {base.why}, and nothing before line {line} (USER root, a system package "
                f"install) makes pip run as root, who can write {USER_BASE}")
    what = "is an image the tool does not know" if thirdparty.builds(facts.image.shown) is None else \
        f"is an image whose {base.why}"
    return (f"{_ref_name(facts.image)} {what}, and nothing before line {line} (USER root, a system package install) "
            f"shows that pip runs as root, who can write {USER_BASE}")


# where pip puts the commands and packages it installs into the image's own Python (not the interpreters)
_PIP_COMMANDS = re.compile(r"(?<![\w.$/-])/usr(?:/local)?/bin/(?!(?:python|pip)[\d.]*(?![\w.-]))[\w.-]+")
_PIP_PACKAGES = re.compile(r"(?<![\w.$/-])/usr(?:/local)?/lib/python[\d.]*/(?:site|dist)-packages\b[^\s\"';,\]]*")


def _pip_paths(facts: StageFacts, first: int) -> str | None:
    """A path where pip would have put a command or a package without the user base: a command the image
    runs (ENTRYPOINT /usr/local/bin/chaperone), a package folder the file names from the first install on; with
    the user base they are under /opt/python instead. Not a path the file writes itself (COPY x /usr/local/bin/)."""
    written = [d.inst.text for d in facts.decisions if d.inst.cmd in ("copy", "add")]
    system = {_package_name(p) for p in _installed_packages(facts)}
    found: list[tuple[int | None, str]] = [(None, m.group(0)) for run in facts.runs
                                           for m in _PIP_COMMANDS.finditer(" ".join(a or "" for a in run))]
    for d in facts.decisions[first:]:
        pattern = _PIP_COMMANDS if d.inst.cmd in ("cmd", "entrypoint", "healthcheck") else _PIP_PACKAGES
        found += [(d.inst.start_line, m.group(0)) for m in pattern.finditer(d.inst.text)]
    found += _linked_commands(facts, first)
    for line, path in found:
        if any(path in w or (posixpath.basename(path) in w and f"{posixpath.dirname(path)}/" in w) for w in written):
            continue
        if _system_command(path, system):
            continue
        where = f"line {line}" if line is not None else "a command the image runs"
        return (f"{where} names {path}, where pip puts what it installs into the image's own Python: with the user "
                f"base it is under {USER_BASE} instead")
    return None


def _installed_packages(facts: StageFacts) -> list[str]:
    """The system packages the stage's installs name, as written (``python3-pip=20.0.2-5``)."""
    return [p for d in facts.decisions for c in d.claims if c.packages and c.packages.action == "install"
            for p in c.packages.packages]


def _linked_commands(facts: StageFacts, first: int) -> list[tuple[int, str]]:
    """(line, command) for the commands of /usr/bin or /usr/local/bin that the RUNs from decision ``first`` on link
    elsewhere (``ln -s /usr/bin/celery /usr/local/bin/celery``) and that no step of the stage puts there but pip:
    not a build output, not a command of a system package the stage installs (by its name, or Debian's package
    that provides it) nor one the image has."""
    system = {_package_name(p) for p in _installed_packages(facts)}
    image = commands_in(facts.image.shown) or frozenset()
    out = []
    for line, cmd in ((d.inst.start_line, c) for d in facts.decisions[first:] for c in d.commands):
        if cmd.name != "ln":
            continue
        words = positional(cmd.args, frozenset({"-t", "--target-directory", "-S", "--suffix"}))
        for word in words[:-1] if len(words) > 1 else []:
            if not word or not _PIP_COMMANDS.fullmatch(word):
                continue
            name = posixpath.basename(word)
            if name in system or name.removesuffix("d") in system or package_providing_everywhere(name) in system \
                    or name in image or any(
                    a.path == word or word.startswith(a.path.rstrip("/") + "/") for a in facts.artifacts):
                continue
            out.append((line, word))
    return out


def _system_command(path: str, system: set[str]) -> bool:
    """A command of /usr/bin the system package of its name installs (supervisor's /usr/bin/supervisord), not
    pip: it stays where it is with the user base."""
    name = posixpath.basename(path)
    return path.startswith("/usr/bin/") and (name in system or name.removesuffix("d") in system)


def _earlier_user_site(facts: StageFacts, first: int) -> str | None:
    """A ``pip install --user`` before the ENV: its packages are in ~/.local, which PYTHONUSERBASE hides."""
    for d in facts.decisions[:first]:
        for cmd in d.commands:
            pip = _pip_args(cmd)
            if pip and pip[0] == "install" and has_flag(pip[1:], "--user"):
                return (f"`pip install --user` at line {d.inst.start_line} installs into the user's ~/.local, "
                        "which PYTHONUSERBASE would hide")
    return None


# tools that run pip in a virtual environment of their own, where pip refuses PIP_USER's user install
_VENV_TOOLS = frozenset({"poetry", "pipenv", "tox", "nox", "pipx", "virtualenv", "venv", "hatch", "pdm"})


def _outside_user_base(cmd: Command) -> str | None:
    """What a command after the user base's ENV does that does not go with PIP_USER (None: nothing)."""
    name = posixpath.basename(cmd.name or "")
    args = [a or "" for a in cmd.args]
    if name in ("source", ".") and args and posixpath.basename(args[0]) == "activate":
        return f"`{name} {args[0]}` activates a virtual environment, where pip refuses PIP_USER's user install"
    module = args[1] if _PYTHON.match(name) and args[:1] == ["-m"] and len(args) > 1 else None
    if name in _VENV_TOOLS or module in _VENV_TOOLS:
        return f"`{module or name}` runs pip in a virtual environment of its own, where pip refuses PIP_USER's " \
               "user install"
    pip = _pip_args(cmd)
    if pip and pip[0] == "install" and name != "uv":
        clash = next((o for o in ("--target", "-t", "--prefix", "--root", "--no-user")
                      if has_flag(pip[1:], o) or option_value(pip[1:], o)), None)
        if clash:
            return f"`pip install {clash}` does not install into the user base"
    return None


def _other_system(facts: StageFacts, where: str = "the user base's lib/pythonX.Y"
                  ) -> tuple[tuple[str, str] | None, str | None]:
    """The runtime's Python must be the builder's, whose user base has lib/pythonX.Y: where the usual runtime
    image is built on another release of the distribution (golang:1.12 on buster, debian:bookworm-slim not;
    eclipse-temurin on Ubuntu), the runtime starts from one of the builder's release instead (the
    distribution's own image of it, or the builder's image): (that image, the note saying so). The second:
    why no runtime can be chosen (the builder's release is not known)."""
    builder = _ref_name(facts.image)
    runtime = runtime_image(builder, with_packages=True, release=facts.release)
    if runtime == builder:
        return None, None
    here, there = _system_release(builder), _system_release(runtime)
    if here is not None and here == there:
        return None, None
    if here is None:
        return None, (f"the runtime image {runtime} is not known to be built on the release of the distribution "
                      f"{builder} is: a Python of another version would not read {where}")
    repo = ImageRef.parse(runtime).repo
    if repo == "debian" and here in data("images.json")["debian_releases"]:
        image = f"debian:{here}-slim"
    elif repo == "alpine" and re.fullmatch(r"\d+\.\d+", here):
        image = f"alpine:{here}"
    else:
        image = builder
    return (image, f"the runtime starts from {image}, built on the release of the distribution {builder} is "
                   f"({here}): {runtime}, on {there or 'another release'}, would have a Python of another "
                   f"version, which would not read {where}"), None


def _same_image(facts: StageFacts) -> bool:
    """The runtime starts from the builder's own image (one the tool does not know: no slimmer one is)."""
    builder = _ref_name(facts.image)
    return runtime_image(builder, with_packages=True, release=facts.release) == builder


_SYSTEMS = frozenset({"debian", "ubuntu", "buildpack-deps", "alpine"})


def _system_release(image: str) -> str | None:
    """The distribution release an image is built on, as the tag of its nearest known system base names it
    (node:boron: buildpack-deps:stretch, stretch; golang:1.8-alpine3.6: alpine:3.6, 3.6); None: not known."""
    for base in (image, *chain(image)):
        ref = ImageRef.parse(base)
        if ref.repo in _SYSTEMS and ref.tag not in ("", "latest"):
            return ref.tag.split("-", 1)[0]
    return None


def _package_name(spec: str) -> str:
    return re.split(r"[=<>~@]", posixpath.basename(spec), maxsplit=1)[0]


def _interpreters(installed: list[str], alpine: bool) -> tuple[str, ...]:
    """The distribution's Python packages behind what the file installs (python3-pip: python3; Alpine's
    py2-pip: python2)."""
    out: list[str] = []
    for spec in installed:
        name = _package_name(spec)
        m = re.fullmatch(r"(python\d?(\.\d+)?)(-(dev|pip|venv|setuptools|minimal|all|all-dev|distutils))?", name)
        a = re.fullmatch(r"py(\d?)-(pip|setuptools)", name) if alpine else None
        python = m.group(1) if m else (f"python{a.group(1) or '2'}" if a else None)
        if alpine and python == "python":
            python = "python2"  # Alpine's python-dev and py-pip were Python 2's
        if python and python not in out:
            out.append(python)
    return tuple(out)


PASS = Pass(NAME, "pip (plain, --user, --prefix, --target, venvs), poetry, uv, pipenv, test runners", claim,
            finish)
