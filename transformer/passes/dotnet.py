""".NET: dotnet restore / build / publish / test; the SDK image's runtime image (aspnet or runtime).

``dotnet publish -o DIR`` leaves the app in DIR (relative to the working folder; with SDKs before 3.0,
to the project's folder); without ``-o`` in ``bin/<configuration>/<framework>/[<rid>/]publish`` under
the project's folder, which the project file tells (its TargetFramework; Release is the default
configuration from net8.0 on). The runtime runs it on the ASP.NET Core runtime image when the project is
a web project (Sdk="Microsoft.NET.Sdk.Web", or a reference to Microsoft.AspNetCore.App/All), on the .NET
runtime image when it is not, and on the ASP.NET Core one when the project file is not in the build
context (it runs console apps too). ``dotnet build`` output is copied only when nothing is published,
and only from SDK 3.0 on: before, it loads its packages from the SDK's NuGet folders.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..analysis import (
    Artifact,
    Claim,
    ContextReader,
    Role,
    RunContext,
    context_location,
    no_context,
    option_value,
    positional,
)
from ..claims import Copied, Finish, Pass, StageFacts
from ..images import ImageRef, data, minor_version
from ..shell import Command

NAME = "dotnet"

_VALUES = frozenset({"-c", "--configuration", "-o", "--output", "-f", "--framework", "-r", "--runtime", "-v",
                     "--verbosity", "-s", "--source", "--version-suffix", "-a", "--arch", "--os", "--packages",
                     "--logger", "-l", "--filter", "--settings", "--results-directory", "--collect", "-p",
                     "--property", "--configfile"})
_PROJECT = re.compile(r"\.(cs|fs|vb)proj$")
_NEUTRAL = frozenset({"--info", "--version", "--list-sdks", "--list-runtimes", "clean", "help", "--help", "nuget",
                      "build-server", "workload", "sdk"})
_PREPARES = frozenset({"restore", "tool", "new", "sln", "add", "remove", "paket", "pack", "msbuild", "format"})
_WEB = re.compile(r'Sdk\s*=\s*"Microsoft\.NET\.Sdk\.(Web|Razor|BlazorWebAssembly)"'
                  r'|Include\s*=\s*"Microsoft\.AspNetCore\.(App|All)"', re.I)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where the files of the image a dotnet command reads are looked up in the build context."""

    read_context: ContextReader
    workdir: str  # the command's working folder
    copied: tuple[Copied, ...] = ()  # the stage's COPY and ADD instructions from the context


def _read(where: _Where, path: str) -> str | None:
    """A file of the image, looked up in the build context: where a COPY put it, else under the working folder,
    then by each tail of its path (the context may be copied into a parent of the working folder)."""
    read_context, workdir = where.read_context, where.workdir
    full = posixpath.normpath(posixpath.join(workdir, path))
    parts = full.strip("/").split("/")
    located = context_location(where.copied, full, read_context)
    tries = ([located] if located is not None else []) + \
        ([posixpath.relpath(full, workdir)] if _inside(full, workdir) else []) + \
        ["/".join(parts[k:]) for k in range(len(parts))]
    for rel in dict.fromkeys(tries):
        text = read_context(rel)
        if text is not None:
            return text
    return None


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _solution_projects(sln: str, text: str) -> list[str]:
    """The project files a .sln names (paths in the image)."""
    folder = posixpath.dirname(sln)
    found = re.findall(r'^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"([^"]+\.(?:cs|fs|vb)proj)"', text, re.M)
    return [posixpath.normpath(posixpath.join(folder, p.replace("\\", "/"))) for p in found]


