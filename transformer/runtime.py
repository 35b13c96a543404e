"""The choice of the runtime stage's image and of the system packages it installs.

From the walk's decisions, the package set of the original installs and what the passes
added (:class:`~transformer.claims.Finish`): the slim image of the builder's family when
it serves (or the image with a package manager when packages or a shell are needed), the
run-time libraries behind moved ``-dev`` packages, and the tools the CMD, ENTRYPOINT,
HEALTHCHECK or their scripts call that the slim image lacks.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .analysis import ContextReader, env_pairs, expand, read_where_copied, source_programs
from .claims import PATH_FOLDERS, Artifact, Claim, Copied, Finish, Role
from .commands import (
    INTERPRETER,
    ScriptRun,
    argv_of,
    image_lines,
    is_shell,
    is_shell_builtin,
    runs_shell,
    script_run,
    unwrapped_line,
)
from .distro import Release, commands_in, package_providing, package_providing_everywhere, release_of
from .gosource import files_read, programs_executed
from .images import ImageRef, data, family_of, runtime_image, tag_free_runtime
from .jssource import programs_spawned
from .official import chain, inherited, tag_exists
from .packages import (
    PackageSet,
    build_only_parts,
    build_tool,
    few,
    is_build_only,
    package_name,
    verifies_with_system_certificates,
)
from .pysource import programs_called
from .shell import Command, parse_shell
from .walk import Decision, Walked, Where, carried, inside, repeats_setup


@dataclass(frozen=True, slots=True)
class RuntimeChoice:
    image: str
    packages: tuple[str, ...]  # what the runtime installs
    manager: str | None
    notes: tuple[str, ...]
    early: bool = False  # its own install comes first: setup the runtime repeats needs a tool from it
    # the packages of that first install that a later RUN's install the runtime repeats gives too: the setup before it
    # needs them already
    first: tuple[str, ...] = ()
    missing: str | None = None  # why the runtime cannot have a tool its setup needs
    certificates: str | None = None  # the note of the ca-certificates it installs for TLS alone (a debian runtime)

    def without_certificates(self) -> RuntimeChoice:
        """The choice for a runtime that needs no CA certificates of its own (scratch for a static program)."""
        if self.certificates is None:
            return self
        packages = tuple(p for p in self.packages if p != "ca-certificates")
        return dataclasses.replace(self, packages=packages, manager=self.manager if packages else None,
                                   notes=tuple(n for n in self.notes if n != self.certificates), certificates=None)


@dataclass(frozen=True, slots=True)
class ImageSpec:
    """The builder's image as written, with its build arguments resolved, and those arguments."""

    written: str
    resolved: str
    arguments: tuple[tuple[str, str], ...]
    alpine: bool
    overrides: dict[str, str]


def choose(spec: ImageSpec, walked: Walked, pkgs: PackageSet, finish: Finish,
           commands: Sequence[tuple[str, str]]) -> RuntimeChoice:
    """The runtime image and what it installs; ``commands``: what the image runs (:func:`commands_run`)."""
    notes: list[str] = []
    tools = runtime_tools(commands)
    with_packages = bool(pkgs.keep) or bool(finish.runtime_packages) \
        or repeats_setup(walked.decisions, finish.artifacts or walked.artifacts, walked.last_build) \
        or any(runs_shell(d.group.inst) for d in walked.decisions) or finish.needs_libc or bool(tools) \
        or bool(finish.by_ldd) or bool(file_installs(walked.decisions)) or bool(system_commands(walked.decisions))
    overrides = spec.overrides
    if finish.runtime_image:
        overrides = {spec.written: _pass_image(finish.runtime_image, spec, notes), **overrides}
    users = named_users(walked.decisions)
    files = context_programs(walked.decisions, finish.artifacts or walked.artifacts)
    image = _image(spec, with_packages or bool(users) or bool(files), overrides, notes)
    if not overrides:  # the user's map, or a pass's own runtime (a web server's), wins
        image = _same_distribution(spec, image, pkgs, notes)
    if not spec.overrides:  # (a JRE a pass chose lacks the java the command names by its path)
        image = _java_where_run(spec, image, walked.decisions, notes)
    if (users or files) and not with_packages and image != (bare := _image(spec, False, overrides, [])):
        why = f"USER {users[0]} is a user of the distribution's user database" if users else \
            (f"the command at line {files[0][0]} runs {files[0][1]}, which no build step made (a script of the "
             "build context, whose interpreter needs a shell or more)")
        notes.append(f"the runtime starts from {image}, not {bare}: {why}, which {bare} lacks")
    keep = [p for p in list(pkgs.keep) + list(finish.runtime_packages) if package_name(p) not in finish.drop_packages]
    keep = list(dict.fromkeys(keep))
    manager = pkgs.manager or ("apt" if finish.runtime_packages or finish.by_ldd else None)
    if image != spec.written and not spec.alpine:
        packages_of = data("commands.json")["runtime_tools"]
        for tool, where in tools:
            package = packages_of[tool]
            if _provided(tool, package, keep) or _given_by(package, keep, spec.resolved):
                continue
            if not _original_had(tool, package, spec.resolved, pkgs):
                notes.append(f"{where} runs `{tool}`, which {spec.written} lacks too (the file installs no package "
                             f"that gives it): the runtime does not install {package} either")
            else:
                keep.append(package)
                manager = manager or "apt"
                if where == "the HEALTHCHECK" and package == tool:
                    notes.append(f"the runtime installs {tool} for the HEALTHCHECK (the slim image has none)")
                else:
                    notes.append(f"the runtime installs {package}: {where} runs `{tool}` (the slim image has none)")
    certificates = None
    if not finish.no_tls_roots and _lacks_certificates(spec, image) and "ca-certificates" not in keep:
        keep.append("ca-certificates")
        manager = manager or "apt"
        certificates = (f"the runtime installs ca-certificates: {spec.written} has the CA certificates, {image} "
                        "has none, and a program that connects over TLS reads them (/etc/ssl/certs)")
        notes.append(certificates)
    library = next((p for p in keep if verifies_with_system_certificates(p)), None)
    if library is not None and "ca-certificates" not in keep and _lacks_certificates(spec, image, "library_families"):
        keep.append("ca-certificates")
        notes.append(f"the runtime installs ca-certificates: {spec.written} has the CA certificates, {image} has "
                     f"none, and {package_name(library)} verifies TLS peers against them (/etc/ssl/certs)")
    if "distroless" in image or image == "scratch":
        provided = set(data("images.json")["distroless_provides"])
        keep = [p for p in keep if p not in provided]
    before = len(keep)
    first: list[str] = []
    missing = _setup_tools(spec, image, walked, pkgs, keep, notes, finish, first)
    early = len(keep) > before or bool(first)
    manager = manager or ("apt" if early else None)
    return RuntimeChoice(image, tuple(keep), manager, tuple(notes), early=early, first=tuple(first), missing=missing,
                         certificates=certificates)


