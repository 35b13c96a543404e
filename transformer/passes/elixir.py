"""Elixir: mix (Hex and rebar, deps.get, compile, phx.digest, tests); elixir:X -> elixir:X-slim.

Where mix puts things on the official elixir image (erlef/docker-elixir): Hex, rebar and archives into
MIX_HOME (~/.mix), Hex's cache into HEX_HOME (~/.hex), the dependencies into the project's deps/ and what it
compiles into _build/<MIX_ENV> (Phoenix's digested assets into priv/static): the project folder, copied whole
with the two homes. A program the image's command starts with mix (``mix phx.server``, ``mix run --no-halt``,
``elixir -S mix ...``) loads them from there at run time: the runtime is the image's slim variant (the same
Erlang and Elixir on the same Debian release, without the packages the build installed: node for the assets, a
C compiler). Debian's or Ubuntu's own elixir package, installed by the file, stays in the runtime the
distribution's image gets (debian:X-slim), as the other packages the program needs do.

Only in the prod environment (MIX_ENV=prod in the file): in dev, Phoenix starts the watchers config/dev.exs
names (node, webpack, brunch) and reloads code by recompiling, which needs the build tools. Node.js only builds
the assets there, so the runtime does not install it (unless mix.lock names a dependency that runs JavaScript).
Dependencies taken from git are checked with ``git rev-parse`` whenever mix loads them: a runtime of the slim
variant (which has no git) keeps git unless mix.lock shows none. What the compiled dependencies (NIFs) link, of
the full image's libraries, the builder lists with ldd. A task the tool does not know (an alias of mix.exs,
``mix setup``), a database task or ``mix release`` (an Erlang release, which runs on a slim Debian of its own)
leaves the file alone, with the task named.
"""

from __future__ import annotations

import posixpath
import re

from ..analysis import Artifact, Claim, Role, RunContext, final_env
from ..claims import Finish, Pass, StageFacts
from ..images import data
from ..official import tag_exists
from ..packages import DevRuntime, LibrarySource, package_name
from ..shell import Command

NAME = "elixir"


def _tasks() -> dict[str, frozenset[str]]:
    table = data("elixir.json")
    return {k: frozenset(v) for k, v in table.items() if not k.startswith("_")}


def _homes(ctx: RunContext) -> tuple[Artifact, ...] | None:
    """MIX_HOME and HEX_HOME, as the RUN sees them (~/.mix and ~/.hex by default); None when the user's home
    is not known."""
    home = ctx.home()
    mix_home = ctx.getenv("MIX_HOME") or (f"{home}/.mix" if home else None)
    hex_home = ctx.getenv("HEX_HOME") or (f"{home}/.hex" if home else None)
    if mix_home is None or hex_home is None:
        return None
    return (Artifact(mix_home, reason="mix's home (Hex, rebar and archives)", whole_dir=True, ensure=True),
            Artifact(hex_home, reason="Hex's home (its configuration and cache)", whole_dir=True, ensure=True))


def _task_names(args: tuple[str | None, ...]) -> list[str | None]:
    """The tasks of ``mix TASK ...`` or ``mix do a, b`` / ``mix do a + b``."""
    if not args:
        return [None]
    if args[0] != "do":
        return [args[0]]
    names: list[str | None] = []
    start = True
    for word in args[1:]:
        if word is None:
            if start:
                names.append(None)
            start = False
            continue
        for part in re.split(r"(,|\+)", word):
            if part in (",", "+"):
                start = True
            elif part and start:
                names.append(part)
                start = False
    return names or [None]


def _one(task: str | None, args: tuple[str | None, ...], ctx: RunContext) -> Claim:
    tasks = _tasks()
    if task is None:
        return Claim(Role.BLOCKED, NAME, "`mix` runs a task a variable names: what it does is not known")
    if task in tasks["neutral"]:
        return Claim(Role.NEUTRAL, NAME)
    if task in tasks["test"]:
        return Claim(Role.TEST, NAME, f"`mix {task}` checks the code")
    if task in tasks["database"]:
        return Claim(Role.BLOCKED, NAME, f"`mix {task}` changes the app's database at build time; the builder and "
                                         "the runtime would both run it")
    if task == "release":
        return Claim(Role.BLOCKED, NAME, "`mix release` makes an Erlang release, whose runtime is a slim Debian with "
                                         "the release's folder (named in mix.exs, which the tool does not read) and "
                                         "the libraries its Erlang links: the tool does not model releases")
    homes = _homes(ctx)
    if homes is None:
        return Claim(Role.BLOCKED, NAME, f"`mix {task}` runs as {ctx.user}, whose home folder the file does not "
                                         "show: where mix keeps Hex and rebar (~/.mix, ~/.hex) is not known")
    if task in tasks["homes"]:
        return Claim(Role.BUILD, NAME, f"`mix {task}` installs into mix's home", artifacts=homes)
    project = ctx.abspath(".")
    if task in tasks["generators"]:
        names = [a for a in args[1:] if a and not a.startswith("-")]
        if not names:
            return Claim(Role.BLOCKED, NAME, f"`mix {task}` makes a project in a folder it does not name plainly")
        project = ctx.abspath(names[0])
    elif task not in tasks["build"]:
        return Claim(Role.BLOCKED, NAME, f"`mix {task}` is not a task the tool knows (an alias or a task of the "
                                         "project's own, which mix.exs defines and the tool does not read): what it "
                                         "does to the image is not known")
    if project == "/":
        return Claim(Role.BLOCKED, NAME, f"`mix {task}` builds in /: the project folder cannot be copied apart from "
                                         "the system's files")
    return Claim(Role.BUILD, NAME, f"`mix {task}` builds the project in {project}",
                 artifacts=(Artifact(project, reason="the Elixir project with its dependencies and builds",
                                     whole_dir=True), *homes))