def _projects(args: tuple[str | None, ...], where: _Where) -> list[str] | str:
    """The project files a dotnet command builds (paths in the image), or why they cannot be told."""
    workdir = where.workdir
    words = _targets(args)
    target = words[0] if words else None
    if target is None and words:
        return "its project is named by a variable"
    path = posixpath.normpath(posixpath.join(workdir, target or "."))
    if target is not None and _PROJECT.search(target):
        return [path]
    if target is not None and target.endswith(".sln"):
        text = _read(where, path)
        if text is None:
            return f"the solution {target} is not in the build context, so its projects are not known"
        return _solution_projects(path, text) or f"the solution {target} names no project"
    listing = _listing(path, where)
    if listing is None:
        return f"the folder {path} is not in the build context, so its project file is not known"
    entries = listing.splitlines()
    projects = [e for e in entries if _PROJECT.search(e)]
    if len(projects) == 1:
        return [posixpath.join(path, projects[0])]
    solutions = [e for e in entries if e.endswith(".sln")]
    if not projects and len(solutions) == 1:
        text = _read(where, posixpath.join(path, solutions[0]))
        return _solution_projects(posixpath.join(path, solutions[0]), text or "") or \
            f"the solution {solutions[0]} is not readable"
    return f"the folder {path} holds {len(projects)} project files"


def _listing(path: str, where: _Where) -> str | None:
    """The entries of a folder of the image: where a COPY put it, else from the first place of the context that
    holds a project."""
    read_context, workdir = where.read_context, where.workdir
    located = context_location(where.copied, path, read_context)
    if located is not None:
        return read_context(located.rstrip("/") + "/")
    parts = path.strip("/").split("/")
    tries = ([posixpath.relpath(path, workdir)] if _inside(path, workdir) else []) + \
        ["/".join(parts[k:]) for k in range(len(parts))] + ["."]
    first = None
    for rel in dict.fromkeys(tries):
        text = read_context(rel + "/") if rel else None
        if text is not None and any(_PROJECT.search(e) or e.endswith(".sln") for e in text.splitlines()):
            return text
        first = first if first is not None else text
    return first


def _property(text: str, name: str) -> str | None:
    m = re.search(rf"<{name}>\s*([^<]+?)\s*</{name}>", text)
    return m.group(1) if m else None


def _framework_major(tfm: str) -> int | None:
    m = re.match(r"^(?:netcoreapp|net)(\d+)\.", tfm)
    return int(m.group(1)) if m else None


def _publish_folder(project: str, args: tuple[str | None, ...], ctx: RunContext) -> str:
    """bin/<configuration>/<framework>/[<rid>/]publish of a project, or why it cannot be told (``!`` first)."""
    text = _read(_Where(ctx.read_context, ctx.workdir, ctx.copied), project)
    if text is None:
        return (f"!`dotnet publish` without -o puts the app in bin/<configuration>/<framework>/publish, and the "
                f"project file {project} is not in the build context")
    tfm = option_value(args, "-f", "--framework") or _property(text, "TargetFramework")
    if tfm is None:
        return f"!the project {project} names no single TargetFramework, so its publish folder is not known"
    major = _framework_major(tfm) or 0
    config = option_value(args, "-c", "--configuration") or ("Release" if major >= 8 else "Debug")
    rid = option_value(args, "-r", "--runtime") or _property(text, "RuntimeIdentifier")
    parts = ["bin", config, tfm] + ([rid] if rid else []) + ["publish"]
    return posixpath.join(posixpath.dirname(project), *parts)


def _publish(args: tuple[str | None, ...], ctx: RunContext) -> Claim:
    out = option_value(args, "-o", "--output")
    projects = _projects(args, _Where(ctx.read_context, ctx.workdir, ctx.copied))
    if out is not None and not out.startswith("/") and (minor_version(ctx.image) or (9, 0)) < (3, 0):
        # SDKs before 3.0 read a relative output folder from the project's folder
        if isinstance(projects, str) or len(projects) != 1:
            return Claim(Role.BLOCKED, NAME, f"`dotnet publish -o {out}`: before SDK 3.0 a relative output folder "
                                             f"is under each project's folder, and {_why(projects)}")
        out = posixpath.join(posixpath.dirname(projects[0]), out)
    if out is not None:
        if "$" in out:
            return Claim(Role.BLOCKED, NAME, f"`dotnet publish -o {out}`: the output folder is named by a variable")
        return Claim(Role.BUILD, NAME, "`dotnet publish` publishes the app",
                     artifacts=(Artifact(ctx.abspath(out), reason="the published app", whole_dir=True),))
    if isinstance(projects, str):
        return Claim(Role.BLOCKED, NAME, f"`dotnet publish` without -o puts the app under its project's folder, "
                                         f"and {projects}")
    folders = [_publish_folder(p, args, ctx) for p in projects]
    blocked = next((f[1:] for f in folders if f.startswith("!")), None)
    if blocked is not None:
        return Claim(Role.BLOCKED, NAME, blocked)
    return Claim(Role.BUILD, NAME, "`dotnet publish` publishes the app",
                 artifacts=tuple(Artifact(f, reason="the published app", whole_dir=True) for f in folders))