def _distribution(image: str) -> str | None:
    """The distribution an official image's chain of bases ends on: ``debian`` (buildpack-deps is Debian's),
    ``ubuntu``, or None when not known."""
    root = ImageRef.parse(([image, *chain(image)])[-1]).repo
    return "debian" if root in ("debian", "buildpack-deps") else "ubuntu" if root == "ubuntu" else None


def _same_distribution(spec: ImageSpec, image: str, pkgs: PackageSet, notes: list[str]) -> str:
    """The runtime image, or the builder's where the one chosen is of another distribution and the runtime installs
    the file's own packages again: their names are the builder's distribution's (maven:3.5-jdk-8 is Debian, the
    eclipse-temurin:8-jre it would run on is Ubuntu, whose netcat is only a virtual package apt cannot install)."""
    if image == spec.written or pkgs.manager != "apt" or not pkgs.keep:
        return image
    builder, runtime = _distribution(spec.resolved), _distribution(image)
    if builder is None or runtime is None or builder == runtime:
        return image
    shown = few([package_name(p) for p in pkgs.keep])
    notes.append(f"the runtime keeps {spec.written}: {image} is built on {runtime.capitalize()}, {spec.written} on "
                 f"{builder.capitalize()}, and the packages the file installs again ({shown}) are named for "
                 f"{builder.capitalize()}'s releases")
    return spec.written


def _java_where_run(spec: ImageSpec, image: str, decisions: Sequence[Decision], notes: list[str]) -> str:
    """The runtime image, or the builder's where the command runs java by a path (``ENTRYPOINT ["/usr/bin/java",
    ...]``: openjdk's images link it there) outside the bin/ of the JAVA_HOME the runtime image sets: eclipse-temurin
    has java only in /opt/java/openjdk/bin, on its PATH (read18 37f0f138: `exec /usr/bin/java: no such file`)."""
    base = inherited(image) if image != spec.written else None
    home = dict(base.env).get("JAVA_HOME") if base is not None else None
    if home is None:
        return image
    last = {d.group.inst.cmd: d.group.inst for d in decisions if d.group.inst.cmd in ("cmd", "entrypoint")}
    started = (w[0] for w in image_lines(last.values()) if w and w[0])  # the last CMD's and ENTRYPOINT's (adv-s38 4b)
    path = next((w for w in started if w.startswith("/") and posixpath.basename(w) == "java"
                 and posixpath.dirname(w) != posixpath.join(home, "bin")), None)
    if path is None:
        return image
    notes.append(f"the runtime keeps {spec.written}: the command runs {path}, and {image} has java only in "
                 f"{home}/bin (on its PATH)")
    return spec.written


# docker-library's buildpack-deps variants, each holding the one before (data/commands.json's runtime_tools_in)
_BUILDPACK_VARIANTS = ("curl", "scm", "full")


def _original_had(tool: str, package: str, written: str, pkgs: PackageSet) -> bool:
    """Whether the original image had ``tool``, which its command runs: an official full image has it from the
    buildpack-deps variant it is built on (curl, git, procps, unzip; not nc nor envsubst: rp25entry
    zivezab/emp-mgmt-webapp, whose python:3 had no nc, got netcat-openbsd in its runtime), or a package the file
    installs and the runtime leaves out gave it (gettext: gettext-base, with envsubst)."""
    variant = _buildpack_variant(written)
    needed = data("commands.json")["runtime_tools_in"].get(tool)
    if variant is not None and needed is not None and \
            _BUILDPACK_VARIANTS.index(variant) >= _BUILDPACK_VARIANTS.index(needed):
        return True
    return _given_by(package, pkgs.dropped, written)


def _buildpack_variant(image: str) -> str | None:
    """The variant of buildpack-deps ``image`` is built on (curl, scm, full), or None: the first buildpack-deps image
    of its chain, by its tag's end (bookworm-scm: scm; bookworm: full); gcc's every tag is built on the full one."""
    if ImageRef.parse(image).repo == "gcc":
        return "full"
    found = next((b for b in (image, *chain(image)) if ImageRef.parse(b).repo == "buildpack-deps"), None)
    if found is None:
        return None
    return next((v for v in _BUILDPACK_VARIANTS[:2] if found.endswith("-" + v)), "full")