_ORDER = (Role.BLOCKED, Role.BUILD, Role.TEST, Role.NEUTRAL)


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name != "mix":
        return None
    found = [_one(t, cmd.args, ctx) for t in _task_names(cmd.args)]
    first = min(found, key=lambda c: _ORDER.index(c.role))
    if first.role is not Role.BUILD:
        return first
    artifacts = tuple({a.path: a for c in found for a in c.artifacts}.values())
    return Claim(Role.BUILD, NAME, "; ".join(c.reason for c in found if c.role is Role.BUILD), artifacts=artifacts)


def _starts_with_mix(argv: tuple[str | None, ...]) -> bool:
    """``mix phx.server``, ``elixir --sname x -S mix run --no-halt``, ``iex -S mix phx.server``."""
    words = list(argv)
    first = posixpath.basename(words[0] or "") if words else ""
    if first == "mix":
        return len(words) > 1 and words[1] in _tasks()["servers"]
    if first in ("elixir", "iex") and "-S" in words:
        rest = words[words.index("-S") + 1:]
        return len(rest) > 1 and rest[0] == "mix" and rest[1] in _tasks()["servers"]
    return False


_BUILD_TASKS = frozenset({"deps.get", "deps.compile", "compile", "release", "assets.deploy", "phx.digest"})


def _build_tasks(argv: tuple[str | None, ...]) -> list[str]:
    """The tasks that fetch or compile among those ``mix`` runs (``mix do clean, deps.get, compile, run``)."""
    words = [w or "" for w in argv]
    if words and posixpath.basename(words[0]) in ("elixir", "iex") and "-S" in words:
        words = words[words.index("-S") + 1:]
    if not words or posixpath.basename(words[0]) != "mix":
        return []
    tasks = [t for w in words[1:] for t in w.split(",") if t and not t.startswith("-")]
    return [t for t in dict.fromkeys(tasks) if t in _BUILD_TASKS]


def _distribution_elixir(facts: StageFacts) -> bool:
    """Elixir from Debian's or Ubuntu's own package (``apt-get install elixir``), which the runtime keeps: the
    runtime is the distribution's image (slim Debian) with the same package, mix's homes and the project."""
    return facts.kind == "system" and not facts.image.is_alpine \
        and "elixir" in {package_name(p) for p in facts.kept_packages}


def _slim(facts: StageFacts) -> str | None:
    """The slim variant of the builder's elixir image; None when the builder is already slim (or Alpine)."""
    image = facts.image
    if image.is_slim or image.is_alpine:
        return None
    tag = "slim" if image.tag in ("", "latest") else f"{image.tag}-slim"
    return f"elixir:{tag}" if tag_exists(f"elixir:{tag}") else ""


# a dependency mix.exs takes from git (`git: "https://..."`, `github: "owner/repo"`)
_GIT_DEP = re.compile(r"\b(?:git|github):\s*\"")


def _git_deps(facts: StageFacts) -> str | None:
    """What says the program may load a dependency taken from git: mix.lock names one; without mix.lock in the build
    context, mix.exs names one (Hex's packages cannot depend on git: rp30review polnio/proxy-tcp-udp, whose deps are
    none, got git), or is not there either. None where neither does."""
    read = facts.read_context
    lock = read("mix.lock") if read else None
    if lock is not None:
        return "mix.lock names some" if ":git," in lock else None
    project = read("mix.exs") if read else None
    if project is None:
        return "mix.lock is not in the build context"
    if _GIT_DEP.search(re.sub(r"(?m)#.*$", "", project)) is None:  # (not in comments)
        return None
    return "mix.lock is not in the build context, and mix.exs names some"


_NODE = ("nodejs", "npm", "yarn", "nodejs-legacy")
# dependencies that run JavaScript with node at run time (server-side rendering, execjs)
_NODE_DEPS = re.compile(r'^\s*"(execjs|nodejs|react_phoenix|elixir_script|phoenix_ssr|std_json_io)"', re.M)
_DROP_NOTE = ("node only builds the assets of a program mix starts in prod (Phoenix's digested priv/static): the "
              "runtime does not install ")