def _why(projects: list[str] | str) -> str:
    return projects if isinstance(projects, str) else f"it builds {len(projects)} projects"


def _build(args: tuple[str | None, ...], ctx: RunContext) -> Claim:
    """The build output is copied only when nothing is published (see finish); projects that cannot be
    told leave no artifact, and finish names why when nothing is published either."""
    out = option_value(args, "-o", "--output")
    if out is not None and "$" not in out:
        return Claim(Role.BUILD, NAME, "`dotnet build` compiles the app",
                     artifacts=(Artifact(ctx.abspath(out), reason="the built app", whole_dir=True),))
    projects = _projects(args, _Where(ctx.read_context, ctx.workdir, ctx.copied))
    if isinstance(projects, str) and not _targets(args):
        projects = [posixpath.join(ctx.workdir, "?.csproj")]  # the project in the working folder
    if isinstance(projects, str):
        return Claim(Role.BUILD, NAME, "`dotnet build` compiles the app")
    config = option_value(args, "-c", "--configuration") or "Debug"
    return Claim(Role.BUILD, NAME, "`dotnet build` compiles the app",
                 artifacts=tuple(Artifact(posixpath.join(posixpath.dirname(p), "bin", config),
                                          reason="the built app (nothing is published)", whole_dir=True)
                                 for p in projects))


def _targets(args: tuple[str | None, ...]) -> list[str | None]:
    """The project, solution or folder words of a dotnet command (MSBuild properties left out)."""
    return [w for w in positional(args[1:], _VALUES) if w is None or not (w.startswith("/") and ":" in w[:12])]


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name != "dotnet" or not cmd.args:
        return None
    verb = cmd.args[0]
    if verb in _NEUTRAL:
        if verb == "nuget" and cmd.args[1:2] == ("push",):
            return Claim(Role.BLOCKED, NAME, "`dotnet nuget push` publishes a package to a feed at build time")
        return Claim(Role.NEUTRAL, NAME)
    if verb == "publish":
        return _publish(cmd.args, ctx)
    if verb == "build":
        return _build(cmd.args, ctx)
    if verb in ("test", "vstest"):
        return Claim(Role.TEST, NAME, "`dotnet test` runs the tests")
    if verb in _PREPARES:
        packages = ctx.getenv("NUGET_PACKAGES") or f"{ctx.likely_home()}/.nuget/packages"
        return Claim(Role.BUILD, NAME, f"`dotnet {verb}` prepares the build", leaves_cache=packages)
    if verb == "dev-certs":
        return Claim(Role.BLOCKED, NAME, "`dotnet dev-certs` makes a development certificate with the SDK, which "
                                         "the runtime image does not have")
    if verb == "ef" and "update" in cmd.args:
        return Claim(Role.BLOCKED, NAME, "`dotnet ef database update` changes a database at build time")
    return None


# --- once the stage is read ---------------------------------------------------------------------

def _sdk(image: ImageRef) -> dict[str, object] | None:
    key = f"{image.registry}/{image.repo}" if image.registry else image.repo
    spec = data("dotnet.json")["sdks"].get(key)
    return spec if isinstance(spec, dict) else None