def _given_by(package: str, installed: Sequence[str], image: str) -> bool:
    """Whether one of the build-only packages ``installed`` on ``image``'s release brings ``package`` as its
    run-time part (debian_runtime.json's build_only_runtime: gettext -> gettext-base)."""
    release = release_of(image)
    return any(package in build_only_parts(package_name(p), release.value if release else None) for p in installed)


def _provided(tool: str, package: str, keep: Sequence[str]) -> bool:
    """Whether a package of ``keep`` gives ``tool``: ``package`` itself or one of data/commands.json's
    runtime_tool_alternatives for it (``apt-get install netcat``: its nc, not netcat-openbsd's)."""
    alternatives = data("commands.json")["runtime_tool_alternatives"].get(tool, [])
    names = {package_name(p) for p in keep}
    return package in names or any(a in names for a in alternatives)


def _lacks_certificates(spec: ImageSpec, image: str, families: str = "families") -> bool:
    """Whether the runtime the tool chose is plain Debian or Ubuntu (no ca-certificates) for a builder whose
    family's images have them and whose programs connect over TLS without a library of the system
    (images.json ca_certificates_in: golang)."""
    builder, runtime = ImageRef.parse(spec.resolved), ImageRef.parse(image)
    family = family_of(builder)
    return image != spec.written and not spec.alpine and family is not None and \
        family.name in data("images.json")["ca_certificates_in"][families] and \
        not runtime.registry and runtime.repo in ("debian", "ubuntu")


def _setup_tools(spec: ImageSpec, image: str, walked: Walked, pkgs: PackageSet, keep: list[str], notes: list[str],
                 finish: Finish, first: list[str]) -> str | None:
    """The commands the setup the runtime repeats runs (``locale-gen``, ``curl ... | bash``) must be in the
    runtime: in its image, from a package it keeps that a RUN up to the setup's installs, or from a package it
    installs for them. ``first`` gets those a RUN after the setup installs and none before: the runtime's own
    install, which comes first, gives them too.
    Returns why not, when a tool comes only from a build-only package or no package is known for it."""
    artifacts = finish.artifacts or walked.artifacts
    needed = {**_tools_of_file_installs(walked.decisions), **_tools_of_setup(walked, artifacts, keep)}
    installers = _tools_of_installs(walked, keep)
    if not needed and not installers:
        return None
    installed = {p for op in walked.package_ops if op.action == "install" for p in op.packages}
    release = release_of(spec.resolved if image == spec.written else image)
    present = commands_in(image if image != spec.written else spec.resolved)
    family = family_of(ImageRef.parse(image))
    own = frozenset(family.spec.get("commands", ())) if family is not None else frozenset()
    for tool, line in installers.items():  # an image's own command (bitnami's install_packages): no package has it
        if not (image == spec.written or tool in own or (present is not None and tool in present)):
            return f"the RUN at line {line} installs packages with `{tool}`, which the runtime image {image} lacks"
    for tool, line in needed.items():
        provider = _provider(tool, release, spec.alpine)
        if provider != tool and provider not in keep and tool in installed \
                and tool in {package_name(k) for k in keep}:
            # a package the file installs by the command's own name (`python` on xenial), which the runtime keeps:
            # the data's provider of today (python-is-python3) may not exist on the file's release (read29 4fdceff6)
            continue
        runs = _what_runs(tool, line, walked)
        if provider is not None and provider in pkgs.dropped:
            if not build_tool(provider):
                return f"the RUN at line {line} {runs}, which only a build-only package ({provider}) provides"
            if provider not in keep:  # an installer (npm, pip), which has a run-time part
                keep.append(provider)
                _first(provider, line, walked, first)
                notes.append(f"the runtime keeps {provider}, a build tool: the RUN at line {line} it repeats {runs}")
                continue
        if tool in own or (present is not None and tool in present):
            continue
        if provider in keep:
            if image != spec.written and not _essential(tool) and _first(provider, line, walked, first):
                # `curl ... | apt-key add -` before the RUN that installs curl: the full image had it, the runtime
                # installs it first
                notes.append(f"the runtime installs {provider} first: the RUN at line {line} it repeats {runs}, and "
                             f"only a later RUN installs {provider}")
            continue
        if present is None and (image == spec.written or _essential(tool)):
            if tool in installed and tool not in keep:  # `apk add jq && jq ...`: the image need not have it
                if provider is None or provider not in installed or spec.alpine:
                    return (f"the RUN at line {line} {runs}, which the file installs as a package the "
                            "runtime does not keep")
                keep.append(provider)  # a later RUN removes it (`apt-get purge -y wget`): the runtime keeps it
                _first(provider, line, walked, first)
                notes.append(f"the runtime keeps {provider}, which a later RUN removes: the RUN at line {line} it "
                             f"repeats {runs}, which {image} may lack")
            continue
        if provider is None or spec.alpine:
            return f"the RUN at line {line} {runs}, which the runtime image {image} lacks"
        keep.append(provider)
        _first(provider, line, walked, first)
        unknown = "" if release is not None else (f"; {image}'s release is not in the data, and {provider} provides "
                                                  f"`{tool}` on every release they know")
        notes.append(f"the runtime installs {provider}: the RUN at line {line} it repeats {runs}{unknown}")
    return None


