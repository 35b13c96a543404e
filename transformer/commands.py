"""What a CMD, ENTRYPOINT or HEALTHCHECK runs, read one way everywhere, and data/commands.json's tables."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .images import data
from .shell import SHELLS, parse_shell, shell_c_script, unwrap_shell_c
from .tree import Instruction

Argv = tuple[str | None, ...]


def _command_part(inst: Instruction) -> tuple[str, ...] | None:
    """The command words of a CMD/ENTRYPOINT, or of a HEALTHCHECK's ``CMD`` (None: HEALTHCHECK NONE)."""
    value = inst.value
    if inst.cmd == "healthcheck":
        if not value or value[0].upper() != "CMD":
            return None
        return value[1:]
    return value


def argv_of(inst: Instruction) -> list[Argv]:
    """The command lines an exec- or shell-form CMD/ENTRYPOINT/HEALTHCHECK runs; the script of a shell
    run with ``-c`` (``["sh", "-c", "..."]``, ``bash -lc``, ``dash -c``) is read into its commands."""
    if inst.cmd not in ("cmd", "entrypoint", "healthcheck"):
        return []
    value = _command_part(inst)
    if not value:
        return []
    if inst.json:
        script = shell_c_script(value)
        if script is None:
            return [tuple(value)]
        return [(c.argv[0].value, *c.args) for c in parse_shell(script).commands if c.argv]
    out: list[Argv] = []
    for c in parse_shell(value[0]).commands:
        inner = unwrap_shell_c(c)
        cmds = inner.commands if inner is not None else (c,)
        out += [(cc.argv[0].value, *cc.args) for cc in cmds if cc.argv]
    return out


# interpreters whose first operand is the program they run (``python CouchPotato.py``, ``php artisan``, ``sh x.sh``)
INTERPRETER = re.compile(r"^(python[\d.]*|pypy3?|node(js)?|ruby[\d.]*|perl[\d.]*|php[\d.]*|Rscript|sh|bash|dash|ash)$")


def program_names(words: Iterable[str | None]) -> tuple[str, ...]:
    """The programs named by ``words`` a source file hands to a runner (``/usr/bin/git``: git), once each, in order;
    a word that is no plain path or name (a placeholder, an expression) names none."""
    return tuple(dict.fromkeys(w.rsplit("/", 1)[-1] for w in words if w and re.fullmatch(r"[\w./+-]+", w)))


def image_lines(insts: Iterable[Instruction]) -> tuple[Argv, ...]:
    """The command lines the CMD and ENTRYPOINT run (:func:`argv_of`), each from the command its wrappers run
    (``exec gosu app uwsgi``, ``tini -- node``: what must exist in the image is uwsgi, node)."""
    return tuple(unwrapped_line(argv) for inst in insts if inst.cmd in ("cmd", "entrypoint") for argv in argv_of(inst))


def unwrapped_line(words: Argv) -> Argv:
    """A command line's words from the command its wrappers run (``gosu app uwsgi --ini x`` -> ``uwsgi --ini x``),
    as ``analysis.unwrapped`` reads a command."""
    return tuple(words[wrapped_start(words):])


def wrapped_start(words: Argv) -> int:
    """Where the command the wrappers first in ``words`` run starts (0: no wrapper, or one whose command cannot
    be told: a word with a variable, or nothing after its options)."""
    wrappers: dict[str, list[str]] = data("commands.json")["wrappers"]
    start = 0
    while len(words) - start > 1 and (name := posixpath.basename(words[start] or "")) in wrappers:
        takes = wrappers[name]
        k = start + 1
        if takes[:1] and takes[0].startswith("<"):  # gosu USER cmd, timeout DURATION cmd
            k += 1
        while k < len(words):
            value = words[k]
            if value is None:
                return start
            if name in ("env", "cross-env", "sudo") and "=" in value and not value.startswith("-"):
                k += 1
                continue
            if not value.startswith("-"):
                break
            k += 2 if value in takes else 1
        if k >= len(words):
            return start
        start = k
    return start


# the system's command folders: a program named by a path there may be one a package installed (gunicorn)
BIN_FOLDERS = frozenset({"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"})
SCRIPT_SUFFIXES = (".sh", ".bash")


@dataclass(frozen=True, slots=True)
class ScriptRun:
    """The script file a command line runs: ``word`` as the line names it; ``by_shell``: a shell's operand
    (``bash start.sh``), which the shell reads whatever its first line; ``own``: named by a path outside the
    system's command folders (``./start``, ``/app/run``: a file of the image's own, a script or a program the build
    made), where a path in them may be a program a package installed (``/usr/local/bin/gunicorn``)."""

    word: str
    by_shell: bool
    own: bool

    @property
    def sure(self) -> bool:
        """Surely a shell script: a shell runs it, or its name ends as one's."""
        return self.by_shell or self.word.endswith(SCRIPT_SUFFIXES)

    def shell_text(self, text: str) -> bool:
        """Whether the script's text is the shell's: a shell runs it, its name says so, or its first line."""
        shebang = text.split("\n", 1)[0] if text.startswith("#!") else ""
        return self.sure or shebang.endswith(("sh", "bash"))


