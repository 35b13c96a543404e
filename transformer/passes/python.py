"""Python: pip (plain, --user, --prefix, --target, venvs), venv creation, test runners."""

from __future__ import annotations

import re

from ..analysis import Artifact, Claim, Role, RunContext, has_flag, option_value
from ..shell import Command

NAME = "python"

_PYTHON = re.compile(r"^python(\d(\.\d+)?)?$")
_PIP = re.compile(r"^pip(\d(\.\d+)?)?$")
_TEST_MODULES = {"pytest", "unittest", "nose2", "tox", "nox"}
_TEST_TOOLS = {"pytest", "py.test", "tox", "nox", "nose2"}


def _args(cmd: Command) -> tuple[str | None, ...]:
    return cmd.args


def _pip_args(cmd: Command) -> tuple[str | None, ...] | None:
    """The arguments after ``pip`` when the command runs pip, else None."""
    name = cmd.name or ""
    args = _args(cmd)
    if _PIP.match(name):
        return args
    if _PYTHON.match(name) and len(args) >= 2 and args[0] == "-m" and args[1] and _PIP.match(args[1]):
        return args[2:]
    if name == "uv" and len(args) >= 1 and args[0] == "pip":
        return args[1:]
    return None


def _python_version(ctx: RunContext) -> str | None:
    m = re.match(r"^(\d+\.\d+)", ctx.image.tag)
    if ctx.kind == "python" and m:
        return m.group(1)
    return None


def _venv_of(cmd: Command, ctx: RunContext) -> str | None:
    """The virtual environment a pip command installs into, if any."""
    argv0 = cmd.argv[0].value or ""
    if "/bin/" in argv0:
        return argv0.split("/bin/")[0] or None
    venv = ctx.getenv("VIRTUAL_ENV")
    if venv:
        return venv
    path = ctx.getenv("PATH") or ""
    for part in path.split(":"):
        if part.endswith("/bin") and part not in ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin",
                                                  "/usr/local/sbin", "/root/.local/bin"):
            if any(s in part for s in ("venv", "virtualenv", "/opt/", ".venv")):
                return part[: -len("/bin")]
    return None


def _home(ctx: RunContext) -> str:
    home = ctx.getenv("HOME")
    if home:
        return home
    if ctx.user in (None, "", "root", "0"):
        return "/root"
    return f"/home/{ctx.user.split(':')[0]}"


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    args = _args(cmd)
    if name in _TEST_TOOLS:
        return Claim(Role.TEST, NAME, f"`{name}` runs the tests")
    if _PYTHON.match(name) and len(args) >= 2 and args[0] == "-m":
        if args[1] in _TEST_MODULES:
            return Claim(Role.TEST, NAME, f"`python -m {args[1]}` runs the tests")
        if args[1] in ("venv", "virtualenv"):
            target = [a for a in args[2:] if a and not a.startswith("-")]
            if not target:
                return None
            path = ctx.abspath(target[-1])
            return Claim(Role.BUILD, NAME, "creates a virtual environment",
                         artifacts=(Artifact(path, reason="the virtual environment"),))
        if args[1] == "compileall":
            return Claim(Role.NEUTRAL, NAME)
    if name == "virtualenv":
        target = [a for a in args if a and not a.startswith("-")]
        if target:
            path = ctx.abspath(target[-1])
            return Claim(Role.BUILD, NAME, "creates a virtual environment",
                         artifacts=(Artifact(path, reason="the virtual environment"),))
    pip = _pip_args(cmd)
    if pip is None:
        if _PYTHON.match(name) and args[:2] == ("setup.py", "install"):
            pip = ("install", ".")
        else:
            return None
    if not pip or pip[0] != "install":
        if pip and pip[0] in ("cache", "config", "freeze", "list", "show", "check", "--version", "-V"):
            return Claim(Role.NEUTRAL, NAME)
        return None
    inst = pip[1:]
    venv = _venv_of(cmd, ctx)
    if has_flag(inst, "--user"):
        local = f"{_home(ctx)}/.local"
        return Claim(Role.BUILD, NAME, "pip --user installs into " + local,
                     artifacts=(Artifact(local, reason="packages pip installed with --user"),))
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
    if venv:
        return Claim(Role.BUILD, NAME, f"pip installs into the virtual environment {venv}",
                     artifacts=(Artifact(venv, reason="the virtual environment"),))
    version = _python_version(ctx)
    if version is None:
        return None
    site = f"/usr/local/lib/python{version}/site-packages"
    return Claim(Role.BUILD, NAME, "pip installs into the image's site-packages",
                 artifacts=(Artifact(site, reason="installed Python packages"),
                            Artifact("/usr/local/bin", reason="the packages' console scripts")))