def _first(package: str, line: int, walked: Walked, first: list[str]) -> bool:
    """Adds ``package`` to ``first`` (the runtime's own install, first, gives it) where a RUN after the one at
    ``line`` installs it and none up to it does: the runtime's version of that RUN installs it after the setup
    there, which needs it (dev file 68347cec: ``curl ... | apt-key add -`` at line 3, curl's install at line 22);
    whether it added it. One no RUN installs is the runtime's own install's anyway."""
    lines = [walked.decisions[op.layer].group.inst.start_line if 0 <= op.layer < len(walked.decisions) else 0
             for op in walked.package_ops
             if op.action == "install" and package in {package_name(p) for p in op.packages}]
    if package in first or not lines or min(lines) <= line:
        return False
    first.append(package)
    return True


# what a download over https needs (fetch's claims name it among their tools): the CA certificates, which its
# package's update-ca-certificates stands for
_CERTIFICATES_TOOL = "update-ca-certificates"


def _what_runs(tool: str, line: int, walked: Walked) -> str:
    """What the RUN at ``line`` does that needs ``tool``, for the explanation: it runs it (``runs `locale-gen```), or,
    for the CA certificates a download over https needs, which fetch's claims name by update-ca-certificates, that
    it downloads over https unless it runs update-ca-certificates itself."""
    if tool != _CERTIFICATES_TOOL or any(
            d.group.inst.start_line == line and any(c.name == tool for c in d.commands) for d in walked.decisions):
        return f"runs `{tool}`"
    return "downloads over https, which checks the server against the CA certificates"


def _provider(tool: str, release: Release | None, alpine: bool) -> str | None:
    """The package the runtime installs for ``tool``: on Debian and Ubuntu the one data/commands.json's
    tool_packages names for every release (gnupg for gpg), else the one the release's data give (on a release
    they do not know, the one every release they know has)."""
    fixed = None if alpine else data("commands.json")["tool_packages"].get(tool)
    if fixed is not None:
        return str(fixed)
    if release is not None:
        return package_providing(tool, release)
    return None if alpine else package_providing_everywhere(tool)


_SYSTEM_BIN = frozenset({"", "/bin", "/usr/bin", "/sbin", "/usr/sbin"})


def system_commands(decisions: Sequence[Decision]) -> list[str]:
    """The commands of the system (coreutils' ``tail``, ``sleep``, ``env``...) that an exec-form CMD, ENTRYPOINT
    or HEALTHCHECK runs first, by name or from /bin or /usr/bin: a Debian-like image has them, distroless and
    scratch images do not (``CMD ["tail", "-f", "/dev/null"]`` would not start there)."""
    found: list[str] = []
    for d in decisions:
        inst = d.group.inst
        if not inst.json:  # the shell form needs a shell: runs_shell
            continue
        for argv in argv_of(inst):
            word = argv[0] if argv else ""
            if not word or "$" in word or posixpath.dirname(word) not in _SYSTEM_BIN:
                continue
            name = posixpath.basename(word)
            if name not in found and _essential(name):  # exec form: `test` is /usr/bin/test, no builtin
                found.append(name)
    return found


# the users (and groups) the /etc/passwd and /etc/group of every distroless image have; Google's also have nobody,
# which look-alikes may lack
_DISTROLESS_USERS = frozenset({"root", "nonroot"})


def named_users(decisions: Sequence[Decision]) -> list[str]:
    """The USERs that name a user or group by a name distroless images lack: the distribution's own (Debian's
    www-data, daemon), which a Debian-like slim image has in its user database and distroless does not (a Go
    program's ``USER www-data`` on gcr.io/distroless/static: "unable to find user www-data"). A numeric id
    needs no user database."""
    return [d.user for d in decisions if d.group.inst.cmd == "user" and d.user
            and not all(p.isdigit() or p in _DISTROLESS_USERS for p in d.user.split(":"))]


def programs_run(decisions: Sequence[Decision]) -> list[tuple[int, str]]:
    """The files a CMD or ENTRYPOINT runs by their path, as (line, absolute path): ``./server``,
    ``/app/docker/run.sh``, a shell form's ``./bin/start.sh`` (dev file 4fa095e6) up to a ``cd``, from the command its
    wrappers run in either form (``["tini", "--", "./run.sh"]``); not a command found on PATH (``server``), a shell
    or a command of the system."""
    out: list[tuple[int, str]] = []
    for d in decisions:
        inst = d.group.inst
        if inst.cmd not in ("cmd", "entrypoint"):
            continue
        for argv in argv_of(inst):
            if not inst.json and argv[:1] == ("cd",):
                break  # a relative path after it is the new folder's
            argv = unwrapped_line(argv)
            word = argv[0] if argv else None
            if word is not None and "/" not in word and "$" not in word and not is_shell(word):
                copied = _copied_onto_path(decisions, word)  # `ENTRYPOINT ["entrypoint.sh"]` (adv-s37)
                out += [(inst.start_line, copied)] if copied else []
                continue
            if word is None or "/" not in word or "$" in word or is_shell(word):
                continue
            path = posixpath.normpath(posixpath.join(d.workdir, word))
            if posixpath.dirname(path) not in _SYSTEM_BIN:
                out.append((inst.start_line, path))
    return out