def _runtime_image(image: ImageRef, web: bool) -> str | None:
    """The runtime image of an SDK image, None when its tag names no version."""
    spec = _sdk(image)
    m = re.match(r"^(\d+\.\d+)(?:\.\d+)?(?:-(.*))?$", image.tag)
    if spec is None or m is None:
        return None
    version = m.group(1)
    words = [w for w in (m.group(2) or "").split("-") if w and w != "sdk"]
    slim = data("dotnet.json")["slim_variants"]
    if words and words[-1] in slim:
        words.append("slim")
    template = str(spec["web" if web else "console"])
    before = spec.get("web_before")
    if web and isinstance(before, dict) and tuple(map(int, version.split("."))) < tuple(
            map(int, str(before["version"]).split("."))):
        template = str(before["web"])
    variant = "-" + "-".join(words) if words else ""
    return template.replace("{version}", version).replace("{-variant}", variant)


def _dotnet_commands(facts: StageFacts, verb: str) -> list[tuple[Command, str]]:
    """The stage's ``dotnet VERB`` commands, each with the folder it runs in (a `cd` before it in its RUN
    followed: `cd examples/Hello && dotnet publish`)."""
    out: list[tuple[Command, str]] = []
    for d in facts.decisions:
        folder = d.workdir
        for c, cl in zip(d.commands, d.claims, strict=True):
            if c.name == "cd" and c.depth == 0 and len(c.args) == 1 and c.args[0] and "$" not in c.args[0]:
                folder = posixpath.normpath(posixpath.join(folder, c.args[0]))
            if cl.ecosystem == NAME and cl.role is Role.BUILD and c.args[:1] == (verb,):
                out.append((c, folder))
    return out


def _is_web(facts: StageFacts, commands: list[tuple[Command, str]]) -> bool | None:
    """Whether the app is a web app (None: no project file to tell)."""
    reader = facts.read_context
    if reader is None:
        return None
    texts: list[str] = []
    for cmd, workdir in commands:
        where = _Where(reader, workdir, facts.copied)
        projects = _projects(cmd.args, where)
        if isinstance(projects, str):
            return None
        for p in projects:
            text = _read(where, p)
            if text is None:
                return None
            texts.append(text)
    return any(_WEB.search(t) for t in texts) if texts else None


def finish(facts: StageFacts) -> Finish | None:
    publishes = _dotnet_commands(facts, "publish")
    builds = _dotnet_commands(facts, "build")
    if not publishes and not builds:
        return None
    notes: list[str] = []
    artifacts = None
    if publishes:
        built = {a.path for d in facts.decisions for c, cl in zip(d.commands, d.claims, strict=True)
                 if cl.ecosystem == NAME and c.args[:1] == ("build",) for a in cl.artifacts}
        if built:
            artifacts = tuple(a for a in facts.artifacts if a.path not in built)
    elif (minor_version(facts.image) or (9, 0)) < (3, 0):
        return Finish(skip="`dotnet build` before SDK 3.0 leaves an app that loads its packages from the SDK's "
                           "NuGet folders; only `dotnet publish` makes one a runtime image can run")
    else:
        unknown = next((why for cmd, workdir in builds if isinstance(
            why := _projects(cmd.args, _Where(facts.read_context or no_context, workdir, facts.copied)), str)
            and _targets(cmd.args)),
            None)
        if unknown is not None:
            return Finish(skip=f"`dotnet build` puts the app under its projects' folders, and {unknown}")
    web = _is_web(facts, publishes or builds)
    image = _runtime_image(facts.image, web is not False)
    if image is None:
        if _sdk(facts.image) is not None:
            return Finish(skip=f"the SDK image {facts.image.repo}:{facts.image.tag or 'latest'} names no version, "
                               "so the runtime image that matches it cannot be told")
        return Finish(artifacts=artifacts) if artifacts is not None else None
    if web is None:
        notes.append(f"the project file is not in the build context: the runtime is {image}, which runs web and "
                     "console apps alike")
    elif web:
        notes.append(f"the project is a web project: the runtime is {image}")
    else:
        notes.append(f"the project is not a web project: the runtime is {image}")
    return Finish(runtime_image=image, kind=NAME, artifacts=artifacts, notes=tuple(notes))


PASS = Pass(NAME, ".NET: dotnet restore/build/publish/test; SDK image -> aspnet or runtime image", claim, finish)