def script_run(argv: Argv) -> ScriptRun | None:
    """The script a command line runs (its wrappers already read: :func:`unwrapped_line`): a shell's first
    operand, or the command itself when named by a path or a script's suffix (``./start``, ``entry.sh``); None
    for a word with a variable or an option."""
    if not argv:
        return None
    by_shell = is_shell(argv[0]) and len(argv) > 1
    word = argv[1] if by_shell else argv[0]
    if not word or "$" in word or word.startswith("-"):
        return None
    if not (by_shell or "/" in word or word.endswith(SCRIPT_SUFFIXES)):
        return None
    return ScriptRun(word, by_shell, "/" in word and posixpath.dirname(posixpath.normpath(word)) not in BIN_FOLDERS)


def runs_shell(inst: Instruction) -> bool:
    """Whether a CMD, ENTRYPOINT or HEALTHCHECK needs a shell (shell form, or a shell named first)."""
    if inst.cmd not in ("cmd", "entrypoint", "healthcheck"):
        return False
    value = _command_part(inst)
    if not value:
        return False
    return not inst.json or posixpath.basename(value[0]) in SHELLS


_BUILTINS = frozenset({"cd", "echo", "printf", "test", "[", "[[", "export", "set", "unset", "true", "false", ":",
                       "source", ".", "read", "exit", "return", "type", "command", "ulimit", "umask", "wait", "eval",
                       "exec", "shift", "trap", "alias", "hash", "pwd", "let", "local", "declare", "shopt"})


def is_shell_builtin(name: str) -> bool:
    """A command every shell has built in (needs no package in the runtime)."""
    return name in _BUILTINS


def is_shell(name: str | None) -> bool:
    return name is not None and posixpath.basename(name) in SHELLS


@cache
def RUNTIME_BLOCKERS() -> tuple[dict[str, str], dict[str, dict[str, str]]]:  # noqa: N802 - a constant, loaded once
    """(command -> why it needs the build tools at run time, command -> {subcommand: why})."""
    table = data("commands.json")
    return table["runtime_blockers"], table["runtime_blocker_subcommands"]


@cache
def never_runs_git() -> frozenset[str]:
    """Commands known not to run git (package installs, downloads, file setup): data/commands.json's ``no_git``."""
    return frozenset(data("commands.json")["no_git"])


@cache
def may_run_git() -> frozenset[str]:
    """Commands an image's own command may run git through: data/commands.json's ``may_run_git``."""
    return frozenset(data("commands.json")["may_run_git"])


def app_command_verbs(name: str) -> dict[str, list[str]] | None:
    """data/commands.json's ``app_commands`` entry of a command (what each of its verbs writes): by its name, else by
    a ``re:`` key that matches it."""
    table: dict[str, dict[str, list[str]]] = data("commands.json")["app_commands"]
    if name in table:
        return table[name]
    return next((v for k, v in table.items() if k.startswith("re:") and re.fullmatch(k[3:], name)), None)


@dataclass(frozen=True, slots=True)
class Installer:
    """A known installer script (data/commands.json's ``installers``): what running it does to the image."""

    name: str
    setup: bool  # it configures the image (a package repository), which the runtime repeats; else a build tool
    what: str  # what it does, for reasons ("adds the NodeSource package repository")
    tools: tuple[str, ...] = ()  # setup: the commands the runtime needs to repeat it
    provides: tuple[str, ...] = ()  # build: the commands it installs, which the runtime does not get
    repository: tuple[tuple[str, tuple[str, ...]], ...] = ()  # setup: its repository's packages and their commands
    manager: Manager | None = None  # build: a version manager, with the folder it installs into


@dataclass(frozen=True, slots=True)
class Manager:
    """A version manager an installer puts into a folder of its own (nvm into $NVM_DIR, ~/.nvm by default), which the
    commands after it use (``nvm install 18``) and a program may load (``. $NVM_DIR/nvm.sh``)."""

    variable: str  # the variable that names its folder (NVM_DIR)
    default: str  # its folder when the variable is not set (~ the user's home)
    root: str = ""  # its folder when root installs it, when that is another (RVM's /usr/local/rvm)
    login: bool = False  # login shells load it (/etc/profile.d, ~/.bash_profile): a program in a login shell has it


def known_installer(url: str | None) -> Installer | None:
    """The known installer a script downloaded from ``url`` is; None when the table does not know it."""
    if not url:
        return None
    for name, spec in data("commands.json")["installers"].items():
        if isinstance(spec, dict) and re.match(spec["url"], url):
            return Installer(name, spec["role"] == "setup", spec["what"], tuple(spec.get("tools", ())),
                             tuple(spec.get("provides", ())),
                             tuple((k, tuple(v)) for k, v in spec.get("packages", {}).items()), manager_named(name))
    return None


def manager_named(name: str) -> Manager | None:
    """The version manager the known installer ``name`` installs (None: it installs none, or no such installer)."""
    spec = data("commands.json")["installers"].get(name)
    manager = spec.get("manager") if isinstance(spec, dict) else None
    return Manager(manager["variable"], manager["default"], manager.get("root", ""), bool(manager.get("login"))) \
        if manager else None


def installed_by(name: str) -> str:
    """The pseudo-variable (no shell can name it) that the run of the known installer ``name`` sets in the stage's
    environment to the folder it installed into (``installer:nvm`` -> /root/.nvm), for the commands after it."""
    return f"installer:{name}"