def _copied_onto_path(decisions: Sequence[Decision], word: str) -> str | None:
    """Where a COPY or ADD of the build context put the command ``word`` on the PATH (``COPY bin/entrypoint.sh
    /usr/local/bin/`` for ``ENTRYPOINT ["entrypoint.sh"]``); None when none did."""
    for d in decisions:
        inst = d.group.inst
        if inst.cmd not in ("copy", "add") or inst.flag("from") is not None or len(inst.value) < 2:
            continue
        dest = posixpath.normpath(posixpath.join(d.workdir, inst.value[-1]))
        into = inst.value[-1].endswith("/") or len(inst.value) > 2 or dest in PATH_FOLDERS
        for src in inst.value[:-1]:
            path = posixpath.join(dest, posixpath.basename(src.rstrip("/"))) if into else dest
            if posixpath.basename(path) == word and posixpath.dirname(path) in PATH_FOLDERS:
                return path
    return None


def context_programs(decisions: Sequence[Decision], artifacts: Sequence[Artifact]) -> list[tuple[int, str]]:
    """The files :func:`programs_run` gives that no build step made (``COPY . /go/src/app``, then ``CMD
    ["/go/src/app/docker/run.sh"]``): a script of the build context, whose interpreter (a shell, by its ``#!``
    line) distroless does not have ("exec: ...: no such file or directory")."""
    return [(line, path) for line, path in programs_run(decisions)
            if not any(inside(path, a.target) or inside(path, a.path) for a in artifacts)]


def _essential(tool: str) -> bool:
    """A command of the packages every Debian-like image has (coreutils, sed, apt...): a runtime image the
    data do not model still has it."""
    provider = package_providing(tool, Release.BOOKWORM)
    return provider in data("images.json")["essential_packages"]


def _tools_of_installs(walked: Walked, keep: Sequence[str]) -> dict[str, int]:
    """command -> line, for the package commands of another name (``install_packages``) whose install the
    runtime repeats (it installs a package the runtime keeps)."""
    return {t: d.group.inst.start_line for d in walked.decisions if d.where is not Where.TEST for c in d.claims
            if c.role is Role.PACKAGES and c.tools and c.packages is not None
            and set(c.packages.packages) & set(keep) for t in c.tools}


def file_installs(decisions: Sequence[Decision]) -> tuple[Claim, ...]:
    """The installs of package files (``dpkg -i x.deb``, ``apt-get install ./x.deb``, ``gdebi``, ``rpm -i``), which
    the runtime repeats with the builder's copy of the files."""
    return tuple(c for d in decisions if d.where is not Where.TEST for c in d.claims
                 if c.role is Role.PACKAGES and c.packages is not None and c.packages.files)


def _tools_of_file_installs(decisions: Sequence[Decision]) -> dict[str, int]:
    """command -> line, for the commands of their own that install package files (dpkg, gdebi, rpm)."""
    out: dict[str, int] = {}
    for d in decisions:
        for c in file_installs((d,)):  # once a decision: claims compare field by field
            out.update((t, d.group.inst.start_line) for t in c.tools or ())
    return out


def _tools_of_setup(walked: Walked, artifacts: Sequence[Artifact], keep: Sequence[str]) -> dict[str, int]:
    """command -> line, for the commands of the setup the runtime repeats (what feeds it through a pipe too);
    not those a package repository the runtime set up before gives through a package it keeps (NodeSource's
    nodejs has npm: Debian's npm is not installed for it)."""
    out: dict[str, int] = {}
    from_repository: set[str] = set()
    kept = {package_name(p) for p in keep}
    installed = {package_name(p) for op in walked.package_ops if op.action == "install" for p in op.packages}
    env: list[tuple[str, str]] = []
    for index, d in enumerate(walked.decisions):
        if d.group.inst.cmd in ("env", "arg"):
            env += [(k, expand(v, tuple(env))) for k, v in env_pairs(d.group.inst)]
        venv = _venv_on_path(dict(env).get("PATH", ""), artifacts)
        pairs = list(zip(d.commands, d.claims, strict=True))
        for k, (c, cl) in enumerate(pairs):
            if cl.role is not Role.SETUP or carried(c, d.workdir, artifacts, cl.paths, index <= walked.last_build) \
                    or d.where is Where.TEST:
                continue
            if cl.repository and not any(p in kept for p, _ in cl.repository) and \
                    any(p in installed for p, _ in cl.repository):
                continue  # a repository whose packages the runtime leaves out: it does not repeat its setup
            names: list[str | None] = list(cl.tools) if cl.tools is not None else [c.name]
            names += runs_too(c)
            j = k
            while j > 0 and pairs[j - 1][0].connector == "|":  # curl URL | bash: curl runs too
                j -= 1
                names.append(pairs[j][0].name)
            for name in names:
                if name and name not in out and name not in from_repository and not is_shell_builtin(name) \
                        and not (venv and name in _VENV_COMMANDS):
                    out[name] = d.group.inst.start_line
            from_repository.update(t for package, tools in cl.repository if package in keep for t in tools)
    return out


# the commands every virtual environment has in its bin folder
_VENV_COMMANDS = frozenset({"python", "python3", "pip", "pip3"})


def _venv_on_path(path: str, artifacts: Sequence[Artifact]) -> bool:
    """Whether a folder of ``path`` (an ENV PATH's value) is the bin folder of a virtual environment the runtime
    copies, where a command finds python and pip, before the image's or where the image has none (rp30review
    millie-crowther/kerosene: `ENV PATH="$VIRTUAL_ENV/bin:$PATH"`, and python-is-python3 was installed for the
    `python main.py` the runtime repeats)."""
    return any(f.endswith("/bin") and a.path == posixpath.dirname(f) and "virtual environment" in a.reason
               for f in path.split(":") for a in artifacts)


