"""Facts about a stage's instructions, and the vocabulary passes answer in.

The walk over a stage tracks what each instruction sees (WORKDIR, ENV, USER,
the base image) and reads every RUN with the shell parser. Passes
(``transformer/passes``) look at each shell command and *claim* it with a
:class:`Claim`: what role the command plays and what it leaves behind.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .arguments import evaluate_word
from .claims import Artifact, Claim, Copied, DecisionFacts, Makefiles, PackageOp, Role
from .commands import wrapped_start
from .images import ImageRef, data
from .shell import Command, Script, parse_shell, unwrap_shell_c
from .tree import Instruction

__all__ = ["Artifact", "Claim", "ContextReader", "Makefiles", "PackageOp", "Role", "RunContext", "RunFacts",
           "cmake_source", "context_location", "env_pairs", "expand", "final_env", "has_flag", "no_context",
           "option_value", "package_users", "positional", "project_script", "read_from_context", "read_run",
           "stage_commands", "su_script", "unwrapped", "users_made", "variables_used"]

_TILDE = re.compile(r"^~([A-Za-z_][A-Za-z0-9_.-]*)?(/.*)?$")

ContextReader = Callable[[str], "str | None"]
"""Reads a file of the build context by its path relative to the context root;
None when the file is not there (or no context was given). A path ending in ``/``
names a folder: the answer lists its entries, one per line, folders ending in ``/``."""


def no_context(path: str) -> str | None:
    return None


def clean(path: str) -> str:
    """The path as Docker reads it (Go's path.Clean): normpath, and a leading "//" is "/" too."""
    path = posixpath.normpath(path)
    return "/" + path.lstrip("/") if path.startswith("//") else path


@dataclass(frozen=True, slots=True)
class RunContext:
    """What a RUN instruction sees."""

    image: ImageRef
    kind: str  # the base image family's ecosystem ("python", "go", ... or "")
    workdir: str
    env: tuple[tuple[str, str], ...]
    user: str | None
    read_context: ContextReader = field(default=no_context, compare=False)
    outputs: tuple[str, ...] = ()  # what the build steps before left (artifact paths so far)
    run_workdir: str = ""  # the RUN's WORKDIR, before any `cd` of its commands ("" where not told)
    piped_from: Command | None = None  # the command whose output this one reads (``curl URL | bash``)
    after: str | None = None  # the operator between the command before and this one (``&&``, ``||``, ``;``, ``|``)
    # the first command of the pipeline this one is in (itself when it is not piped), and the operator before it
    pipe_head: Command | None = None
    pipe_after: str | None = None
    # a step before installed a copy into the staging folder whose later changes are not followed (make install's
    # DESTDIR): the staged tree may hold files the system's folders no longer have
    installed_apart: bool = False
    runs: tuple[tuple[str | None, ...], ...] = ()  # the command lines the image's CMD and ENTRYPOINT run
    writes: tuple[str, ...] = ()  # the text of the stage's COPY, ADD and RUN instructions, before and after this one
    # the commands of the stage's RUNs, this one and those before and after it (:func:`stage_commands`)
    stage_commands: tuple[Command, ...] = ()
    installed: tuple[str, ...] = ()  # the system packages the RUNs before this one install (as written)
    installed_here: tuple[str, ...] = ()  # ... and those the commands before in this RUN install
    removed: tuple[str, ...] = ()  # the paths the RUNs before this one delete (as written, globs kept)
    makefiles: tuple[tuple[str, Makefiles], ...] = ()  # folders whose build files the steps before generated
    fetched: tuple[tuple[str, str], ...] = ()  # files the steps before downloaded: (absolute path, URL)
    homes: tuple[tuple[str, str], ...] = ()  # (user name or uid, home folder) of the users the RUNs before made
    servers: tuple[str, ...] = ()  # the database servers the commands before in the RUN started (Claim.starts)
    # the paths the commands before in the RUN deleted by their name (``rm -f /var/www``), absolute, that no command
    # since names: they are not there (a `mv dist /var/www` after it makes /var/www, not /var/www/dist)
    gone: tuple[str, ...] = ()
    # the SQLite database files (DATABASE_FILE) the commands before in the stage name, absolute (`rm -f app.db`,
    # `mv shared/production.sqlite3 db/production.sqlite3`, `[ -f db/production.sqlite3 ]`)
    database_files: tuple[str, ...] = ()
    copied: tuple[Copied, ...] = ()  # the COPY and ADD instructions before that take from the build context
    # the package repositories the RUNs before set up for apt: (line, the packages a known one gives, such as
    # NodeSource's nodejs; None for one the tool does not know: add-apt-repository, sources written under /etc/apt)
    repositories: tuple[tuple[int, tuple[str, ...] | None], ...] = ()
    # the folders the stage's VOLUMEs declare, before and after this RUN (absolute): a volume mounted there at run
    # time hides what the image holds under them
    volumes: tuple[str, ...] = ()
    # the stage's WORKDIR is known: the file set one, or its base image is one whose own the data know (an image the
    # tool does not know may set a WORKDIR of its own, which / then stands for)
    workdir_known: bool = True

    def volume_over(self, path: str) -> str | None:
        """The folder a VOLUME of the stage declares that ``path`` (absolute) is in; None when it is in none."""
        return next((v for v in self.volumes if path == v or path.startswith(v.rstrip("/") + "/")), None)

    def fetched_from(self, path: str) -> str | None:
        """The URL the file at ``path`` (absolute, or relative to WORKDIR) was downloaded from by a step before;
        None when none downloaded it."""
        full = self.abspath(path)
        return next((url for where, url in reversed(self.fetched) if where == full), None)

    def made_by(self, folder: str) -> Makefiles | None:
        """What generated the build files of ``folder`` or of a folder above it (a build tree's subfolders
        are generated with it); the last step that did; None when not seen."""
        for where, how in reversed(self.makefiles):
            if folder == where or folder.startswith(where.rstrip("/") + "/"):
                return how
        return None

    def getenv(self, name: str) -> str | None:
        for k, v in reversed(self.env):
            if k == name:
                return v
        return None

    def home(self) -> str | None:
        """The user's home folder: $HOME when set, /root for root, the home of a user the file makes
        (``useradd -m app``: /home/app), else not known."""
        if self.getenv("HOME"):
            return self.getenv("HOME")
        if self.user in (None, "", "root", "0"):
            return "/root"
        return self.user_home(self.user.split(":")[0])

    def likely_home(self) -> str:
        """:meth:`home`, or for another user the home useradd gives by default (/home/NAME)."""
        return self.home() or f"/home/{(self.user or '').split(':')[0]}"

    def user_home(self, name: str) -> str | None:
        """The home of the user ``name`` (``~name``): /root for root, that of a user the file makes."""
        if name == "root":
            return "/root"
        return next((h for who, h in reversed(self.homes) if who == name), None)

    def tilde(self, path: str) -> str | None:
        """``path`` with a leading ``~`` or ``~name`` read as the shell expands it (the user's home, that of
        the user named); None when that home is not known; the path itself when it has no leading ``~``."""
        m = _TILDE.match(path)
        if m is None:
            return path
        home = self.user_home(m.group(1)) if m.group(1) else self.home()
        return None if home is None else home + (m.group(2) or "")

    def abspath(self, path: str) -> str:
        """``path`` made absolute from WORKDIR; a leading ``~`` is the user's home, as the shell expands it."""
        path = self.tilde(path) or path
        return clean(posixpath.join(self.workdir, path))

    def read_file(self, path: str) -> str | None:
        """A file of the image (absolute, or relative to the folder the command runs in), read from the build
        context: where a COPY before put it (``COPY . /app`` then ``cd packages/api``: packages/api/...), else as
        :func:`read_from_context` guesses."""
        where = self.context_path(path)
        return self.read_context(where) if where is not None else None

    def context_path(self, path: str) -> str | None:
        """The path in the build context of the file :meth:`read_file` reads for ``path`` (``COPY sub/ .``:
        sub/package.json for package.json); None when it is not there."""
        located = context_location(self.copied, self.abspath(path), self.read_context)
        if located is not None and self.read_context(located) is not None:
            return located
        return find_in_context(self.read_context, self.workdir, path)


# the files of a database an app keeps in a folder (SQLite's)
DATABASE_FILE = re.compile(r".*\.(db|sqlite3?)$")


def database_files(cmd: Command, workdir: str) -> tuple[str, ...]:
    """The SQLite database files a command names among its words, made absolute from the folder it runs in."""
    return tuple(posixpath.normpath(posixpath.join(workdir, a)) for a in cmd.args
                 if a and "$" not in a and "=" not in a and not a.startswith("-") and DATABASE_FILE.fullmatch(a))


# a variable that names an app's database (DATABASE_URL, DB_PATH, DB_DATABASE, SQLITE_FILE...)
_DATABASE_VARIABLE = re.compile(r"(?i)(DATABASE|(^|_)DB($|_)|SQLITE)")
_ASSIGNED = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*=[^\s;&|'\"]+")


def database_variable(ctx: RunContext, words: Sequence[str | None] = ()) -> str | None:
    """An ENV, ARG or assignment of the RUN (``export``, ``env``, rake's ``DATABASE_URL=...`` argument) whose name
    is a database's and whose value is a file or a SQLite URL (not a server's URL, not ``DB_CONNECTION=sqlite``): the
    app's configuration places the database, maybe outside its folder (adv-s38: ``ENV DB_PATH=/var/lib/app/x.sqlite3``
    lost the database)."""
    stage = [m.group(0) for text in ctx.writes for m in _ASSIGNED.finditer(text)]  # export, env, rake's arguments
    given = [tuple(w.split("=", 1)) for w in (*words, *stage) if w and "=" in w and not w.startswith("-")]
    for name, value in [*ctx.env, *given]:
        url = value.startswith("sqlite") and ":" in value  # not `DB_CONNECTION=sqlite`: Laravel's default file
        if _DATABASE_VARIABLE.search(name) and (url or "/" in value and "://" not in value
                                                or DATABASE_FILE.fullmatch(value)):
            return f"{name}={value}"
    return None


def named_databases(ctx: RunContext) -> tuple[str, ...]:
    """The SQLite files the stage named before a command, or deleted: a file shows where the app keeps its
    database."""
    return tuple(dict.fromkeys([r for r in ctx.removed if DATABASE_FILE.fullmatch(r)] + list(ctx.database_files)))


def app_databases(ctx: RunContext) -> tuple[str, ...]:
    """The SQLite files in the folder a command runs in (not /) that the stage named before it, or deleted."""
    if ctx.workdir == "/":
        return ()
    return tuple(f for f in named_databases(ctx) if f == ctx.workdir or f.startswith(ctx.workdir.rstrip("/") + "/"))


def database_task(owner: str, shown: str, blocked: str, made: str, ctx: RunContext,
                  default: str | None = None, words: Sequence[str | None] = ()) -> Claim:
    """A task that makes or changes the app's database at build time (``rake db:migrate``, an app tool's
    migrations): part of the build (``made``) when the stage names a SQLite file in the folder it runs in, and the
    runtime copies the folder whole, with the database. Without such a file, a framework whose database is by
    ``default`` a SQLite file inside the app's folder (Rails' db/, Laravel's database/) is taken to keep it there:
    the task stays in the builder, where it changes a server as the original build did, or writes the file the
    runtime copies with the folder (the note says so). Else, and wherever a variable of the stage places the
    database (:func:`database_variable`), blocked (``blocked``)."""
    files = app_databases(ctx)
    whole = (Artifact(ctx.workdir, reason="the app with its database", whole_dir=True),)
    variable = database_variable(ctx, words)
    if variable:  # (the app's configuration places it: adv-s38, `ENV DB_PATH=/var/lib/app/production.sqlite3`)
        return Claim(Role.BLOCKED, owner, f"{blocked} ({variable} names it)")
    if files:
        return Claim(Role.BUILD, owner, made, artifacts=whole,
                     note=f"`{shown}` is taken to write its database into {ctx.workdir}, where a step before names "
                          f"{files[-1]}: the runtime copies the folder whole (`msrefactor verify` shows whether the "
                          "database lies elsewhere)")
    if default is None or ctx.workdir == "/" or named_databases(ctx):  # one named outside the folder
        return Claim(Role.BLOCKED, owner, blocked)
    return Claim(Role.BUILD, owner, made, artifacts=whole,
                 note=f"assumed: `{shown}` changes the database {default}; it runs in the builder, as in the "
                      f"original build: a database server changes the same way, and a SQLite file in {ctx.workdir} "
                      "(the framework's default place) comes with the folder, which the runtime copies whole "
                      "(`msrefactor verify` shows whether the database lies elsewhere)")


def context_location(copied: Sequence[Copied], path: str, read_context: ContextReader) -> str | None:
    """The path in the build context ("." for its root) of the file or folder the last of ``copied`` that puts one
    at ``path`` (absolute) took from it: ``COPY ./ /src`` puts examples/HelloWorld at /src/examples/HelloWorld.
    None when none of them did (or a pattern names its sources)."""
    for sources, dest, folder in reversed(copied):
        for source in reversed(sources):
            src = posixpath.normpath(source.lstrip("/") or ".")
            if src.startswith(".."):
                continue
            if any(c in src for c in "*?["):
                matched = matched_in_context(src, dest, path, read_context)
                if matched is not None:
                    return matched
                continue
            if src == "." or read_context(src + "/") is not None:  # a folder: its entries go into dest
                if path != dest and not path.startswith(dest.rstrip("/") + "/"):
                    continue
                rel = posixpath.normpath(posixpath.join(src, posixpath.relpath(path, dest)))
            elif path == posixpath.join(dest, posixpath.basename(src)) or (path == dest and not folder):
                # into a folder named without its slash too (`COPY sub/requirements.txt .`, `COPY x.txt /app` where
                # WORKDIR made /app): the file is asked for by that path only where dest is a folder
                rel = src
            else:
                continue
            if read_context(rel) is not None or read_context(rel.rstrip("/") + "/") is not None:
                return rel
    return None


def matched_in_context(pattern: str, dest: str, path: str, read_context: ContextReader) -> str | None:
    """The file of the build context a COPY whose source is a pattern of file names in one folder
    (``api/package*.json``) puts at ``path``: the folder's file of that name where the name matches and ``path`` is
    in ``dest`` (rp21node: `COPY api/package*.json ./` was read as a package.json the context does not hold)."""
    folder, name = posixpath.split(pattern)
    if any(c in folder for c in "*?[") or posixpath.dirname(path) != (dest.rstrip("/") or "/") or \
            not fnmatch.fnmatchcase(posixpath.basename(path), name):
        return None
    rel = posixpath.join(folder, posixpath.basename(path))
    return rel if read_context(rel) is not None else None


def parse_toml(text: str | None) -> dict[str, Any] | None:
    """A TOML file of the build context read (Cargo.toml, pyproject.toml); None when it is missing or not TOML (a file
    of the context never stops the tool)."""
    if text is None:
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except Exception:
        return None


def read_from_context(read_context: ContextReader, workdir: str, path: str) -> str | None:
    """A file the image has at ``path`` (absolute, or relative to ``workdir``), looked up in the build
    context, which is taken to be copied into WORKDIR: by its path under WORKDIR, then as written,
    then by its name (``COPY start.sh /usr/local/bin/``). None when it is not there."""
    where = find_in_context(read_context, workdir, path)
    return read_context(where) if where is not None else None


def read_where_copied(read_context: ContextReader, copied: Sequence[Copied], workdir: str, path: str) -> str | None:
    """A file the image has at ``path`` (absolute, or relative to ``workdir``), read in the build context where a
    COPY took it from (``COPY docker/entry.sh /app/``, ``COPY rust/ /tmp/``), else as :func:`read_from_context`
    finds it."""
    located = context_location(copied, posixpath.normpath(posixpath.join(workdir, path)), read_context)
    text = read_context(located) if located is not None else None
    return text if text is not None else read_from_context(read_context, workdir, path)


def find_in_context(read_context: ContextReader, workdir: str, path: str) -> str | None:
    """The path in the build context of the file :func:`read_from_context` reads; None when it is not there."""
    full = posixpath.normpath(posixpath.join(workdir, path))
    tries = [posixpath.relpath(full, workdir)] if full.startswith(workdir.rstrip("/") + "/") else []
    tries += [path.lstrip("/"), posixpath.basename(full)]
    return next((rel for rel in dict.fromkeys(tries) if rel and not rel.startswith("..")
                 and read_context(rel) is not None), None)


@dataclass(frozen=True, slots=True)
class RunFacts:
    """A RUN instruction read into shell commands (those of ``sh -c`` included)."""

    instruction: Instruction
    script: Script
    commands: tuple[Command, ...]
    readable: bool
    problem: str | None
    # for each command, the `su USER -c SCRIPT` it comes from: (that command's index in the script, USER); None
    # for the RUN's own commands (empty: no su)
    switched: tuple[tuple[int, str] | None, ...] = ()
    # for each command, the index in ``script.commands`` of the command of the RUN's own text it comes from (a
    # command of the script of `sh -c` or `su -c`: that command); empty when they are the same
    origin: tuple[int, ...] = ()
    # the project scripts the RUN runs whose commands are read in its place: (the index in ``script.commands`` of
    # the command that runs one, its text as the RUN writes it)
    project_scripts: tuple[tuple[int, str], ...] = ()

    def script_of(self, k: int) -> str | None:
        """The command of the RUN (``./install.sh``) whose project script the ``k``-th command comes from."""
        at = self.origin[k] if self.origin else k
        return next((shown for i, shown in self.project_scripts if i == at), None)


ScriptReader = Callable[[str], "str | None"]
"""The text of a file of the image by its absolute path, when a COPY or ADD put it there from the build context;
None otherwise (not copied from the context, downloaded, no context)."""


def _no_scripts(path: str) -> str | None:
    return None


def read_run(inst: Instruction, env: tuple[tuple[str, str], ...] = (), *, workdir: str = "/",
             scripts: ScriptReader = _no_scripts) -> RunFacts:
    """The shell commands of a RUN (shell form, exec form, or heredoc bodies); those of the scripts of ``sh -c``
    and ``su USER -c`` in their place (a su's script with the variables of ``env`` the RUN's shell expands), and
    those of a shell script of the project the RUN runs (``./install.sh``, ``bash scripts/setup.sh``), which
    ``scripts`` finds in the build context (see :func:`project_script`)."""
    if inst.json:
        argv = inst.value
        is_shell = argv[0].rsplit("/", 1)[-1] in ("sh", "bash") if argv else False
        if len(argv) >= 3 and is_shell and argv[1].startswith("-") and "c" in argv[1]:
            script = parse_shell(argv[2])
        else:
            from shlex import quote

            script = parse_shell(" ".join(quote(a) for a in argv))
    else:
        text = inst.value[0] if inst.value else ""
        if inst.heredocs:
            return RunFacts(inst, parse_shell(""), (), False, "a RUN with a heredoc")
        script = parse_shell(text)
    commands: list[Command] = []
    switched: list[tuple[int, str] | None] = []
    origin: list[int] = []
    folders = _folders(script, workdir)
    read: list[tuple[int, str]] = []
    for k, cmd in enumerate(script.commands):
        inner = unwrap_shell_c(cmd)
        su = su_script(cmd, env) if inner is None else None
        if su is not None:
            inner = parse_shell(su[1])
        if inner is None and su is None:
            inner = project_script(script, k, folders[k], scripts)
            read += [(k, " ".join(w.text for w in cmd.argv)[:60])] if inner is not None else []
        if inner is not None and inner.ok:
            commands += inner.commands
            switched += [(k, su[0]) if su is not None else None] * len(inner.commands)
            origin += [k] * len(inner.commands)
        else:
            commands.append(cmd)
            switched.append(None)
            origin.append(k)
    problem = None if script.ok else (script.error or "the shell parser could not read it")
    return RunFacts(inst, script, tuple(commands), script.ok, problem,
                    tuple(switched) if any(switched) else (),
                    tuple(origin) if tuple(commands) != script.commands else (), tuple(read))


def unwrapped(cmd: Command) -> Command:
    """The command a wrapper runs (``sudo -E make install`` -> ``make install``), or the command itself."""
    k = wrapped_start(tuple(w.value for w in cmd.argv))
    return dataclasses.replace(cmd, argv=cmd.argv[k:]) if k else cmd


def stage_commands(runs: Iterable[Instruction]) -> tuple[Command, ...]:
    """The commands of a stage's RUNs, for what a pass reads from the RUNs before and after the one it claims: read
    as :func:`read_run` reads them (exec form; the scripts of ``sh -c`` and ``su USER -c`` in their place; none of a
    RUN with a heredoc, which the walk does not read), each as the command its wrapper runs (:func:`unwrapped`:
    ``sudo -E npm ...`` is ``npm ...``). A word with a variable keeps its value None: the ENV along the stage, and
    the scripts of the build context a RUN runs, are not read here."""
    return tuple(unwrapped(c) for inst in runs for c in read_run(inst).commands)


# the interpreters a project script may name on its #! line for the tool to read it as the RUN's own commands
_SCRIPT_SHELLS = frozenset({"sh", "bash", "dash", "ash"})
# commands whose effect on the shell would last beyond the script in the walk, which reads its commands in place
_SCRIPT_STATE = frozenset({"cd", "pushd", "popd", "export", "unset", "source", ".", "alias", "umask", "shopt",
                           "declare", "typeset", "readonly", "local", "exit", "return", "exec"})
# commands that may name a script before the RUN runs it without changing what it holds
_SCRIPT_READERS = frozenset({"chmod", "ls", "cat", "test", "[", "dos2unix", "file", "head"})
_POSITIONAL = re.compile(r"\$(\{)?[0-9@*#]")


def project_script(script: Script, k: int, folder: str | None, scripts: ScriptReader) -> Script | None:
    """The commands of the shell script of the project that the ``k``-th command of a RUN runs (``./install.sh``,
    ``sh build.sh``, ``bash /app/scripts/setup.sh``), read from the build context by ``scripts``, so that the walk
    judges them as if the RUN ran them itself; None when it is not such a script, or reading it in place could
    mislead: not a POSIX shell's script (its #! line), it reads its arguments ($1, $@), a command before it in the
    RUN names it (it may be downloaded or written there) or sets a shell variable it reads (which a script does not
    see), the RUN has a subshell (whose end the walk finds by offsets in the RUN's text), or it changes the shell
    (cd, export...) and commands follow it, which the walk would run in that changed shell."""
    cmd = script.commands[k]
    path = _script_path(cmd)
    if path is None or folder is None and not path.startswith("/"):
        return None
    full = posixpath.normpath(posixpath.join(folder or "/", path))
    before = script.commands[:k]
    name = posixpath.basename(full)
    if any(c.subshell_end >= 0 for c in script.commands) or any(
            c.name not in _SCRIPT_READERS and any(name in w.text for w in c.argv) or
            any(name in r for r in c.redirects) for c in before):
        return None
    text = scripts(full)
    if text is None or _POSITIONAL.search(text):
        return None
    shebang = text.split("\n", 1)[0][2:].split() if text.startswith("#!") else []  # `#!/usr/bin/env bash`
    runner = shebang[-1] if shebang and shebang[0].endswith("/env") else shebang[0] if shebang else "sh"
    if posixpath.basename(runner) not in _SCRIPT_SHELLS:
        return None
    inner = parse_shell(text)
    if not inner.ok or not inner.commands:
        return None
    shell_vars = {n for c in before if not c.argv for n, _ in c.assignments}
    if shell_vars & variables_used(text):
        return None
    last = k == len(script.commands) - 1  # nothing after it in the RUN
    changes = any(c.name in _SCRIPT_STATE or (not c.argv and c.assignments) or c.subshell_end >= 0
                  for c in inner.commands)
    return inner if last or not changes else None


def _script_path(cmd: Command) -> str | None:
    """The script file a command runs: ``sh FILE``/``bash -e FILE``, or a path run directly (``./install.sh``,
    ``/app/setup.sh``; not a bare name, which is looked up on PATH); None for anything else."""
    words = [w.value for w in cmd.argv]
    if not words or any(w is None or "$" in w for w in words):
        return None
    first = words[0] or ""
    if posixpath.basename(first) in _SCRIPT_SHELLS:
        options = [w for w in words[1:] if (w or "").startswith("-")]
        rest = [w for w in words[1:] if not (w or "").startswith("-")]
        if not rest or any(o in ("-c", "-s", "-o", "+o", "--") or re.fullmatch(r"-[a-z]*[cs][a-z]*", o or "")
                           for o in options) or words.index(rest[0]) != len(options) + 1:
            return None
        return rest[0]
    return first if "/" in first and not first.endswith("/") else None


def _folders(script: Script, workdir: str) -> list[str | None]:
    """The folder each command of a RUN runs in, as its ``cd``s to plain folders move it (None once a ``cd`` to a
    folder the text does not show, or inside a subshell, pushd or popd, has run)."""
    out: list[str | None] = []
    here: str | None = workdir
    for c in script.commands:
        out.append(here)
        if c.name in ("pushd", "popd"):
            here = None
        elif c.name == "cd":
            words = [w.value for w in c.argv[1:]]
            plain = len(words) == 1 and words[0] is not None and not words[0].startswith(("-", "~")) \
                and "$" not in words[0] and c.depth == 0 and c.subshell_end < 0
            here = posixpath.normpath(posixpath.join(here, words[0] or "")) if plain and here is not None else None
    return out


def _expanded(text: str, env: tuple[tuple[str, str], ...]) -> str | None:
    """A word's value with the variables of ``env`` (``"pip install -r $REQS"``); None when one is not known or
    a command substitution makes it."""
    if "$(" in text or "`" in text:
        return None
    value = expand(text, env)
    return None if "$" in value else value


# su's options that take a value
_SU_VALUES = frozenset({"-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"})


def su_script(cmd: Command, env: tuple[tuple[str, str], ...] = ()) -> tuple[str, str] | None:
    """(USER, SCRIPT) of ``su [-s SHELL] [-m] USER -c SCRIPT`` (or ``su -c SCRIPT USER``), which runs SCRIPT as
    USER with the environment of the RUN (HOME, USER and LOGNAME aside); None for anything else: a login shell
    (``su -``, ``-l``), whose environment is made anew, a script or user a variable names, arguments after it."""
    if cmd.name != "su":
        return None
    args = cmd.args
    script: str | None = None
    users: list[str | None] = []
    k = 0
    while k < len(args):
        a = args[k]
        if a is None:
            return None
        if a in ("-", "--login") or re.fullmatch(r"-[a-zA-Z]*l[a-zA-Z]*", a):
            return None
        if a == "--command" or re.fullmatch(r"-[mpf]*c", a):  # -c SCRIPT, alone or last in a cluster (-mc)
            if k + 1 >= len(args):
                return None
            script, k = args[k + 1] or _expanded(cmd.argv[k + 2].text, env), k + 2
            continue
        if re.fullmatch(r"-[a-zA-Z]*c[a-zA-Z]+", a):  # -cSCRIPT
            return None
        if a.startswith("--command="):
            script, k = a.split("=", 1)[1], k + 1
            continue
        if a in _SU_VALUES:
            k += 2
            continue
        if a.startswith("-"):
            k += 1
            continue
        users.append(a)
        k += 1
    if script is None or len(users) > 1 or "$" in "".join(u or "" for u in users):
        return None
    return (users[0] if users else "root") or "root", script


_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")


def variables_used(text: str) -> set[str]:
    """Names of the ``$VAR`` / ``${VAR...}`` references in a piece of text."""
    return {a or b for a, b in _VAR.findall(text)}


def env_pairs(inst: Instruction) -> tuple[tuple[str, str], ...]:
    """The name/value pairs an ENV (or ARG with defaults) sets."""
    v = inst.value
    if inst.cmd == "env":
        return tuple((v[k], v[k + 1]) for k in range(0, len(v) - 1, 2))
    if inst.cmd == "arg":
        out = []
        for word in v:
            name, _, default = word.partition("=")
            out.append((name, default))
        return tuple(out)
    return ()


def final_env(decisions: Sequence[DecisionFacts], name: str) -> str | None:
    """The value the stage's last ENV gives ``name`` (what the program sees), else None (the base image's, not
    known here)."""
    value = None
    for d in decisions:
        for key, val in env_pairs(d.inst) if d.inst.cmd == "env" else ():
            if key == name:
                value = val
    return value


def expand(value: str, env: tuple[tuple[str, str], ...], escape: str = "\\") -> str:
    """A value as BuildKit evaluates it (quotes and escapes removed, known ``$VAR`` replaced;
    unknown ones stay as written)."""
    return evaluate_word(value, dict(env), escape)


def option_value(args: tuple[str | None, ...], *names: str) -> str | None:
    """The value of an option given as ``--name=value``, ``--name value`` or ``-n value``."""
    for k, a in enumerate(args):
        if a is None:
            continue
        for name in names:
            if a == name and k + 1 < len(args):
                return args[k + 1]
            if name.startswith("--") and a.startswith(name + "="):
                return a[len(name) + 1 :]
            if not name.startswith("--") and len(name) == 2 and a.startswith(name) and len(a) > 2:
                return a[2:]
    return None


_USER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
# useradd's and adduser's options that take the next word (Debian's adduser, busybox's on Alpine)
# (`--home` is getopt's unambiguous abbreviation of useradd's --home-dir, which real files write as adduser's)
_USERADD_VALUES = frozenset({"-b", "--base-dir", "-c", "--comment", "-d", "--home-dir", "--home", "-e", "--expiredate",
                             "-f", "--inactive", "-g", "--gid", "-G", "--groups", "-k", "--skel", "-K", "--key", "-p",
                             "--password", "-s", "--shell", "-u", "--uid", "-R", "--root", "-P", "--prefix", "-Z",
                             "--selinux-user"})
_ADDUSER_VALUES = frozenset({"--home", "--shell", "--uid", "--gid", "--ingroup", "--gecos", "--comment",
                             "--firstuid", "--lastuid", "--conf", "--add-extra-groups", "-h", "-g", "-s", "-G", "-u",
                             "-k"})


def recursive_flag(word: str) -> bool:
    """A word of `chown`, `chgrp` or `chmod` that makes it recursive: ``--recursive``, or -R alone or among short
    options (``-hR``)."""
    return word == "--recursive" or (word.startswith("-") and not word.startswith("--") and "R" in word)


def _user_named(cmd: Command) -> str | None:
    """The one user ``useradd``/``adduser`` ``cmd`` makes, by name, or None (``adduser USER GROUP``, ``useradd -D``,
    a word whose value is not known)."""
    args = cmd.args
    if any(a is None for a in args):
        return None
    takes = _USERADD_VALUES if cmd.name == "useradd" else _ADDUSER_VALUES
    # a cluster of short flags whose last one takes a value eats the next word (`useradd -ms /bin/bash nvm`)
    takes = takes | {a for a in args if a and re.match(r"^-[A-Za-z]{2,}$", a) and f"-{a[-1]}" in takes}
    words = positional(args, takes)
    if len(words) == 2 and cmd.name == "adduser" and _busybox_options(args):
        words = words[:1]  # busybox's `adduser -S -D -h /app app app`: given options, it makes USER (GROUP unread)
    if len(words) != 1 or not _USER_NAME.match(words[0] or "") or has_flag(args, "-D", "--defaults") \
            and cmd.name == "useradd":
        return None
    return str(words[0])


def _busybox_options(args: tuple[str | None, ...]) -> bool:
    """Whether adduser's ``args`` hold a short option, which only busybox's adduser (Alpine's) takes: given any
    option, it makes the user its first name names, and reads no second name (``adduser USER GROUP``, which adds
    a user to a group, is its form without options, as Debian's)."""
    return any(a and re.fullmatch(r"-[DSHhgsGuk]+", a) for a in args)


def _clustered(args: tuple[str | None, ...], flag: str) -> str | None:
    """The value of a short option that ends a cluster of flags (``-md /srv/app``: -m, then -d's value)."""
    for k, a in enumerate(args[:-1]):
        if a and re.fullmatch(rf"-[A-Za-z]+{flag}", a):
            return args[k + 1]
    return None


def users_made(cmd: Command) -> tuple[tuple[str, str], ...]:
    """The users ``useradd``/``adduser`` makes, by name and uid, with the home /etc/passwd gives them:
    the folder named (``-d``, ``--home``, busybox's ``-h``), else /home/NAME. Nothing for a system user
    with no home named (Debian's adduser gives it /nonexistent), for ``adduser USER GROUP`` (which adds
    a user to a group) or for a word whose value is not known."""
    args = cmd.args
    name = _user_named(cmd) if cmd.name in ("useradd", "adduser") else None
    if name is None:
        return ()
    if cmd.name == "useradd":
        home = option_value(args, "-d", "--home-dir", "--home") or _clustered(args, "d")  # `-md DIR` (adv-s38 7c)
        base = option_value(args, "-b", "--base-dir")
        home = home or (posixpath.join(base, name) if base else f"/home/{name}")
    else:
        home = option_value(args, "--home", "-h")
        if home is None and has_flag(args, "--system", "-S"):
            return ()
        home = home or f"/home/{name}"
    if not home.startswith("/"):
        return ()
    uid = option_value(args, "-u", "--uid")
    return ((name, home),) + (((uid, home),) if uid and uid.isdigit() else ())


# groupadd's and addgroup's options that take the next word (shadow's, Debian's and busybox's)
_GROUPADD_VALUES = frozenset({"-g", "--gid", "-K", "--key", "-p", "--password", "-R", "--root", "-P", "--prefix",
                              "--conf", "--firstgid", "--lastgid"})


@dataclass(frozen=True, slots=True)
class Account:
    """A user or group a command makes, with the numeric id it names (``useradd -u 500 app``), else None."""

    group: bool  # a group, else a user
    name: str
    id: str | None


def accounts_made(cmd: Command) -> tuple[Account, ...]:
    """The users and groups ``useradd``, ``adduser``, ``groupadd`` and ``addgroup`` make. useradd also makes the
    group of the user's name unless told not to (``-N``) or given another (``-g``), as its USERGROUPS_ENAB does on
    Debian, Ubuntu, Alpine and Red Hat; adduser's group is not counted (busybox's ``-S`` and Debian's ``--system``
    put the user in nogroup). ``adduser USER GROUP`` and ``addgroup USER GROUP``, which add a user to a group, make
    nothing; nor does a word whose value is not known."""
    args = cmd.args
    if cmd.name not in ("useradd", "adduser", "groupadd", "addgroup") or any(a is None for a in args):
        return ()
    if cmd.name in ("groupadd", "addgroup"):
        words = positional(args, _GROUPADD_VALUES)
        if len(words) != 1 or not _USER_NAME.match(words[0] or ""):
            return ()
        gid = option_value(args, "-g", "--gid")
        return (Account(True, str(words[0]), gid if gid and gid.isdigit() else None),)
    name = _user_named(cmd)
    if name is None:
        return ()
    uid = option_value(args, "-u", "--uid")
    user = Account(False, name, uid if uid and uid.isdigit() else None)
    if cmd.name == "adduser" or has_flag(args, "-N", "--no-user-group", "-g", "--gid"):
        return (user,)
    return (user, Account(True, name, None))


def package_users(op: PackageOp | None) -> tuple[tuple[str, str], ...]:
    """The users an install's packages make, with their home (PostgreSQL's server makes postgres, at
    /var/lib/postgresql): data/commands.json's ``package_users``."""
    if op is None or op.action != "install":
        return ()
    table: dict[str, list[str]] = data("commands.json")["package_users"]
    return tuple((made[0], made[1]) for pattern, made in table.items() if not pattern.startswith("_")
                 and any(re.fullmatch(pattern, p.split("=", 1)[0]) for p in op.packages))


def has_flag(args: tuple[str | None, ...], *names: str) -> bool:
    return any(a in names for a in args if a is not None) or any(
        a.startswith(n + "=") for a in args if a is not None for n in names if n.startswith("--")
    )


# the package managers' lists and caches: what `rm` deletes there is housekeeping, never the image's own files (an
# image's apt lists are empty: a runtime's `rm /var/lib/apt/lists/*` without -f fails on the pattern it matches none)
PACKAGE_CACHES = ("/var/lib/apt/lists", "/var/cache/apt", "/var/cache/apk", "/var/cache/yum", "/var/cache/dnf",
                  "/var/cache/debconf", "/var/log/apt", "/var/log/dpkg.log")


def in_package_cache(path: str) -> bool:
    """Whether ``path`` is one of :data:`PACKAGE_CACHES` or inside one."""
    return any(path == c or path.startswith(c + "/") for c in PACKAGE_CACHES)


def forces(args: tuple[str | None, ...]) -> bool:
    """Whether `rm`'s or `ln`'s arguments ask it to go on where a path is missing or there (``-f``, ``--force``, or
    a cluster of short options holding ``f``: ``-rf``)."""
    return any(a is not None and re.fullmatch(r"-[a-zA-Z]*f[a-zA-Z]*|--force", a) for a in args)


def makes_parents(args: tuple[str | None, ...]) -> bool:
    """Whether `mkdir`'s arguments ask it to make the parents (and not to fail on a folder that is there): ``-p``,
    ``--parents``, or a cluster of short options holding ``p`` (``-pv``)."""
    return any(a == "--parents" or re.match(r"^-[a-zA-Z]*p", a) for a in args if a is not None)


# tar's old-style first word (`tar xzf a.tgz`), and a cluster of short options, the last of which may hold its value
# (`-xzf-`: the archive read from the pipe)
TAR_OLD_STYLE = re.compile(r"^[A-Za-z]+$")
TAR_CLUSTER = re.compile(r"^-([A-Za-z]*?[fCTXbHKLNgV]|[A-Za-z]+$)")


def tar_operation(args: tuple[str | None, ...], letter: str, *long_names: str) -> bool:
    """Whether tar's words ask for the operation of ``letter`` (x: extract, c: create): its short or long option,
    a letter of a cluster of short options, or of an old-style first word."""
    first = next((a for a in args if a is not None), "")
    return has_flag(args, f"-{letter}", *long_names) or any(
        a is not None and (m := TAR_CLUSTER.match(a)) is not None and letter in m.group(1) for a in args) or (
        bool(TAR_OLD_STYLE.match(first)) and letter in first)


# make's options that take the next word; -j and -l take it only when it is a number (an optional argument)
MAKE_TAKES_VALUE = frozenset({"-C", "-f", "-o", "-W", "-I", "--file", "--directory"})
MAKE_TAKES_NUMBER = frozenset({"-j", "-l"})


def make_value_at(args: tuple[str | None, ...], k: int) -> bool:
    """Whether ``args[k]`` is the value of the make option before it (``-C dir``, ``-j 4``; not ``-j install``)."""
    before = args[k - 1] if k else None
    word = args[k]
    return before in MAKE_TAKES_VALUE or (before in MAKE_TAKES_NUMBER and word is not None and word.isdigit())


def make_targets(args: tuple[str | None, ...]) -> list[str]:
    """The targets of a make command line (no options, values of options or VAR=value assignments)."""
    return [a for k, a in enumerate(args) if a and not make_value_at(args, k)
            and not (a.startswith("-") and a != "-") and "=" not in a]


# cmake's options that take the next word as their value
_CMAKE_VALUED = frozenset({"-G", "-B", "-C", "-T", "-A", "-D", "-U"})


def cmake_source(args: tuple[str | None, ...]) -> str | None:
    """The source folder a cmake configure names (``-S DIR``, else its first word that is no option), or None."""
    return option_value(args, "-S") or next((a for a in positional(args, _CMAKE_VALUED) if a), None)


def positional(args: tuple[str | None, ...], takes_value: frozenset[str] = frozenset()) -> list[str | None]:
    """Arguments that are not options (an option in ``takes_value`` eats the next word)."""
    out: list[str | None] = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a is not None and a.startswith("-") and a != "-":
            if a in takes_value:
                skip = True
            continue
        out.append(a)
    return out


# the app's source files read for the programs they run, at most (largest first are not sought: the walk's order)
SOURCE_FILES = 400
SOURCE_BYTES = 200_000
# folders of a context that hold no code of the app's own (dependencies, environments, tests, VCS)
NOT_APP = frozenset({".git", "node_modules", "venv", ".venv", "env", "site-packages", "__pycache__", "tests", "test",
                      "docs", ".tox", "build", "dist"})


def source_programs(copied: Sequence[Copied], read_context: ContextReader, suffixes: tuple[str, ...],
                     reader: Callable[[str], tuple[str, ...]], language: str) -> list[tuple[str, str]]:
    """(program, who runs it) for the programs the app's own code runs by name (``reader``: pysource.programs_called,
    elekto's meta.py runs `subprocess.run(['/usr/bin/git', 'pull', ...])`, which the full image has and the slim
    one not; jssource.programs_spawned, an online IDE's server.js runs `javac`), read in the files (``suffixes``) of
    the build context's folders and files the stage copies."""
    found: dict[str, str] = {}
    budget = [SOURCE_FILES]
    for sources, _, _ in copied:
        for source in sources:
            src = posixpath.normpath(source.lstrip("/") or ".")
            if any(c in src for c in "*?[") or src.startswith(".."):
                continue
            for path in source_files(read_context, src, budget, suffixes):
                text = read_context(path)
                if text is None or len(text) > SOURCE_BYTES:
                    continue
                for name in reader(text):
                    found.setdefault(name, f"{path}, the app's {language} code,")
    return list(found.items())


def source_files(read_context: ContextReader, src: str, budget: list[int],
                  suffixes: tuple[str, ...]) -> Iterator[str]:
    """The files of ``src`` with one of ``suffixes`` in the build context (a file, or a folder walked), while
    ``budget`` lasts."""
    if src.endswith(suffixes):
        budget[0] -= 1
        yield src
        return
    listing = read_context("./" if src == "." else src.rstrip("/") + "/")  # None for a file of another kind
    for entry in (listing or "").splitlines():
        if budget[0] <= 0:
            return
        path = entry if src == "." else posixpath.join(src, entry)
        if entry.endswith("/") and entry.rstrip("/") not in NOT_APP and not entry.startswith(".") \
                and not (entry == "vendor/" and suffixes in ((".go",), (".php",))):  # Go's and Composer's
            yield from source_files(read_context, path.rstrip("/"), budget, suffixes)
        elif entry.endswith(suffixes) and not entry.endswith((".d.ts", "_test.go")):
            budget[0] -= 1
            yield path