# the dependencies that watch and rebuild in dev: Phoenix's endpoint watchers and live reload, exsync
_WATCHING_DEPS = re.compile(r'^\s*"(phoenix|phoenix_live_reload|exsync)"', re.M)


def _watchers(facts: StageFacts) -> str | None:
    """Why a program mix starts in dev (or test) may need the build tools: mix.lock names Phoenix (whose endpoint
    starts the watchers of config/dev.exs) or another watcher, or is not in the build context to tell; None where it
    names none (rp30review senpainikolay/Message-Broker: tds alone, skipped for Phoenix's watchers), where the
    compiler mix recompiles changed code with is Elixir's own, which the slim image has."""
    lock = facts.read_context("mix.lock") if facts.read_context else None
    if lock is None:
        return "mix.lock, which would tell, is not in the build context"
    found = _WATCHING_DEPS.search(lock)
    return f"mix.lock names {found.group(1)}" if found else None


def _node_packages(facts: StageFacts) -> tuple[str, ...]:
    """The Node.js packages the runtime need not install: node builds the assets; none of the program's
    dependencies runs JavaScript (mix.lock, when the build context has it)."""
    lock = facts.read_context("mix.lock") if facts.read_context else None
    if lock is not None and _NODE_DEPS.search(lock):
        return ()
    return tuple(dict.fromkeys(package_name(p) for p in facts.kept_packages if package_name(p) in _NODE))


_NIFS = DevRuntime(
    "the compiled dependencies", LibrarySource.LEFT, (),
    why="dependencies compiled on the full elixir image (NIFs) may link its libraries, which the slim variant "
        "lacks, and the builder cannot list them for the runtime")


def finish(facts: StageFacts) -> Finish | None:
    """The runtime of a program mix starts: the slim variant of the same elixir image, in the prod environment."""
    if not any(c.role is Role.BUILD for d in facts.decisions for c in d.claims if c.ecosystem == NAME):
        return None
    image = facts.image
    distribution = _distribution_elixir(facts)
    if not distribution and (image.repo != "elixir" or image.registry or image.has_variables):
        return Finish(skip=f"mix builds on {image.shown}, an image whose Erlang and Elixir the tool does not know: "
                           "no slim runtime with the same ones can be named")
    building = next((tasks for argv in facts.runs if (tasks := _build_tasks(argv))), None)
    if building:
        shown = ", ".join(f"`{t}`" for t in building)
        return Finish(skip=f"the image's command runs mix tasks that fetch or compile ({shown}) when the container "
                           "starts: they need the build tools and the dependencies' sources, which a runtime would "
                           "not have")
    if not facts.runs or not all(_starts_with_mix(argv) for argv in facts.runs):
        return Finish(skip="the image's command does not start the program with mix (`mix phx.server`, `mix run "
                           "--no-halt`): a script or another command, whose needs of the build tools (node for the "
                           "asset watchers, mix tasks that compile) are not known")
    env = final_env(facts.decisions, "MIX_ENV")
    watching = _watchers(facts) if env != "prod" else None
    if watching is not None:
        return Finish(skip=f"the program runs with MIX_ENV={env or 'dev'} (not prod): in dev and test, Phoenix "
                           "starts the watchers of config/dev.exs (node, webpack, brunch) and recompiles changed "
                           f"code, which needs the build tools the runtime would not have ({watching})")
    drop = _node_packages(facts)
    if distribution:
        return Finish(drop_packages=drop, notes=(
            *((_DROP_NOTE + ", ".join(drop),) if drop else ()),
            "the runtime keeps the distribution's elixir package the file installs, without the build-only ones"))
    slim = _slim(facts)
    if slim == "":
        return Finish(skip=f"{image.shown} has no slim variant that was published: no runtime with the same Erlang "
                           "and Elixir can be named")
    notes = [_DROP_NOTE + ", ".join(drop)] if drop else []
    if env != "prod":
        notes.append(f"the program runs with MIX_ENV={env or 'dev'}, and mix.lock names no Phoenix nor other "
                     "watcher: what mix recompiles at start it compiles with Elixir's own compiler, which the runtime "
                     "has")
    if slim is None:
        return Finish(drop_packages=drop, notes=tuple(notes))
    from_git = _git_deps(facts)
    git = ("git",) if from_git else ()
    notes.append(f"the runtime is {slim}: the same Erlang and Elixir without the full image's build tools")
    if from_git:
        notes.append("the runtime keeps git: mix checks dependencies taken from git with `git rev-parse` when it "
                     f"loads them ({from_git})")
    return Finish(runtime_image=slim, runtime_packages=git, by_ldd=(_NIFS,), drop_packages=drop, notes=tuple(notes))


PASS = Pass(NAME, "mix: Hex and rebar, deps.get, compile, phx.digest, tests", claim, finish)