def runs_too(c: Command) -> list[str]:
    """The programs a command runs itself (data/commands.json's runs_too: `apt-key adv --keyserver K` runs gpg
    and dirmngr), which a runtime that repeats it must have too."""
    table = data("commands.json")["runs_too"]
    words = [a for a in c.args if a is not None]
    verb = next((w for w in words if not w.startswith("-")), "")
    out: list[str] = list(table.get(f"{c.name} {verb}", ()))
    for w in words:
        out += table.get(f"{c.name} {verb} {w.split('=', 1)[0]}", ())
    return out


def _image(spec: ImageSpec, with_packages: bool, overrides: dict[str, str], notes: list[str]) -> str:
    release, jdk = _chain_release(spec.resolved), _chain_jdk(spec.resolved)
    image = runtime_image(spec.written, with_packages=with_packages, overrides=overrides, release=release, jdk=jdk)
    if image == spec.written and spec.resolved != spec.written:  # FROM python:${PYTHON_VERSION}
        resolved = runtime_image(spec.resolved, with_packages=with_packages, overrides=overrides, release=release,
                                 jdk=jdk)
        if resolved != spec.resolved:
            image = _with_variables(resolved, spec.written, spec.arguments, notes)
        fixed = tag_free_runtime(spec.written, with_packages=with_packages) if image == spec.written else None
        if fixed is not None and not overrides:
            notes.append(f"the runtime is {fixed} whatever tag the build arguments give {spec.written}")
            image = fixed
    if image != spec.written and tag_exists(image) is False:  # python:2.7-slim-wheezy was never published
        jre = _openjdk_jre(spec.written)
        if jre is not None:
            notes.append(f"the runtime is {jre}, the JRE of the same openjdk image: {image} was never published")
            return jre
        notes.append(f"the runtime keeps {spec.written}: {image} was never published")
        return spec.written
    return image


def _openjdk_jre(written: str) -> str | None:
    """The deprecated openjdk image's own JRE tag for a JDK tag (openjdk:7-jdk: openjdk:7-jre, on the same Debian
    release), where it was published: the runtime of a JDK no eclipse-temurin JRE was made for (read25 325af4da,
    Java 7)."""
    ref = ImageRef.parse(written)
    if ref.repo != "openjdk" or ref.registry or not ref.tag or "jre" in ref.tag:
        return None
    tag = ref.tag.replace("jdk", "jre") if "jdk" in ref.tag else f"{ref.tag}-jre"
    return f"openjdk:{tag}" if tag_exists(f"openjdk:{tag}") else None


def _chain_jdk(image: str) -> str | None:
    """The JDK's major version of the first JDK image in ``image``'s official chain (maven:latest is built on
    eclipse-temurin:26-jdk-noble: 26), or None when the chain is not known or holds none."""
    for base in chain(image) or ():
        ref = ImageRef.parse(base)
        m = re.match(r"(\d+)", ref.tag)
        if ref.repo in ("eclipse-temurin", "openjdk") and m:
            return m.group(1)
    return None


def _chain_release(image: str) -> str | None:
    """The Debian release an official image's chain of bases ends on (golang:1.19 is bookworm), if known."""
    for base in chain(image):
        ref = ImageRef.parse(base)
        if ref.repo in ("debian", "buildpack-deps"):
            return ref.tag.split("-")[0]
    return None


_ARG_REF = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*")


def _pass_image(image: str, spec: ImageSpec, notes: list[str]) -> str:
    """The runtime image a pass chose from the builder's resolved image, written with the builder's build arguments
    where it is of the same repository (``python:${PYTHON_VERSION}`` -> ``python:${PYTHON_VERSION}-slim``; with no
    default, the builder's image: rp6 juliohm1978/python-project's runtime was python:slim, another Python than the
    one `--build-arg PYTHON_VERSION=3.8.3` gives the builder)."""
    if spec.resolved == spec.written or ImageRef.parse(image).repo != ImageRef.parse(spec.resolved).repo:
        return image
    return _with_variables(image, spec.written, spec.arguments, notes)


def _with_variables(runtime: str, builder: str, env: Sequence[tuple[str, str]], notes: list[str]) -> str:
    """The runtime image of a FROM with build arguments, written with the same arguments: the runtime of
    ``python:${PYTHON_VERSION}`` (3.11 by default) is ``python:${PYTHON_VERSION}-slim``. When a value cannot
    be put back unambiguously, the builder's own image is kept."""
    values = dict(env)
    out = runtime
    for ref in dict.fromkeys(m.group(0) for m in _ARG_REF.finditer(builder)):
        name = ref.strip("${}")
        value = values.get(name, "")
        if not value or out.count(value) > 1 or any(c in value for c in "${}"):
            return builder
        if value in out:
            out = out.replace(value, ref)
            notes.append(f"the runtime image follows ARG {name} as the builder's does (default {value})")
    return out


def runtime_tools(commands: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Those of ``commands`` (:func:`commands_run`) that data/commands.json's runtime_tools name."""
    table = data("commands.json")["runtime_tools"]
    return [(name, who) for name, who in commands if name in table]


def build_tools_run(commands: Sequence[tuple[str, str]], release: Release | None) -> dict[str, str]:
    """package -> why the runtime keeps it, for the build-only Debian packages (npm, python3-pip) that provide one
    of ``commands`` (:func:`commands_run`; ``CMD ["npm", "start"]``): the runtime would lack it."""
    kept: dict[str, str] = {}
    for tool, who in commands:
        provider = _provider(tool, release, False) if "/" not in tool and "$" not in tool else None
        if provider is not None and provider not in kept and \
                is_build_only(provider, "apt", release.codename if release is not None else None):
            kept[provider] = f"the runtime keeps {provider}, a build tool: {who} runs `{tool}`"
    return kept


# the commands Django's management commands run: compilemessages runs gettext's msgfmt, makemessages xgettext,
# msgmerge and msguniq
_DJANGO_CLI = frozenset({"manage.py", "django-admin", "django-admin.py"})
_DJANGO_CLI_TOOLS = ("msgfmt", "xgettext", "msgmerge", "msguniq")


def _leaves_django_subcommand(inst_cmd: str, argv: Sequence[str | None]) -> bool:
    """An ENTRYPOINT that runs Django's manage.py (or django-admin) and leaves the subcommand to the CMD or to
    `docker run`'s arguments (``ENTRYPOINT ["python3", "manage.py"]``): any management command may run."""
    words = [w for w in argv if w and not w.startswith("-")]
    return inst_cmd == "entrypoint" and bool(words) and posixpath.basename(words[-1]) in _DJANGO_CLI


def commands_run(decisions: Sequence[Decision], read_context: ContextReader,
                 copied: Sequence[Copied] = (), python: bool = False, node: bool = False,
                 go: bool = False) -> list[tuple[str, str]]:
    """(command, who runs it) for the commands the CMD, ENTRYPOINT or HEALTHCHECK run first, those of the
    shell scripts of the build context they run (found where the stage's COPY and ADD, ``copied``, took them from,
    else by :func:`read_from_context`'s guess), and those an ENTRYPOINT's manage.py runs for the management
    commands left to the CMD or to `docker run` (compilemessages' msgfmt); where the image runs Python (``python``),
    those the app's own Python code runs, where it runs Node.js (``node``), those its JavaScript runs through
    child_process, and for a Go build (``go``), those its Go code runs through os/exec (:func:`source_programs`)."""
    found: dict[str, str] = {}
    for d, who, argv in _image_commands(decisions):
        inst = d.group.inst
        names = [(posixpath.basename(argv[0]), who)] if argv and argv[0] else []
        if _loads_gemspec(argv, copied):
            names += [("git", f"Bundler (run by {who}), loading the app's gemspec on each start (whose file "
                              "list `bundle gem` writes as `git ls-files`, which raises without git),")]
        if _leaves_django_subcommand(inst.cmd, argv):
            names += [(tool, f"Django's manage.py (run by {who}, whatever management command follows: "
                             "compilemessages, makemessages)") for tool in _DJANGO_CLI_TOOLS]
        script = script_run(argv)
        text = _context_script(script, d.workdir, read_context, copied) if script is not None else None
        if script is not None and text is not None and script.shell_text(text):
            names += [(c.name, f"{script.word} (run by {who})") for c in parse_shell(text).commands if c.name]
        for name, where in names:
            found.setdefault(name, where)
    readers = ([(_PY_SUFFIXES, programs_called, "Python")] if python else []) + \
        ([(_JS_SUFFIXES, programs_spawned, "JavaScript")] if node else []) + \
        ([(_GO_SUFFIXES, programs_executed, "Go")] if go else [])
    for suffixes, reader, language in readers:
        for name, where in source_programs(copied, read_context, suffixes, reader, language):
            found.setdefault(name, where)
    return list(found.items())


_PY_SUFFIXES = (".py",)
_JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts")
_GO_SUFFIXES = (".go",)


def go_files_read(copied: Sequence[Copied], read_context: ContextReader) -> list[tuple[str, str]]:
    """(path, the Go file that reads it) for the files the app's Go code reads by a relative path, from the program's
    working folder (gosource.files_read: the .env of ``godotenv.Load()``), in the Go files the stage copies."""
    return source_programs(copied, read_context, _GO_SUFFIXES, files_read, "Go")


# the package managers that run the program of the folder they start in (``npm start``)
_RUNS_THE_FOLDER = frozenset({"npm", "yarn", "pnpm"})
# the suffixes of the programs that are their own sources (a program named by its path without one may be one a
# build made from the sources)
_SOURCE_SUFFIXES = (".py", ".sh", ".bash", ".rb", ".pl", ".js", ".mjs", ".php")
# the options of those interpreters that take the next word as their value
_OPTION_VALUES = frozenset({"-X", "-W", "-r", "--require", "-I"})
# ... and those that give them the program's text itself (`python -c CODE`): no file of a folder
_INLINE_CODE = frozenset({"-c", "-e", "--eval"})


def checkouts_run(decisions: Sequence[Decision], artifacts: Sequence[Artifact]) -> list[tuple[str, str]]:
    """("git", who runs it) where the CMD or ENTRYPOINT runs a program of a git work tree the runtime copies with its
    .git folder (``git clone .../CouchPotatoServer.git /usr/src/couchpotato``, then ``WORKDIR /usr/src/couchpotato``
    and ``ENTRYPOINT ["python", "CouchPotato.py"]``): such an app updates itself with `git pull` or reads its version
    with git (CouchPotato, SickBeard, Tautulli), and the copied .git folder serves nothing else."""
    removed = {p for d in decisions for c in d.claims for p in c.removes}
    trees = [a.target for a in artifacts if a.git and posixpath.join(a.path, ".git") not in removed]
    for who, (path, name) in _programs_of_folders(decisions):
        tree = next((t for t in trees if inside(path, t)), None)
        if tree is not None:
            return [("git", f"{name} (run by {who} from the git work tree {tree}, which the runtime copies with its "
                            ".git folder: an app kept as a checkout may update itself with `git pull` or read its "
                            "version with git)")]
    return []


def _programs_of_folders(decisions: Sequence[Decision]) -> Iterator[tuple[str, tuple[str, str]]]:
    """(who runs it, (the absolute path of the program, its name as written)) for the programs the CMD and
    ENTRYPOINT run: one named by its path, an interpreter's script (``python CouchPotato.py``), a module run from the
    folder (``python -m app``), a package manager's script (``npm start``), after a shell form's ``cd``."""
    entrypoint = next((d for d in decisions if d.group.inst.cmd == "entrypoint"), None)
    for d, who, argv in _image_commands(decisions):
        inst = d.group.inst
        if inst.cmd == "healthcheck":
            continue
        if inst.json:
            lines = argv_of(entrypoint.group.inst) if inst.cmd == "cmd" and entrypoint is not None \
                and entrypoint.group.inst.json else []
            # the CMD as the ENTRYPOINT's arguments (ENTRYPOINT ["python"] CMD ["app.py"]), and alone
            for line in ([unwrapped_line(lines[0] + argv)] if len(lines) == 1 else []) + [argv]:
                found = _program_of(line, d.workdir)
                if found is not None:
                    yield who, found
            continue
        workdir = d.workdir
        for line in [unwrapped_line(a) for a in argv_of(inst)]:
            if line[:1] == ("cd",) and len(line) == 2 and line[1] and "$" not in line[1]:
                workdir = posixpath.normpath(posixpath.join(workdir, line[1]))
                continue
            found = _program_of(line, workdir)
            if found is not None:
                yield who, found


def _program_of(argv: tuple[str | None, ...], workdir: str) -> tuple[str, str] | None:
    """(absolute path, name as written) of the program a command line runs from a folder (:func:`_programs_of_folders`),
    or None."""
    if not argv or argv[0] is None or "$" in argv[0]:
        return None
    first = argv[0]
    if "/" in first:  # a script, not a program a build made there (`make all`'s bin/batten)
        return (posixpath.normpath(posixpath.join(workdir, first)), first) if first.endswith(_SOURCE_SUFFIXES) else None
    name = posixpath.basename(first)
    if name in _RUNS_THE_FOLDER:
        return workdir, f"`{' '.join(a or '' for a in argv)}`"
    if not INTERPRETER.match(name):
        return None
    words = iter(argv[1:])
    for word in words:
        if word is None or "$" in word or word in _INLINE_CODE:
            return None
        if word == "-m":
            return workdir, f"`{' '.join(a or '' for a in argv)}`"
        if word in _OPTION_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return posixpath.normpath(posixpath.join(workdir, word)), word
    return None


def _image_commands(decisions: Sequence[Decision]) -> Iterator[tuple[Decision, str, tuple[str | None, ...]]]:
    """(decision, who runs it, command line) for each command line the CMD, ENTRYPOINT or HEALTHCHECK run, from
    the command its wrappers run (``gosu app uwsgi``: uwsgi)."""
    for d in decisions:
        inst = d.group.inst
        if inst.cmd in ("healthcheck", "cmd", "entrypoint"):
            who = "the HEALTHCHECK" if inst.cmd == "healthcheck" else f"the {inst.keyword.upper()}"
            for argv in argv_of(inst):
                yield d, who, unwrapped_line(argv)


def _loads_gemspec(argv: Sequence[str | None], copied: Sequence[Copied]) -> bool:
    """Whether the command runs Bundler (``bundle exec puma``) in a stage that copies a gemspec from the build
    context (``COPY Gemfile* *.gemspec ./``): the Gemfile's ``gemspec`` line has Bundler evaluate it each time."""
    return bool(argv) and posixpath.basename(argv[0] or "") == "bundle" and any(
        (s or "").endswith(".gemspec") for sources, _, _ in copied for s in sources)


def unread_scripts_run(decisions: Sequence[Decision], read_context: ContextReader,
                       copied: Sequence[Copied] = ()) -> list[tuple[str, str]]:
    """(script, who runs it) for the scripts of the image's own the CMD, ENTRYPOINT or HEALTHCHECK run
    (``bash sh/deploy.sh``, ``./start.sh``, ``/app/run``: :func:`commands.script_run`) whose text the build context
    does not give: what they run cannot be told."""
    found: dict[str, str] = {}
    for d, who, argv in _image_commands(decisions):
        script = script_run(argv)
        if script is not None and script.sure and _context_script(script, d.workdir, read_context, copied) is None:
            found.setdefault(script.word, who)
    return list(found.items())


def unread_programs_run(decisions: Sequence[Decision], artifacts: Sequence[Artifact], read_context: ContextReader,
                        copied: Sequence[Copied] = ()) -> list[tuple[str, str]]:
    """(path, who runs it) for the files of the image's own a CMD or ENTRYPOINT runs by their path that no build step
    made (:func:`context_programs`: ``./bin/omnic``), whose text the build context does not give as a shell script's:
    what they run cannot be told."""
    out: list[tuple[str, str]] = []
    for line, path in context_programs(decisions, artifacts):
        script = ScriptRun(path, False, True)
        text = _context_script(script, "/", read_context, copied)
        if text is None or not script.shell_text(text):
            out.append((path, f"the command at line {line}"))
    return out


def _context_script(script: ScriptRun, workdir: str, read_context: ContextReader,
                    copied: Sequence[Copied] = ()) -> str | None:
    """The text of the script a command line runs, found in the build context (or None): where a COPY took it
    from (``COPY docker/entry.sh /app/``), else by its path or name."""
    return read_where_copied(read_context, copied, workdir, script.word)
