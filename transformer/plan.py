"""Decisions: where each instruction of a single-stage file goes.

``make_plan`` walks the stage once (:mod:`transformer.walk`), lets every pass finish
(:class:`~transformer.claims.Finish`), chooses the runtime image and packages
(:mod:`transformer.runtime`) and answers with a :class:`Plan` (what goes to the builder,
the test stage and the runtime, which packages the runtime keeps, which artifacts it
copies) or a :class:`Skip` (why the file is left as it is).
"""

from __future__ import annotations

import dataclasses
import enum
import fnmatch
import json
import posixpath
import re
import shlex
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cache

from . import thirdparty
from .analysis import ContextReader, env_pairs, expand, no_context, positional, unwrapped, variables_used
from .claims import (
    COMPILED,
    GCC_RUNTIME,
    HEADER_FOLDERS,
    LISTED_COPIED,
    LISTED_INSTALLED,
    Artifact,
    Claim,
    DecisionFacts,
    Environment,
    Finish,
    PackageOp,
    Pass,
    Role,
    StageFacts,
)
from .commands import INTERPRETER, argv_of, image_lines, may_run_git, never_runs_git
from .composefile import builds_here, compose_services, dev_container
from .distro import (
    NEWEST_ALPINE,
    Release,
    alpine_release,
    archived_debian,
    archived_release,
    chain_release,
    gcc_release_name,
    release_of,
)
from .images import USR_LOCAL, ImageRef, data, family_of, runtime_image, usr_local_has_files
from .linked import can_scan
from .official import Inherited, chain, inherited, repository, tag_exists
from .packages import (
    DevRuntime,
    LibrarySource,
    PackageSet,
    build_tool,
    by_ldd_note,
    few,
    gtk_named,
    headers_only,
    imagemagick_named,
    is_build_only,
    left_installed,
    listed_instead,
    of_another_release,
    package_name,
    recommended_parts,
    runtime_packages,
    texlive_named,
    unnamed,
)
from .parser import parse_instruction_text
from .passes import PASSES
from .passes.fetch import NAME as FETCH
from .passes.fetch import writes_git_config
from .passes.go import ASSUMED_NO_CGO
from .passes.python import CTYPES_DEVS, HEAVY_CACHE_MB
from .passes.shell import NAME as SHELL
from .passes.system import NAME as SYSTEM
from .runfiles import RunTimeFiles, copies_without_data, run_time_files, unread_copies
from .runtime import (
    ImageSpec,
    RuntimeChoice,
    build_tools_run,
    checkouts_run,
    choose,
    commands_run,
    file_installs,
    go_files_read,
    system_commands,
    unread_programs_run,
    unread_scripts_run,
)
from .shell import Command
from .staticlink import static_links
from .tree import Blank, Comment, Dockerfile, Instruction, Stage
from .walk import (
    INSTRUCTIONS,
    Decision,
    Group,
    Skip,
    Walked,
    Walker,
    Where,
    carried,
    group_body,
    inside,
    with_claims,
)

INHERITS_CMD = frozenset({"python", "node", "php"})  # the slim image of these families has the same default command

__all__ = ["COMPILED", "Decision", "Group", "Libraries", "Plan", "Skip", "Where", "make_plan"]


class Libraries(enum.Enum):
    """How the runtime gets the shared libraries the builder finds with ldd (linked.py)."""

    LISTED = "listed"  # the builder lists their packages, which the runtime installs with apt (or apk)
    COPIED = "copied"  # the builder copies their packages, the runtime copies them to / (apt no longer finds it)


@dataclass(frozen=True, slots=True)
class Plan:
    stage: Stage
    decisions: tuple[Decision, ...]
    tail: tuple[Blank | Comment, ...]  # lines after the last instruction
    builder_image: str
    runtime_image: str
    kind: str
    packages: tuple[str, ...]  # what the runtime installs
    package_manager: str | None
    dropped_packages: tuple[str, ...]
    library_map: tuple[tuple[str, tuple[str, ...]], ...]
    artifacts: tuple[Artifact, ...]
    last_build: int  # index in decisions of the last BUILD RUN
    builder_env: tuple[tuple[str, str], ...]
    first_build: int
    builder_after: tuple[tuple[str, str], ...]  # (shell command, why) run in the builder after the build
    package_env: tuple[tuple[str, str], ...]  # assignments the original package installs ran with
    has_tests: bool
    notes: tuple[str, ...] = ()
    environments: tuple[tuple[int, Environment], ...] = ()  # each made in the builder before its decision
    packages_early: bool = False  # the runtime's own install comes first (the setup it repeats needs it)
    # what that install gives though a later RUN's install the runtime repeats gives it too (the setup needs it before)
    packages_first: tuple[str, ...] = ()
    base_env: tuple[tuple[str, str], ...] = ()  # ENV the builder's base image sets (not its versioned ones)
    runtime_base_env: tuple[tuple[str, str], ...] = ()  # ENV the runtime's base image sets
    base_workdir: str = "/"  # the WORKDIR the builder's base image sets (golang: /go)
    runtime_workdir: str = "/"  # the WORKDIR the runtime's base image sets
    run_time_files: tuple[RunTimeFiles, ...] = ()  # context files a compiled program's runtime repeats
    static_link: tuple[int, ...] = ()  # decisions whose compiler commands the builder links with -static
    ldd_folders: tuple[str, ...] = ()  # the copied folders whose linked libraries the builder lists (linked.py)
    ldd_skipped: tuple[str, ...] = ()  # folders the image fills itself: their libraries are not looked up
    ldd_devs: tuple[str, ...] = ()  # -dev packages the file installs: the libraries they point to are listed too
    ldd_staged: tuple[str, ...] = ()  # folders the runtime copies to / (/opt/staged): their libraries are not looked up
    libraries: Libraries = Libraries.LISTED  # how the runtime gets the libraries of ldd_folders
    removed_later: tuple[str, ...] = ()  # packages one RUN installs and a later one removes: the runtime never has them
    # the release whose packages apt installs, where the data know it (None: the runtime's installs note that leaving
    # out the recommended packages an install took assumes the kept programs need none of them)
    apt_release: str | None = None


def make_plan(tree: Dockerfile, *, read_context: ContextReader, image_map: dict[str, str] | None = None,
              disabled: frozenset[str] = frozenset()) -> Plan | Skip:
    stage = _single_stage(tree)
    if isinstance(stage, Skip):
        return stage
    groups, tail = group_body(stage.body)
    composed = _composed_cmds(groups, read_context)
    if not composed:
        return _stage_plan(tree, stage, tail, groups, read_context, image_map, disabled)
    # each compose service's command, read as the image's command, which the output does not write
    plans = [_without_composed(c, _stage_plan(tree, stage, tail, [*groups, c.group], read_context, image_map,
                                              disabled)) for c in composed]
    return _one_plan(composed, plans)


def _one_plan(composed: list[_Composed], plans: list[Plan | Skip]) -> Plan | Skip:
    """The plan for every command the compose services give the image: the one plan where each command's is the same
    (but for its note), else why the file is left alone (rp30review lucasconte/fudo-challenge: `bundle exec rackup`
    and `bundle exec sidekiq`, both of the installed gems alone, had been "not read")."""
    skipped = next((p for p in plans if isinstance(p, Skip)), None)
    if skipped is not None or len(plans) == 1:
        return skipped or plans[0]
    first = plans[0]
    assert isinstance(first, Plan)
    if any(dataclasses.replace(p, notes=()) != dataclasses.replace(first, notes=()) for p in plans[1:]
           if isinstance(p, Plan)):
        shown = ", ".join(c.shown for c in composed)
        return Skip(f"the file sets no CMD or ENTRYPOINT, and the services of {composed[0].file} that build it give "
                    f"different commands ({shown}), whose runtimes would differ")
    shown = " and ".join(c.shown for c in composed)
    note = (f"the file sets no CMD or ENTRYPOINT: the commands {composed[0].file} gives the image ({shown}) are "
            "read as the ones it runs, and each gets this runtime; the runtime sets none, as the original")
    return dataclasses.replace(first, notes=(*first.notes[:-1], note))


def _stage_plan(tree: Dockerfile, stage: Stage, tail: tuple[Blank | Comment, ...], groups: list[Group],
                read_context: ContextReader, image_map: dict[str, str] | None, disabled: frozenset[str]) -> Plan | Skip:
    """The plan of the file's one stage, read as ``groups``, or why it is left alone."""
    arguments = _preamble_env(tree)  # the ARGs before FROM, at their defaults
    written = stage.base_image
    resolved = expand(written, arguments, tree.escape)
    ref = ImageRef.parse(resolved)
    fam = family_of(ref)
    kind = fam.kind if fam else ""
    passes = tuple(p for p in PASSES if p.name not in disabled)
    base = inherited(resolved)
    early = _onbuild_image(ref, stage) or _cheap_skip(groups, kind, _serves(resolved),
                                                       None if base or _gcc_base(ref) else resolved,
                                                       read_context)  # before any RUN is read
    if early is not None:
        return early
    walked = Walker(ref, kind, passes, read_context, tree.escape, base,
                    workdir_known=base is not None or _gcc_base(ref) is not None or _official_repo(ref)).walk(groups)
    if isinstance(walked, Skip):
        return walked
    planned = _planned(stage, tail, groups, written, resolved, arguments, ref, kind, passes, read_context,
                       dict(image_map or {}), walked)
    if walked.deferred is None or (isinstance(planned, Skip) and planned.no_gain):
        return planned
    return walked.deferred


def _planned(stage: Stage, tail: tuple[Blank | Comment, ...], groups: list[Group], written: str, resolved: str,
             arguments: tuple[tuple[str, str], ...], ref: ImageRef, kind: str, passes: tuple[Pass, ...],
             read_context: ContextReader, image_map: dict[str, str], walked: Walked) -> Plan | Skip:
    """The plan of a walked stage (make_plan's reading of the file before the walk, and the walk), or why the file
    is left alone."""
    first = {posixpath.basename(line[0] or "") for line in image_lines(d.group.inst for d in walked.decisions) if line}
    runs = commands_run(walked.decisions, read_context, walked.copied, python=kind == "python",
                        node=kind == "node" or bool(first & _NODE_COMMANDS), go=kind == "go")
    runs += [r for r in checkouts_run(walked.decisions, walked.artifacts) if r[0] not in dict(runs)]
    unread = unread_scripts_run(walked.decisions, read_context, walked.copied)
    left = _build_tools_left(walked, runs, unread)
    if isinstance(left, Skip):
        return left
    walked = left
    runner = _test_runner_installed(walked)
    if runner is not None:
        return runner
    release, walked = _floating_release(ref, _apt_release(_release(resolved), walked.decisions), walked)
    codename = release.codename if release is not None else None
    programs = unread_programs_run(walked.decisions, walked.artifacts, read_context, walked.copied)
    walked, kept = _kept_build_packages(walked, runs, release, unread, programs)
    python = _gyp_python_left_out(walked, kind, runs, unread, programs, read_context)
    # (git: installed after the build)
    decided = _Decided(kept, (_git_left_out(walked, runs, unread, programs) | python) - kept)
    walked = _gyp_python_note(walked, python - kept)
    decided, walked = _certificates_of_git(decided, walked)
    pkgs = decided.applied(runtime_packages(walked.package_ops, codename, resolved, kept=kept,
                                            left_out=decided.left_out))
    if pkgs.deps_left and _autoremoves(walked.decisions):
        pkgs = dataclasses.replace(pkgs, deps_left=())
    pkgs, walked = _recommended(pkgs, walked, codename)
    walked = _git_config_without_git(walked, pkgs, runs, resolved)
    finish = _finish(passes, _facts(ref, kind, walked, pkgs, read_context, codename))
    finish = _node_for_python_assets(finish, kind, pkgs, runs, [*unread, *programs], read_context)
    if finish.skip:
        return Skip(finish.skip)
    finish, walked = _more_artifacts(finish, walked)
    whole = next((a for a in finish.artifacts or walked.artifacts if a.path == "/"), None)
    if whole is not None:
        return _in_root(whole, walked)
    spec = ImageSpec(written, resolved, arguments, ref.is_alpine, image_map)
    choice, pkgs, finish = _runtime(spec, walked, pkgs, finish, runs, decided, release)
    if choice.missing:  # what stages could not repeat matters only where they would gain something
        return _no_gain(walked, pkgs, choice, written, finish.kind or kind, finish.cleans,
                        _drops(finish, pkgs)) or Skip(choice.missing)
    kind = finish.kind or kind
    choice, static = _static_choice(choice, kind, ref, walked, read_context) \
        if not image_map and not finish.by_ldd else (choice, ())
    choice, finish = _certificates_copied(choice, finish, walked)
    finish = _zoneinfo_copied(choice, finish, walked, ref, kind)
    skip = _no_gain(walked, pkgs, choice, written, kind, finish.cleans, _drops(finish, pkgs)) \
        or _unresolved(choice, spec) or _base_user_lost(groups, resolved, choice.image)
    if skip is not None:
        return skip
    if finish.skip_if_gain:
        return Skip(finish.skip_if_gain)
    plan = _with_ldd(_plan(stage, tail, written, kind, walked, pkgs, finish, choice), finish, pkgs, resolved)
    if isinstance(plan, Skip):
        return plan
    newer = None if static else _newer_libstdcxx(ref, choice.image)
    if newer is not None:
        plan = _with_gcc_runtime(plan, newer)
    plan = _on_archived_release(plan, walked)
    if isinstance(plan, Skip):
        return plan
    reads = go_files_read(walked.copied, read_context) if kind == "go" else []
    files = run_time_files(plan.decisions, kind, plan.last_build, plan.artifacts, read_context, reads)
    notes = (*plan.notes, *_unread_copies_note(unread_copies(plan.decisions, kind, plan.last_build, plan.artifacts,
                                                              read_context)),
             *_copies_without_data_note(copies_without_data(plan.decisions, kind, plan.last_build, plan.artifacts,
                                                            read_context, files)),
             *_unread_on_another_image(unread or programs, resolved, plan.runtime_image, plan.dropped_packages))
    return dataclasses.replace(plan, static_link=static, base_env=_base_env(resolved),
                               runtime_base_env=_base_env(choice.image),
                               base_workdir=_base_workdir(resolved), runtime_workdir=_base_workdir(choice.image),
                               run_time_files=files, notes=notes, apt_release=codename)


_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def _on_archived_release(plan: Plan, walked: Walked) -> Plan | Skip:
    """``plan`` for a runtime whose release is no longer where its apt sources point (python:2.7-slim on buster,
    node:10-slim on stretch: deb.debian.org answers 404), where the file runs no apt itself (the original built
    there): the libraries the builder finds with ldd are copied from the builder, of the same release, rather than
    installed with an `apt-get update` that would fail; a Skip where the runtime would install packages by name."""
    if plan.package_manager != "apt" or not (plan.packages or plan.ldd_folders) \
            or any(op.manager == "apt" for op in walked.package_ops):
        return plan
    release = archived_release(plan.runtime_image)
    if release is None:
        return plan
    if not plan.packages:
        notes = tuple(n.replace(LISTED_INSTALLED, LISTED_COPIED) for n in plan.notes)
        return dataclasses.replace(plan, libraries=Libraries.COPIED, notes=(*notes, (
            f"the runtime {plan.runtime_image} is on {release}, whose packages apt no longer finds where the image's "
            f"sources point (moved to the archive): the builder, of the same release, copies the packages of the "
            f"shared libraries the runtime's files link to (their files, with their plugins and data packages), which "
            f"the runtime copies to /, rather than naming them for an `apt-get update` that would fail; a program or "
            f"configuration of another package that the app uses is not copied")))
    return Skip(f"the runtime {plan.runtime_image} would install {', '.join(plan.packages)} with apt, and the file "
                f"runs no apt itself: {plan.runtime_image} is on {release}, whose packages apt no longer finds where "
                "the image's sources point (moved to the archive), so that `apt-get update` would fail where the "
                "original builds")


def _certificates_copied(choice: RuntimeChoice, finish: Finish, walked: Walked) -> tuple[RuntimeChoice, Finish]:
    """Where the runtime would run apt only to install ca-certificates, on a release apt no longer finds
    (golang:1.10 -> debian:stretch-slim, whose `apt-get update` fails today while the original ran no apt): the
    builder's CA bundle, which Go's crypto/x509 reads first, copied instead."""
    if choice.certificates is None or choice.packages != ("ca-certificates",) or not archived_debian(choice.image) \
            or finish.by_ldd:  # the runtime runs apt anyway, for what the builder lists
        return choice, finish
    bundle = Artifact(_CA_BUNDLE, reason=f"the builder's CA certificates: {choice.image}'s release is no longer on "
                                         "deb.debian.org, where apt would install ca-certificates")
    artifacts = finish.artifacts if finish.artifacts is not None else walked.artifacts
    return choice.without_certificates(), dataclasses.replace(finish, artifacts=(*artifacts, bundle))


# the time zone database Go's time package falls back to, under the official golang images' GOROOT
GO_ZONEINFO = "/usr/local/go/lib/time/zoneinfo.zip"
# Debian's releases whose images have tzdata (required before trixie)
_TZDATA_RELEASES = re.compile(r"\b(wheezy|jessie|stretch|buster|bullseye|bookworm|[7-9]|1[0-2])\b")


def _more_artifacts(finish: Finish, walked: Walked) -> tuple[Finish, Walked]:
    """``finish`` and ``walked`` with what the passes' finishing steps copy besides the build artifacts
    (Finish.more_artifacts: the packages npx fetched at build time, which the image's command runs) among the
    artifacts the runtime copies: the build's, or those a pass copies instead."""
    more = finish.more_artifacts
    if not more:
        return finish, walked
    if finish.artifacts is not None:
        return dataclasses.replace(finish, artifacts=(*finish.artifacts, *more), more_artifacts=()), walked
    return dataclasses.replace(finish, more_artifacts=()), dataclasses.replace(
        walked, artifacts=(*walked.artifacts, *more))


def _zoneinfo_copied(choice: RuntimeChoice, finish: Finish, walked: Walked, ref: ImageRef, kind: str) -> Finish:
    """``finish`` with the Go toolchain's time zone database copied to its path in a runtime that has neither the
    toolchain nor (alpine, scratch, a slim Debian from trixie on) tzdata: in the golang image, a binary's
    time.LoadLocation finds the zone there, at its GOROOT's lib/time/zoneinfo.zip, where the system has none
    (read28 702a: golang:*-alpine to alpine:3, 11 dev files). Distroless images have tzdata."""
    runtime = ImageRef.parse(choice.image)
    if kind != "go" or ref.repo != "golang" or ref.registry or choice.image.startswith("gcr.io/distroless/") \
            or runtime.repo == "golang" or (runtime.repo == "debian" and _TZDATA_RELEASES.search(runtime.tag or "")):
        return finish
    artifacts = finish.artifacts if finish.artifacts is not None else walked.artifacts
    if not artifacts or any(a.path == GO_ZONEINFO for a in artifacts):
        return finish
    zones = Artifact(GO_ZONEINFO, reason="the time zone database the golang image's Go falls back to (its GOROOT's), "
                                         f"which {choice.image} lacks: a binary's time.LoadLocation reads it there")
    return dataclasses.replace(finish, artifacts=(*artifacts, zones))


def _static_choice(choice: RuntimeChoice, kind: str, ref: ImageRef, walked: Walked,
                   read_context: ContextReader) -> tuple[RuntimeChoice, tuple[int, ...]]:
    """``choice``, or scratch where the build's compiler steps can link its program statically (:func:`_static`),
    with those steps."""
    bare = choice.without_certificates()  # a program of the C library alone makes no TLS connection of its own
    static = _static(kind, ref, walked, bare, read_context)
    if not static:
        return choice, ()
    return dataclasses.replace(bare, image="scratch", notes=(*bare.notes, _STATIC_NOTE)), static


def _runtime(spec: ImageSpec, walked: Walked, pkgs: PackageSet, finish: Finish, runs: list[tuple[str, str]],
             decided: _Decided, release: Release | None) -> tuple[RuntimeChoice, PackageSet, Finish]:
    """The runtime the tool chooses, with the packages and finish it goes with: on a release the data do not know,
    the libraries they could only guess are listed by the builder instead (ldd), where it can."""
    ref = ImageRef.parse(spec.resolved)
    named = _by_ldd_finish(_guesses_named(finish), pkgs, ref)
    choice = choose(spec, walked, pkgs, named, runs)
    folders = _made_folders(walked, named)
    if folders:  # `RUN mkdir data` alone keeps a Go program off distroless: the builder's empty folder serves
        copied = dataclasses.replace(named, artifacts=(*(named.artifacts if named.artifacts is not None
                                                         else walked.artifacts), *folders))
        bare = choose(spec, walked, pkgs, copied, runs)
        if bare.image != choice.image and not bare.missing and not bare.packages:
            choice, named = bare, copied
    guesses = (*pkgs.guessed, *(d for _, d in finish.guessed))
    artifacts = finish.artifacts if finish.artifacts is not None else walked.artifacts
    if not guesses or choice.missing or isinstance(_by_ldd(guesses, spec.resolved, choice.image, artifacts), Skip):
        return choice, pkgs, named
    pkgs = decided.applied(runtime_packages(walked.package_ops, release.codename if release is not None else None,
                                            spec.resolved, listed=True, kept=decided.kept, left_out=decided.left_out))
    finish = _by_ldd_finish(dataclasses.replace(finish, guessed=()), pkgs, ref,
                            tuple(listed_instead(d) for _, d in finish.guessed))
    return choose(spec, walked, pkgs, finish, runs), pkgs, finish


def _made_folders(walked: Walked, finish: Finish) -> tuple[Artifact, ...]:
    """The folders `mkdir` makes, as root, where that is all the setup the runtime would repeat (no copied folder
    carries it), each as an artifact the runtime copies from the builder (an empty folder, or what the build put
    there, as the original has it): a runtime with no shell (distroless, scratch) can then have them. () when
    another setup is left to repeat, or a path is not known."""
    artifacts = finish.artifacts if finish.artifacts is not None else walked.artifacts
    found: list[Artifact] = []
    for k, d in enumerate(walked.decisions):
        for c, cl in zip(d.commands, d.claims, strict=True):
            if cl.role is not Role.SETUP or carried(c, d.workdir, artifacts, cl.paths, k <= walked.last_build):
                continue
            if c.name != "mkdir" or d.user not in (None, "", "root", "0") or not cl.paths \
                    or any(a is None or (a.startswith("-") and a not in _PLAIN_MKDIR) for a in c.args) \
                    or any("$" in p or not p.startswith("/") or p == "/" for p in cl.paths):
                return ()  # `mkdir -m 777 /data`: a copy of the folder would not keep its own mode
            paths = [posixpath.normpath(p) for p in cl.paths]
            if any(_filled(walked, k, p, artifacts) for p in paths):
                return ()
            found += [Artifact(p, reason=f"the folder `mkdir` makes at line {d.group.inst.start_line}, copied: the "
                                         "runtime has no shell to make it", whole_dir=True) for p in paths]
    return tuple(dict.fromkeys(found))


# mkdir's options that change nothing of the folders it makes
_PLAIN_MKDIR = frozenset({"-p", "--parents", "-v", "--verbose"})


def _filled(walked: Walked, k: int, path: str, artifacts: Sequence[Artifact]) -> bool:
    """Whether something but the `mkdir` of decision ``k`` may put files in ``path``, which a copy of the folder
    would bring (sources, a build cache): a COPY into it or a WORKDIR in it (before or after), a build output in it,
    an instruction that names it (a RUN that writes there, an ENV that points a cache at it: GOCACHE)."""
    if any(inside(a.path, path) or inside(a.target, path) for a in artifacts):
        return True
    for j, d in enumerate(walked.decisions):
        inst = d.group.inst
        if j == k:
            continue
        named = path in inst.original or re.search(rf"(?<![\w.-]){re.escape(posixpath.basename(path))}(?![\w.-])",
                                                   inst.original)  # by its name, from the folder it is in
        if named or (inst.cmd in ("workdir", "copy", "add") and inside(d.workdir, path)):
            return True
        if inst.cmd in ("copy", "add") and inst.value and ("$" in inst.value[-1] or  # a place not known
                                                           inside(posixpath.normpath(posixpath.join(
                                                               d.workdir, inst.value[-1])), path)):
            return True
    return False


def _official_repo(ref: ImageRef) -> bool:
    """Whether the image is one of Docker Hub's official repositories (a tag the data do not hold: r-base:3.5.0),
    whose WORKDIR, where they set one, does not change from tag to tag."""
    return not ref.registry and "/" not in ref.repo and "$" not in ref.repo


def _with_ldd(plan: Plan, finish: Finish, pkgs: PackageSet, resolved: str) -> Plan | Skip:
    """``plan`` with the folders whose libraries the builder lists (ldd) for the runtime, where the finish asks for
    them; a Skip where they cannot be found."""
    if not finish.by_ldd:
        return plan
    found = _by_ldd(finish.by_ldd, resolved, plan.runtime_image, plan.artifacts)
    if isinstance(found, Skip):
        return found
    apk = pkgs.manager == "apk"  # on Alpine only what the outputs link is listed (linked.py)
    return dataclasses.replace(plan, ldd_folders=found, ldd_skipped=_image_folders(resolved, found),
                               ldd_devs=() if apk else tuple(d.dev for d in unnamed(pkgs.fallbacks)),
                               ldd_staged=_copied_to_root(plan.artifacts))


def _copied_to_root(artifacts: tuple[Artifact, ...]) -> tuple[str, ...]:
    """The folders the runtime copies to / (a staged install's /opt/staged): the builder, which ran the install
    too, finds their libraries where the runtime gets the copies (/usr/lib), which no package may own."""
    return tuple(dict.fromkeys(a.path.rstrip("/") for a in artifacts if a.target == "/" and a.path.rstrip("/")))


def _in_root(whole: Artifact, walked: Walked) -> Skip:
    """Why a build whose outputs lie in / (an app built with no WORKDIR, an archive unpacked there whose folder is
    not known) is left alone, naming the command and its line."""
    found = next(((d.group.inst.start_line, cmd) for d in walked.decisions
                  for cmd, claim in zip(d.commands, d.claims, strict=True) if whole in claim.artifacts), None)
    where = f"RUN at line {found[0]}: " if found else ""
    by = f", by `{' '.join(w.text for w in found[1].argv)[:60]}`" if found else ""
    hint = "" if whole.unnamed else " (a WORKDIR for the app would give its outputs a folder of their own)"
    return Skip(f"{where}the build leaves outputs in / ({whole.reason}{by}): they cannot be told apart from the "
                f"system's files, and / cannot be copied whole{hint}", found[0] if found else 0)


def _guesses_named(finish: Finish) -> Finish:
    """``finish`` with the run-time libraries its passes could only guess (Finish.guessed) installed by name."""
    return dataclasses.replace(
        finish, guessed=(),
        runtime_packages=tuple(dict.fromkeys((*finish.runtime_packages,
                                              *(p for _, d in finish.guessed for p in d.packages)))),
        notes=(*finish.notes, *(f"{what} is built against {d.dev}: {d.explain()}" for what, d in finish.guessed)))


def _by_ldd_finish(finish: Finish, pkgs: PackageSet, ref: ImageRef, listed: tuple[DevRuntime, ...] = ()) -> Finish:
    """``finish`` with the -dev packages whose libraries the builder lists (ldd): those the file installs whose
    libraries the data cannot name, or only guess (``pkgs`` made with ``listed``), unless a pass said so already,
    and the passes' guesses given up for the list (``listed``)."""
    installed = tuple(d for d in unnamed(pkgs.fallbacks) if d.dev not in {f.dev for f in finish.by_ldd})
    fresh = (*installed, *listed)
    return dataclasses.replace(finish, by_ldd=(*installed, *finish.by_ldd, *listed), notes=(
        *finish.notes, *((by_ldd_note(fresh, ref.shown, manager=pkgs.manager),) if fresh else ())))


def _single_stage(tree: Dockerfile) -> Stage | Skip:
    if not tree.stages:
        return Skip("the file has no FROM")
    if len(tree.stages) > 1:
        return Skip("already multi-stage")
    stage = tree.stages[0]
    if stage.from_.flags and any(not f.startswith("--platform=") for f in stage.from_.flags):
        return Skip("FROM has flags the tool does not know", stage.from_.start_line)
    if stage.base_image == "scratch":
        return Skip("the base image is scratch: nothing to slim")
    return stage


_DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _base_env(image: str) -> tuple[tuple[str, str], ...]:
    """The ENV an image gives what is built on it (Docker's default PATH for an image the data do not know)."""
    base = inherited(image)
    if base is None:
        return (("PATH", _DEFAULT_PATH),)
    return tuple((k, v) for k, v in base.env if k not in base.versioned_env)


_STATIC_NOTE = ("the program is linked statically in the builder (-static: it uses only the C library, and none "
                "of what a static glibc cannot serve), so the runtime is scratch")


# the GCC whose libstdc++ each Debian release ships (libstdc++6): a C++ program an official gcc image of a newer
# major version builds links that image's own libstdc++ (/usr/local/lib64), with symbols the release's may lack
_RELEASE_GCC = {"buster": 8, "bullseye": 10, "bookworm": 12, "trixie": 14}

# the GCC majors whose libstdc++ brought a symbol version that common code needs, and what needs it: GCC 11's
# std::allocator calls std::__throw_bad_array_new_length (GLIBCXX_3.4.29; any std::vector built without
# optimisation), GCC 13's <iostream> calls std::ios_base_library_init (GLIBCXX_3.4.32), GCC 14 ends a noexcept
# function that calls code which may throw with __cxa_call_terminate (CXXABI_1.3.15)
_NEEDED_SYMBOLS = {11: ("GLIBCXX_3.4.29", "std::vector built without optimisation"),
                   13: ("GLIBCXX_3.4.32", "<iostream> alone"),
                   14: ("CXXABI_1.3.15", "a noexcept function that calls code which may throw")}


def _newer_libstdcxx(ref: ImageRef, runtime: str) -> str | None:
    """Why a dynamically linked build of an official gcc image needs that image's own libstdc++: it has a symbol
    version that common code needs and the runtime's Debian release (of an older GCC) lacks (gcc:11 on bullseye,
    GCC 10's; gcc:13 and gcc:14 on bookworm, GCC 12's), or the tag names no GCC version; None when the release's
    serves."""
    version = re.match(r"^(\d+)", ref.tag)
    release = release_of(runtime)
    system = _RELEASE_GCC.get(release.codename) if release is not None else None
    if ref.repo != "gcc" or system is None:
        return None
    if version is None:
        return _moving_gcc(ref, runtime, system)
    needed = [_NEEDED_SYMBOLS[k] for k in sorted(_NEEDED_SYMBOLS) if system < k <= int(version.group(1))]
    if not needed:
        return None
    symbol, user = needed[-1]
    return (f"gcc:{ref.tag} builds with GCC {version.group(1)}, whose libstdc++ (in /usr/local/lib64) is newer than "
            f"the one of {runtime} (GCC {system}'s): a C++ program it builds needs symbols that runtime lacks ({user} "
            f"needs {symbol})")


# the run-time libraries of GCC a C or C++ program links: libstdc++, libgcc_s, OpenMP's libgomp (`-fopenmp`) and
# libatomic (`-latomic`), whose symbols a newer GCC's program may need too (rp23gcc: the ldd list skips /usr/local)
_GCC_LIBRARIES = ("libstdc++.so.6", "libgcc_s.so.1", "libgomp.so.1", "libatomic.so.1")


def _with_gcc_runtime(plan: Plan, newer: str) -> Plan:
    """``plan`` where the runtime's Debian release has an older libstdc++ than the official gcc image's GCC (gcc:14
    on bookworm, gcc:latest): the builder gathers its GCC's own run-time libraries (_GCC_LIBRARIES) from
    /usr/local/lib64, with the loader's configuration the gcc image has for that folder, into GCC_RUNTIME, which the
    runtime copies to / and lists with ldconfig, as the gcc image does (rp22c TNG-Blue/Server,
    dashrendar102/my_library: gcc:latest, skipped; by hand 976 -> 164 MB and 853 -> 167 MB, the same runs). An image
    without that folder (a look-alike on Debian's own GCC) leaves the folder empty, and the system's libstdc++
    serves. ``newer``: why, said in the builder's note."""
    libs = f"{GCC_RUNTIME}/usr/local/lib64"
    sources = " ".join(f"/usr/local/lib64/{lib}" for lib in _GCC_LIBRARIES)
    gather = (f"mkdir -p {libs} {GCC_RUNTIME}/etc/ld.so.conf.d && {{ cp -L {sources} {libs}/ 2>/dev/null || true; }} "
              f"&& echo /usr/local/lib64 > {GCC_RUNTIME}/etc/ld.so.conf.d/000-local-lib.conf")
    why = f"{newer}: the runtime takes that GCC's libstdc++, libgcc_s, libgomp and libatomic"
    copied = Artifact(GCC_RUNTIME + "/", "/", "GCC's libstdc++, libgcc_s, libgomp and libatomic, and the loader's "
                                              "configuration of /usr/local/lib64", loader_cache=True)
    return dataclasses.replace(plan, builder_after=(*plan.builder_after, (gather, why)),
                               artifacts=(*plan.artifacts, copied))


def _moving_gcc(ref: ImageRef, runtime: str, system: int) -> str:
    """Why an official gcc image whose tag names no GCC version (gcc:latest, plain gcc) needs its own libstdc++: the
    newest GCC, whose libstdc++ is newer than the runtime's release's as soon as a GCC after its own is out, and
    which moves on to each new GCC while the runtime's release stays."""
    return (f"gcc:{ref.tag or 'latest'} names no GCC version: it is the newest GCC, built on {runtime}'s release, "
            f"whose libstdc++ (in /usr/local/lib64) is newer than that release's (GCC {system}'s) from the next GCC "
            "on, and moves on with each: a C++ program it builds comes to need symbols the release's lacks (GCC 11, "
            "13 and 14 each brought one that common code needs)")


def _static(kind: str, ref: ImageRef, walked: Walked, choice: RuntimeChoice,
            read_context: ContextReader) -> tuple[int, ...]:
    """The compiler steps to link statically, when the runtime can then be scratch: a C/C++ program built by
    compiler commands alone, run in exec form, with nothing installed or set up in the runtime, no named USER
    (scratch has no user database), no HEALTHCHECK (nothing to run it with), no command of the system run by the
    CMD or ENTRYPOINT (``tail``: scratch has none); () when not."""
    if kind != "native" or ref.is_alpine or choice.packages or any(a.whole_dir for a in walked.artifacts) \
            or file_installs(walked.decisions) or system_commands(walked.decisions):
        return ()
    for d in walked.decisions:
        inst = d.group.inst
        if (inst.cmd == "run" and d.where in (Where.BOTH, Where.RUNTIME)) or inst.cmd == "healthcheck" \
                or (inst.cmd in ("cmd", "entrypoint") and not inst.json) \
                or (inst.cmd == "user" and not all(p.isdigit() for p in (d.user or "x").split(":"))):
            return ()
    return static_links(walked.decisions, read_context) if walked.has_cmd else ()


def _by_ldd(found: tuple[DevRuntime, ...], builder: str, runtime: str,
            artifacts: tuple[Artifact, ...]) -> tuple[str, ...] | Skip:
    """The folders the builder runs ldd over (those the runtime copies), or the named skip of ``found`` when
    it cannot: the runtime is not on the builder's release (its apt would not have the packages the builder
    names), or what it copies is not known folder by folder."""
    paths = tuple(dict.fromkeys(a.path.rstrip("/") or "/" for a in artifacts))
    folders = tuple(f for f in paths if not any(f.startswith(o.rstrip("/") + "/") for o in paths if o != f))
    if not folders or not _same_release(builder, runtime) or any(a.unnamed for a in artifacts) \
            or not all(can_scan(f) for f in folders):
        ref = ImageRef.parse(builder)  # where the release is the cause: one Alpine's or gcc's tag does not tell
        other = (ref.is_alpine or ref.repo == "gcc") and folders and not _same_release(builder, runtime)
        if found[0].source is LibrarySource.KEPT_BY_COMPILER:  # (its why is no cause to leave the file alone)
            cause = ("the runtime copies no folder of the build's" if not folders else
                     f"{runtime} is not known to be on the builder's release" if not _same_release(builder, runtime)
                     else "what the runtime copies is not known folder by folder")
            return Skip(f"{found[0].why}: the builder would list what the copied outputs link (ldd), but {cause}")
        return Skip(found[0].why + (f"; and the runtime, {runtime}, is not known to be on the builder's release, "
                                    "so the builder cannot list the libraries for it" if other else ""))
    return folders


def _same_release(builder: str, runtime: str) -> bool:
    """Whether ``runtime`` is ``builder`` or its family's slim variant, or the slim Debian image of the release
    ``builder``'s chain of bases ends on: the same release, whichever it is."""
    if runtime == builder:
        return True
    if ImageRef.parse(builder).is_alpine:
        alpine = alpine_release(builder)
        return alpine is not None and alpine != NEWEST_ALPINE and alpine_release(runtime) == alpine
    b, r = ImageRef.parse(builder), ImageRef.parse(runtime)
    words = [w for w in r.tag.split("-") if w != "slim"]
    tag = "" if b.tag == "latest" else b.tag  # elixir:latest's slim variant is elixir:slim
    if (b.registry, b.repo, b.digest) == (r.registry, r.repo, r.digest) and words == [w for w in tag.split("-") if w]:
        return True
    if r.repo in ("debian", "ubuntu") and not r.registry:
        release = next((ImageRef.parse(c).tag.split("-")[0] for c in (*chain(builder), builder)
                        if ImageRef.parse(c).repo in ("debian", "ubuntu", "buildpack-deps")
                        and not ImageRef.parse(c).registry), None)
        if release is None:  # the data of official images hold no gcc: its tag's release
            release = gcc_release_name(builder)
        if r.repo == "debian" and release in ("latest", ""):  # debian:latest is the stable release (stable-slim)
            release = "stable"
        return release is not None and r.tag.split("-")[0] == release
    return False


def _image_folders(builder: str, scanned: tuple[str, ...]) -> tuple[str, ...]:
    """The folders with files of the builder image's own (a language image's /usr/local: libruby, libpython, which
    its slim variant has too), whose libraries dpkg does not know: the builder does not look them up. An image
    whose /usr/local is empty, or that the data do not know, has them looked up, so that a library the build put
    there and the runtime does not copy fails the build instead of the program."""
    ref = ImageRef.parse(builder)
    own = family_of(ref) is not None and not ref.registry and ref.repo not in data("images.json")["usr_local_empty"]
    return ("/usr/local",) if own and "/usr/local" not in scanned else ()


# the users an image family makes for its own use (gradle's gradle, node's node, .NET 8's app), by repository
_BASE_USERS: dict[str, frozenset[str]] = {
    "gradle": frozenset({"gradle"}), "node": frozenset({"node"}),
    **{f"mcr.microsoft.com/dotnet/{r}": frozenset({"app"}) for r in ("sdk", "aspnet", "runtime", "runtime-deps")},
}


def image_users(image: str) -> frozenset[str]:
    """The users :data:`_BASE_USERS` knows ``image`` or one of its bases to make."""
    found: set[str] = set()
    for name in (image, *chain(image)):
        ref = ImageRef.parse(name)
        found |= _BASE_USERS.get(f"{ref.registry}/{ref.repo}" if ref.registry else ref.repo, frozenset())
    return frozenset(found)


def _base_user_lost(groups: list[Group], builder: str, runtime: str) -> Skip | None:
    """A USER the builder's base image makes (gradle's gradle) that the runtime's image, of another family, does
    not have: the runtime would start as a user its /etc/passwd does not know, and the container fails."""
    lost = image_users(builder) - image_users(runtime)  # the file cannot make them again: they are there
    for g in groups:
        if g.inst.cmd == "user" and g.inst.value and (name := g.inst.value[0].split(":")[0]) in lost:
            return Skip(f"USER at line {g.inst.start_line}: {name} is a user the base image {builder} makes, "
                        f"which the runtime image {runtime} does not have")
    return None


def _base_workdir(image: str) -> str:
    """The WORKDIR an image gives what is built on it ("/" for an image the data do not know)."""
    base = inherited(image)
    return base.workdir or "/" if base is not None else "/"


# `echo "deb http://archive.ubuntu.com/ubuntu precise main universe" > /etc/apt/sources.list`: the file's apt reads
# another release's package lists than its image's (not `>>`, which adds them to the image's own)
_SOURCES_REPLACED = re.compile(r"(?<![>\w])>\s*/etc/apt/sources\.list(?![\w./-])")
_DEB_SUITE = re.compile(r"\bdeb\s+(?:\[[^\]]*\]\s+)?\S+\s+([a-z]+)")


def _apt_release(release: Release | None, decisions: Sequence[Decision]) -> Release | None:
    """The release whose packages apt installs: the image's, unless a RUN replaces /etc/apt/sources.list with the
    lists of another (``FROM ubuntu`` then precise's, as written when ubuntu was precise; dev file 574886a98fca):
    then that one where the data know it, else None (the run-time libraries' names are not known there)."""
    for d in decisions:
        inst = d.group.inst
        text = " ".join(inst.value) if inst.cmd == "run" else ""
        suites = set(_DEB_SUITE.findall(text)) if _SOURCES_REPLACED.search(text) else set()
        if suites and (release is None or suites != {release.codename}):
            known = [r for r in Release if r.codename in suites]
            release = known[0] if len(suites) == 1 and known else None
    return release


def _floating_release(ref: ImageRef, release: Release | None, walked: Walked) -> tuple[Release | None, Walked]:
    """The release of a floating tag (``ubuntu``, ``debian:latest``), unless the file installs a -dev package that
    release no longer has and an older one had: written for what the tag was then, its packages' run-time libraries
    are named as they were there, which the data cannot tell (read21, dev 54fd4f53: python-dev and ruby1.9.1 with
    libpng-dev under ubuntu:latest, then taken as noble, whose libpng16-16t64 trusty never had). None: not known."""
    if release is None or ref.repo not in ("ubuntu", "debian") or ref.tag not in ("", "latest") or ref.registry:
        return release, walked
    names = [package_name(p) for op in walked.package_ops if op.manager == "apt" and op.action == "install"
             for p in op.packages]
    older = of_another_release(names, release.codename)
    taken = f"{ref.shown} is {release.codename} today"
    if older is None:
        return release, walked
    note = (f"{taken}, which has no {older} (an older release had it): the file was written when the tag named "
            "another release, whose package names the tool takes as not known")
    return None, dataclasses.replace(walked, notes=(*walked.notes, note))


def _release(image: str) -> Release | None:
    """The Debian/Ubuntu release an image is built on: for an official image, that of the distribution its
    chain of bases ends on (node:8 is built on stretch); else what the tag says."""
    found, release = chain_release(image)
    return release if found else release_of(image)


def _facts(ref: ImageRef, kind: str, walked: Walked, pkgs: PackageSet, read_context: ContextReader,
           release: str | None) -> StageFacts:
    decisions = tuple(DecisionFacts(d.group.inst, d.role, d.claims, d.commands, d.workdir, d.user)
                      for d in walked.decisions)
    runs = image_lines(d.group.inst for d in walked.decisions)
    return StageFacts(ref, kind, decisions, runs, walked.artifacts, pkgs.keep, read_context, release, walked.copied)


def _finish(passes: tuple[Pass, ...], facts: StageFacts) -> Finish:
    """The passes' finishing steps folded into one."""
    found = [f for p in passes if (f := p.finish(facts)) is not None]
    skip = next((f.skip for f in found if f.skip), None)
    image = next((f.runtime_image for f in found if f.runtime_image), None)
    kind = next((f.kind for f in found if f.kind), None)
    artifacts = next((f.artifacts for f in found if f.artifacts is not None), None)
    return Finish(
        skip=skip, skip_if_gain=next((f.skip_if_gain for f in found if f.skip_if_gain), None),
        runtime_image=image, kind=kind, artifacts=artifacts,
        builder_after=tuple(dict.fromkeys(s for f in found for s in f.builder_after)),
        after_notes=tuple(dict.fromkeys(n for f in found for n in f.after_notes)),
        runtime_packages=tuple(dict.fromkeys(p for f in found for p in f.runtime_packages)),
        needs_libc=any(f.needs_libc for f in found),
        drop_packages=tuple(p for f in found for p in f.drop_packages),
        notes=tuple(n for f in found for n in f.notes),
        by_ldd=tuple(dict.fromkeys(d for f in found for d in f.by_ldd)),
        guessed=tuple(dict.fromkeys(g for f in found for g in f.guessed)),
        more_artifacts=tuple(dict.fromkeys(a for f in found for a in f.more_artifacts)),
        cleans=tuple(dict.fromkeys(c for f in found for c in f.cleans)),
        no_tls_roots=any(f.no_tls_roots for f in found),
    )


# a toolchain's folder, with its version if any (apache-maven-3.9.6, gradle-8.5, golang1.21); not a program the build
# names after one (`go build -o /golang-demo`, /app/ant-colony)
_TOOLCHAIN = re.compile(r"^(apache-)?(maven|gradle|ant|sbt)([-.]?\d.*)?$|^go$|^golang([-.]?\d[\d.]*)?$|^(open)?jdk"
                        r"|^llvm|^clang|^cmake-|^\.?(cargo|rustup)$|^android-sdk|^flutter$")


def _toolchain(artifacts: tuple[Artifact, ...], workspace: str = "") -> str | None:
    """A build tool the runtime would copy (a downloaded Maven, Go or JDK): the image is a toolchain. What the
    build leaves in the Go workspace (``go build`` in golang's /go, ``go get`` into GOPATH=/opt/go) is not one."""
    for a in artifacts:
        if workspace and inside(a.path, workspace):
            continue
        parts = a.path.strip("/").split("/")
        if parts[:1] == ["home"] and len(parts) == 2:
            continue  # a user's home as the app's folder (gradle's WORKDIR /home/gradle), not a tool named like it
        if not a.whole_dir and parts[-2:-1] == ["bin"] and not _TOOLCHAIN.match(parts[-1]):
            continue  # one program a tool installed into its bin folder (`cargo install --path .`), not the tool
        if _TOOLCHAIN.match(parts[-1]) or (parts[:2] in (["usr", "local"],) and len(parts) > 2
                                            and _TOOLCHAIN.match(parts[2])) or (
                parts[:1] == ["opt"] and len(parts) > 1 and _TOOLCHAIN.match(parts[1])):
            return a.path
    return None


# the home of a Debian/Ubuntu OpenJDK 8 or older, as its JDK packages lay it out (java-8-openjdk-amd64,
# java-1.8.0-openjdk-amd64): without /jre at its end it is the JDK's, whose bin/ only the JDK packages fill
_OLD_JDK_HOME = re.compile(r"^/usr/lib/jvm/java-(?:1\.)?([5-8])(?:\.0)?-openjdk(?:-[a-z0-9]+)?/?$")


def _jdks_java_home_names(walked: Walked) -> frozenset[str]:
    """The OpenJDK packages the runtime keeps as written: ENV JAVA_HOME names the home of a Java 8 or older JDK,
    where the JRE the tool would install in its place has no bin/java (its home is that folder's jre/, as
    docker-library's openjdk:8-jre sets JAVA_HOME; Tomcat's and Hadoop's scripts run $JAVA_HOME/bin/java)."""
    versions = set()
    for d in walked.decisions:
        inst = d.group.inst
        for key, value in env_pairs(inst) if inst.cmd == "env" else ():
            m = _OLD_JDK_HOME.match(expand(value, ())) if key == "JAVA_HOME" else None
            versions |= {m.group(1)} if m else set()
    return frozenset(f"openjdk-{v}-{kind}" for v in versions for kind in ("jdk", "jdk-headless"))


def _kept_build_packages(walked: Walked, runs: list[tuple[str, str]], release: Release | None,
                         unread: Sequence[tuple[str, str]] = (),
                         programs: Sequence[tuple[str, str]] = ()) -> tuple[Walked, frozenset[str]]:
    """The build-only packages the file installs that the runtime keeps all the same, with a note for each: the
    JDK ENV JAVA_HOME names, and the providers of commands the image runs (``runs``, :func:`commands_run`; the
    scripts it runs that the tool cannot read, ``unread``, may run Alpine's git)."""
    installed = _installed_names(walked)
    jdks = _jdks_java_home_names(walked)
    walked = _noted_jdks(walked, jdks & installed)
    tools = {p: why for p, why in build_tools_run(runs, release).items() if p in installed}
    tools |= {p: why for p, why in _installed_family(runs, installed, release).items() if p not in tools}
    apk = {op.manager for op in walked.package_ops} == {"apk"}
    left = left_installed(walked.package_ops)  # not what a later RUN removes (`apk del gcc git`)
    # Alpine's: a build-only package named as its command (git, make), which the data have no providers for
    tools |= {tool: f"the runtime keeps {tool}, a build tool: {who} runs `{tool}`" for tool, who in runs
              if apk and tool in left and tool not in tools and is_build_only(tool, "apk")}
    if apk and "git" in left and "git" not in tools and is_build_only("git", "apk"):
        if not _may_run_git(walked):
            tools["git"] = ("the runtime keeps git: no step of the build runs it (or a tool that does), so the file "
                            "installs it for run time")
        elif (why := _run_time_may_run_git(runs, unread, _package_programs(walked))) is not None:
            tools["git"] = f"the runtime keeps git: {why}, which may run git at run time as a build step may"
    apt = {op.manager for op in walked.package_ops if op.action == "install" and "npm" in op.packages} == {"apt"}
    if apt and "npm" not in tools and is_build_only("npm", "apt", release.codename if release else None) and \
            not _runs_npm(walked):
        tools["npm"] = ("the runtime keeps npm: no step of the build runs it, so the file installs it for run time "
                        "(the program, or `docker run`, may run it)")
    tools |= _installed_after_the_build(walked, release, installed - set(tools) - jdks)
    tools |= _gettext_for_run_time(walked, installed - set(tools))
    tools |= _ctypes_headers(walked, left - set(tools)) if apk else {}
    tools |= _installed_for_unread_scripts(walked, [*unread, *programs], left - set(tools) - jdks, release)
    walked = dataclasses.replace(walked, notes=(*walked.notes, *tools.values())) if tools else walked
    return walked, jdks | frozenset(tools)


@cache
def _tool_families() -> dict[str, re.Pattern[str]]:
    """data/commands.json's tool_families, compiled once: command -> the names of the packages that provide it."""
    return {k: re.compile(v) for k, v in data("commands.json")["tool_families"].items() if not k.startswith("_")}


def _installed_family(runs: Sequence[tuple[str, str]], installed: set[str],
                      release: Release | None) -> dict[str, str]:
    """package -> why the runtime keeps it, for the build-only packages the file installs that provide a command the
    image's program runs under another name than the release's data give (data/commands.json's tool_families:
    `javac` of openjdk-17-jdk-headless, where the data name default-jdk-headless; rp10's code runner)."""
    families = _tool_families()
    codename = release.codename if release is not None else None
    kept: dict[str, str] = {}
    for tool, who in runs:
        family = families.get(posixpath.basename(tool))
        if family is None:
            continue
        for p in sorted(installed):
            if p not in kept and family.match(p) and is_build_only(p, "apt", codename):
                kept[p] = f"the runtime keeps {p}, a build tool: {who} runs `{posixpath.basename(tool)}`"
    return kept


def _ctypes_headers(walked: Walked, left: set[str]) -> dict[str, str]:
    """The -dev packages of :data:`CTYPES_DEVS` an Alpine file that installs with pip leaves installed, kept: on
    musl, ctypes.util.find_library (GeoDjango's loading of GDAL and GEOS) links `-lgdal` with gcc or binutils' ld,
    which finds the unversioned libgdal.so of gdal-dev alone (dev 6fc0313c: "we actually need gdal-dev not gdal";
    with gdal only, Django stops: Could not find the GDAL library). binutils, for ld, the python pass installs."""
    if not any(_PIP.match(posixpath.basename(c.name or "")) for d in walked.decisions for c in d.commands):
        return {}
    return {dev: (f"the runtime keeps {dev}: on musl, Python's ctypes.util.find_library (GeoDjango's loading of "
                  "GDAL and GEOS) finds a library through its unversioned .so, which only the -dev package has")
            for dev in CTYPES_DEVS if dev in left}


def _installed_names(walked: Walked) -> set[str]:
    """The names of the packages the file's installs name."""
    return {package_name(p) for op in walked.package_ops if op.action == "install" for p in op.packages}


# build steps that may run gettext's tools without naming them: Django's message commands, builds of a project's
# own build files (a Makefile's msgfmt rule, setup.py's, meson's i18n module)
_RUNS_GETTEXT = frozenset({"compilemessages", "makemessages", "make", "cmake", "meson", "ninja", "setup.py",
                           "configure", "autoreconf", "autogen.sh", "pybabel"})


def _gettext_for_run_time(walked: Walked, candidates: set[str]) -> dict[str, str]:
    """gettext, which the runtime would replace with its run-time part (gettext-base), kept whole where no step of
    the build runs its tools (msgfmt, xgettext...) or a command that may: the file installs it for run time (rp19py
    Ramin-RX7/RSS-Feed: `manage.py compilemessages` at the container's start, `CommandError: Can't find msgfmt`)."""
    if "gettext" not in candidates:
        return {}
    tools = set(data("image_commands.json")["providers"].get("gettext", "").split())
    words = _names_run(walked) | {  # and the verbs an interpreter, manage.py or django-admin is given
        posixpath.basename(a or "") for d in walked.decisions for c in d.commands
        if INTERPRETER.match(posixpath.basename(c.name or "")) or posixpath.basename(c.name or "") in
        ("django-admin", "manage.py") for a in c.args}
    if words & (tools | _RUNS_GETTEXT):
        return {}
    return {"gettext": "the runtime keeps gettext: no step of the build runs its tools (msgfmt, xgettext) or a "
                       "command that may (manage.py compilemessages, make), so the file installs it for run time"}


def _installed_after_the_build(walked: Walked, release: Release | None, candidates: set[str]) -> dict[str, str]:
    """The build-only packages a file that sets no CMD or ENTRYPOINT installs after its last build step (``pip
    install -r requirements.txt``, then ``apt-get install gcc gettext libpq-dev``): no step of the build runs
    them, so the file installs them for the image's users, who may build with them (dev file 0b9f81d35934: the
    runtime left out gcc, gettext's msgfmt and the headers the original installs last)."""
    if walked.has_cmd:
        return {}
    last = max((k for k, d in enumerate(walked.decisions) if d.role is Role.BUILD), default=-1)
    codename = release.codename if release else None
    found: dict[str, str] = {}
    for op in walked.package_ops:
        if op.action != "install" or op.layer <= last or op.layer < 0:
            continue
        for p in op.packages:
            name = package_name(p)
            if name in candidates and name not in found and is_build_only(name, op.manager, codename):
                found[name] = (f"the runtime keeps {name}: the file sets no CMD and installs it after its last build "
                               "step, which no step of the build runs, so it installs it for the image's users")
    return found


# commands a build runs without naming them (pip's, npm's and gem's builds run the compilers, make runs bison and
# swig...): the file may install them for that, whatever RUN names them
_IMPLICIT_TOOLCHAIN = frozenset({"gcc", "g++", "cc", "c++", "cpp", "make", "gmake", "cmake", "ninja", "pkg-config",
                                 "pkgconf", "autoconf", "autoheader", "autoreconf", "automake", "aclocal", "libtool",
                                 "libtoolize", "bison", "yacc", "flex", "lex", "swig", "m4", "ld", "as", "ar", "nasm",
                                 "yasm", "gfortran", "protoc", "msgfmt", "patch", "git"})
# the commands of the steps that run make themselves or through the builds they run (node-gyp, a gem's extconf.rb,
# cpan's Makefile.PL, R's packages, cargo's build scripts, PHP's extensions)
_MAY_RUN_MAKE = frozenset({"make", "gmake", "npm", "npx", "yarn", "pnpm", "node-gyp", "gem", "bundle", "bundler",
                           "cpan", "cpanm", "R", "Rscript", "install2.r", "cargo", "configure", "cmake", "phpize",
                           "pecl", "docker-php-ext-install", "mix", "rebar3", "opam", "stack", "cabal", "luarocks",
                           "go"})
# ... and the packages of compilers and build systems, by name (clang-14, automake-1.16's commands carry versions)
_TOOLCHAIN_PACKAGE = re.compile(r"^(gcc|g\+\+|cpp|clang|llvm|lld|binutils|make|cmake|ninja-build|meson|autoconf|"
                                r"automake|autotools-dev|libtool|libtool-bin|pkg-config|pkgconf|bison|flex|swig|nasm|yasm|"
                                r"gfortran|m4|dpkg-dev|build-essential|gettext|protobuf-compiler)([-\d.].*)?$")


def _names_run(walked: Walked) -> set[str]:
    """The names of the commands the stage's steps run (``/usr/bin/make`` as make)."""
    return {posixpath.basename(c.name or "") for d in walked.decisions for c in d.commands}


def _installed_for_unread_scripts(walked: Walked, unread: Sequence[tuple[str, str]], candidates: set[str],
                                  release: Release | None) -> dict[str, str]:
    """The build-only tools the file installs that no RUN runs (shellcheck, highlight: Section devel in Debian),
    where the image's command runs a script the build context does not give: the file installs them for that
    script, which may run them (dev files 395775c5, whose manage.sh lints with shellcheck, and 325d82f8, whose
    server renders code with highlight). Not the commands a build runs unnamed (compilers, make), nor a -dev
    package's or a tool's with a run-time part of its own (a JDK's JRE)."""
    if not unread:
        return {}
    providers: dict[str, str] = data("image_commands.json")["providers"]
    ran = _names_run(walked)
    codename = release.codename if release else None
    script, who = unread[0]
    found: dict[str, str] = {}
    for op in walked.package_ops:
        if op.action != "install" or op.manager != "apt":
            continue
        for p in op.packages:
            name = package_name(p)
            commands = set(providers.get(name, "").split())
            if name == "make" and name in candidates and not ran & _MAY_RUN_MAKE:
                # make alone, where no build step runs it or a tool that does (1c26f355's bootstrap script runs
                # `make -f Makefile-import-data`; only pip built there)
                found[name] = (f"the runtime keeps make: no step of the build runs it (nor node-gyp, a gem's or "
                               f"cpan's build), and {who} runs {script}, which the build context does not give to "
                               "read and which may run it (the file installs it for that)")
                continue
            if name in candidates and name not in found and name.endswith("-dev") and not _may_compile(walked):
                # a -dev package no build step can use (libpq-dev on haskell:8.6.5, where only curl and apt run;
                # 2adbb479's users `stack run` a project on postgresql-simple, which builds with libpq-dev)
                found[name] = (f"the runtime keeps {name}: no step of the build compiles (nor runs a tool that "
                               f"does), and {who} runs {script}, which the build context does not give to read and "
                               "which may build with it (the file installs it for that)")
                continue
            if name not in candidates or name in found or name.endswith("-dev") or not commands \
                    or _TOOLCHAIN_PACKAGE.match(name) \
                    or commands & (_IMPLICIT_TOOLCHAIN | ran) or build_tool(name) is not None \
                    or not is_build_only(name, op.manager, codename):
                continue
            found[name] = (f"the runtime keeps {name}: no step of the build runs it, and {who} runs {script}, which "
                           "the build context does not give to read and which may run it (the file installs it for "
                           "that)")
    return found


def _may_compile(walked: Walked) -> bool:
    """Whether a build step of the file may compile, which a -dev package's headers would serve: any but downloads
    and what they unpack (the fetch pass's: curl, wget, tar) and the file commands that finish them (the shell
    pass's: chmod, mv), which compile nothing."""
    return any(c.role is Role.BUILD and c.ecosystem not in (FETCH, SHELL) for d in walked.decisions for c in d.claims)


_PIP = re.compile(r"^pip[23]?(\.\d+)?$")
# a project's name on the package index, with extras and a version (`awscli`, `docker-compose==1.19.0`,
# `requests[socks]>=2`): not a path, an archive, a URL or a VCS requirement (git+https://...)
# (PEP 440's operators, and a version's own `!` only after its epoch: a `!` that could either end a version or start
# the next specifier made a failed match take 2^n steps)
_INDEX_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]*\])?"
                         r"((?:===|[=!~<>]=|[<>])(\d+!)?[A-Za-z0-9.*+-]+,?)*$")
_PIP_FLAGS = frozenset({"-U", "--upgrade", "--no-cache-dir", "--user", "-q", "--quiet", "-v", "--verbose",
                        "--no-deps", "--pre", "--force-reinstall", "--ignore-installed", "-I", "--no-compile",
                        "--disable-pip-version-check", "--no-warn-script-location", "--break-system-packages"})


def _index_names_only(args: tuple[str | None, ...]) -> bool:
    """Whether ``pip ARGS`` installs projects by their names from the package index alone, which pip fetches as
    released archives without git (no requirements file, editable or VCS requirement, path or option with a value,
    whose files may name one)."""
    if args[:1] != ("install",) or len(args) < 2:
        return False
    return all(a is not None and (a in _PIP_FLAGS or (not a.startswith("-") and _INDEX_NAME.match(a) is not None
                                                      and not a.endswith((".whl", ".zip", ".gz", ".txt"))))
               for a in args[1:])


def _runs_npm(walked: Walked) -> bool:
    """Whether a step of the build runs npm itself (``npm install``, ``npx``), which Debian's npm is installed for."""
    return any(posixpath.basename(c.name or "") in ("npm", "npx") for d in walked.decisions for c in d.commands)


def _run_time_may_run_git(runs: Sequence[tuple[str, str]], unread: Sequence[tuple[str, str]],
                          packaged: Container[str] = ()) -> str | None:
    """Why a command the image runs may run git (None if none may): a tool of data/commands.json's
    ``may_run_git``, a program of a Node.js package (``packaged``: node_modules/.bin's, which a tool that reads a
    repository's history spawns git from: gitmoji-changelog), or a shell script the tool cannot read
    (:func:`unread_scripts_run`)."""
    tool = next((f"{who} runs `{name}`" for name, who in runs if name in may_run_git()), None)
    tool = tool or next((f"{who} runs `{name}`, a program of a Node.js package (node_modules/.bin)"
                         for name, who in runs if name in packaged or "node_modules/.bin/" in name), None)
    return tool or next((f"{who} runs {script}, a script the build context does not give" for script, who in unread),
                        None)


def _package_programs(walked: Walked) -> frozenset[str]:
    """The commands a RUN links from a node_modules/.bin folder onto PATH (``ln -s
    /app/node_modules/.bin/gitmoji-changelog /usr/bin``), by the name the link gives them."""
    found: set[str] = set()
    for d in walked.decisions:
        for cmd in d.commands:
            words = [a for a in cmd.args if a is not None and not a.startswith("-")]
            if posixpath.basename(cmd.name or "") == "ln" and len(words) == 2 and "node_modules/.bin/" in words[0]:
                dest = words[1].rstrip("/")
                found.add(posixpath.basename(words[0]) if dest in ("/usr/bin", "/usr/local/bin", "/bin")
                          else posixpath.basename(dest))
    return frozenset(found)


# the commands of a build that installs or runs an interpreted program, which may run git at run time (GitPython,
# Bundler's gems from git, npm's git dependencies, a script's `git describe`)
_INTERPRETED = re.compile(r"^(pip[\d.]*|pipenv|poetry|uv|easy_install|npm|npx|yarn|pnpm|gem|bundle|bundler|composer"
                          r"|cpanm?|java|mvn|gradle|lein|python[\d.]*|node(js)?|ruby[\d.]*|perl[\d.]*|php[\d.]*)$")
# the folders of the programs of the distribution's packages (/usr/bin/supervisord runs the programs its
# configuration names), where an install with the prefix /usr puts a build's own too
_PACKAGES_BIN = frozenset({"/bin", "/sbin", "/usr/bin", "/usr/sbin"})
# the suffixes of programs that are their own sources: a script, whose text says what it runs
_SCRIPT_SUFFIXES = (".py", ".sh", ".bash", ".rb", ".pl", ".js", ".mjs", ".php", ".jar")


def _git_left_out(walked: Walked, runs: Sequence[tuple[str, str]], unread: Sequence[tuple[str, str]],
                  programs: Sequence[tuple[str, str]]) -> frozenset[str]:
    """Debian's git (Section vcs: not among the build-only packages), left out of the runtime where a build step
    runs it (a clone) and the image runs a program the build compiled, named by its path (not in a folder of the
    distribution's packages' programs), and nothing interpreted
    (read31 741e11c3: cpuminer's `./minerd`, which the runtime installed git and perl for, 8 dev files with its
    copies): no step installs an interpreter's packages, no script the tool cannot read runs, and no command the
    image runs may run git (:func:`_run_time_may_run_git`). Empty where any of that is not so."""
    installed = left_installed(walked.package_ops) & {"git", "git-core"}
    names = _names_run(walked)
    cloned = max((k for k, d in enumerate(walked.decisions) for c in d.commands
                  if posixpath.basename(c.name or "") == "git"), default=-1)
    if not installed or cloned < 0 or {op.manager for op in walked.package_ops} != {"apt"} or unread or programs \
            or any(_INTERPRETED.match(n) for n in names) or any(n == "git" for n, _ in runs) \
            or _run_time_may_run_git(runs, unread, _package_programs(walked)) is not None \
            or any(op.action == "install" and op.layer > cloned and installed & {package_name(p) for p in op.packages}
                   for op in walked.package_ops):  # installed again after the last step that runs it: for run time
        return frozenset()
    entrypoints = [d.group.inst for d in walked.decisions if d.group.inst.cmd == "entrypoint"]
    lines = image_lines(entrypoints[-1:]) or image_lines(d.group.inst for d in walked.decisions)
    compiled = lines and all(line and line[0] and "/" in line[0] and "$" not in line[0]
                             and not line[0].endswith(_SCRIPT_SUFFIXES) and not INTERPRETER.match(
                                 posixpath.basename(line[0])) and posixpath.dirname(line[0]) not in _PACKAGES_BIN
                             for line in lines)
    return frozenset(installed) if compiled else frozenset()


# the packages of Python's interpreter, which node-gyp runs (gyp is Python's) to build a package's native addons
# (and pip's, which some files install with them: rp26review Syl8n/group4comp308-backend's `apk add g++ make py3-pip`)
_PYTHON_INTERPRETER = re.compile(r"^(python|python2|python3|python[23]\.\d+|python-is-python3|python3?-minimal|"
                                 r"python3?-pip|py3?-pip)$")
_ALPINE_TOOLCHAIN = frozenset({"build-base", "alpine-sdk"})
_PYTHON_COMMAND = re.compile(r"^(python|pip|pipenv|poetry|uv)[\d.]*$")


def _gyp_python_left_out(walked: Walked, kind: str, runs: Sequence[tuple[str, str]],
                         unread: Sequence[tuple[str, str]], programs: Sequence[tuple[str, str]],
                         read_context: ContextReader) -> frozenset[str]:
    """Python's interpreter, left out of the runtime of a Node.js image where an apt or apk install names it with a
    compiler or make (node-gyp's toolchain: rp26native LoggeL/jpCore, 547 -> 469 MB without it, the same answers)
    and nothing else may run it: no step of the stage runs Python itself, nor the image's commands, the build
    context's scripts they run and the app's JavaScript (child_process), all read (the build context is there). Empty
    otherwise."""
    if kind != "node" or unread or programs or read_context("./") is None \
            or any(_PYTHON_COMMAND.match(n) for n in _names_run(walked) | {n for n, _ in runs}):
        return frozenset()
    found: set[str] = set()
    for op in walked.package_ops:
        names = {package_name(p) for p in op.packages}
        pythons = {n for n in names if _PYTHON_INTERPRETER.match(n)}
        if op.action == "install" and pythons and not (names & _ALPINE_TOOLCHAIN
                                                        or any(_TOOLCHAIN_PACKAGE.match(n) for n in names)):
            return frozenset()  # installed on its own: for run time
        if op.action == "install" and op.manager in ("apt", "apk"):
            found |= pythons
    return frozenset(found)


def _gyp_python_note(walked: Walked, left: frozenset[str]) -> Walked:
    if not left:
        return walked
    note = (f"the runtime leaves out {', '.join(sorted(left))}, installed with the compiler for node-gyp (whose gyp "
            "is Python's) to build the native addons: no step runs Python itself, nor the image's command, the "
            "scripts it runs or the app's JavaScript")
    return dataclasses.replace(walked, notes=(*walked.notes, note))


@dataclass(frozen=True, slots=True)
class _Decided:
    """What the plan decides of the file's packages before the runtime_packages tally: those the runtime keeps
    though they build (``kept``), those it leaves out though they do not (``left_out``), and whether it installs
    ca-certificates, which a package left out brought (``certificates``)."""

    kept: frozenset[str]
    left_out: frozenset[str]
    certificates: bool = False

    def applied(self, pkgs: PackageSet) -> PackageSet:
        if not self.certificates or "ca-certificates" in {package_name(p) for p in pkgs.keep}:
            return pkgs
        return dataclasses.replace(pkgs, keep=(*pkgs.keep, "ca-certificates"))


def _certificates_of_git(decided: _Decided, walked: Walked) -> tuple[_Decided, Walked]:
    """``decided`` with ca-certificates where the runtime leaves out a git (:func:`_git_left_out`) whose install
    took the recommended packages, ca-certificates among them: the program may connect over TLS (cpuminer's libcurl,
    which the builder lists by ldd and the runtime installs without its recommended packages), as in the original."""
    for d in walked.decisions if decided.left_out else ():
        for cmd, claim in zip(d.commands, d.claims, strict=True):
            op = claim.packages
            if op is not None and op.action == "install" and takes_recommends(cmd) \
                    and decided.left_out & {"git", "git-core"} & {package_name(p) for p in op.packages}:
                note = (f"the runtime installs ca-certificates, which the install of git at line "
                        f"{d.group.inst.start_line} took as a package it recommends: the program may connect over "
                        "TLS and read them (/etc/ssl/certs), as in the original")
                return (dataclasses.replace(decided, certificates=True),
                        dataclasses.replace(walked, notes=(*walked.notes, note)))
    return decided, walked


def _may_run_git(walked: Walked) -> bool:
    """Whether a step of the build may run git: a command not known to leave it alone (`gem install` of released
    gems does; `gem build` reads the gemspec, which may run `git ls-files`)."""
    for d in walked.decisions:
        for cmd in d.commands:
            name = posixpath.basename(cmd.name or "")
            if name == "gem" and cmd.args[:1] == ("install",) and not any(
                    a is None or a.endswith(".gem") or a == "--local" for a in cmd.args):
                continue
            if _PIP.match(name) and _index_names_only(cmd.args):
                continue
            if name not in never_runs_git():
                return True
    return False


def _git_config_without_git(walked: Walked, pkgs: PackageSet, runs: Sequence[tuple[str, str]],
                            image: str) -> Walked:
    """``walked`` with the ``git config --global`` (or ``--system``) writes left to the builder where the runtime has
    no git: the fetch pass claims them as setup, as git reads ~/.gitconfig at run time too (``url."https://".insteadOf
    git://``, dev file 5079ab85; ``user.email``, 04ec5369). The runtime has git where it keeps the package the file
    installs, where it installs git for a command the image runs (``CMD ["git", ...]``), or where it starts from the
    builder's own image, whose git the file did not install; else (a build-only Alpine git, one removed later,
    golang's own git under a distroless runtime) the settings serve the build's git alone (dev file 19bb427b's
    ``http.https://gopkg.in.followRedirects``)."""
    installed = _installed_names(walked)
    if {"git", "git-core"} & {package_name(p) for p in pkgs.keep} or any(name == "git" for name, _ in runs) or (
            not {"git", "git-core"} & installed and runtime_image(image, with_packages=True) == image):
        return walked
    decisions = list(walked.decisions)
    for k, d in enumerate(decisions):
        claims = tuple(Claim(Role.NEUTRAL, c.ecosystem) if c.role is Role.SETUP and writes_git_config(unwrapped(cmd))
                       else c for cmd, c in zip(d.commands, d.claims, strict=True))
        if claims != d.claims:  # a RUN of git's settings alone: the builder's only
            decisions[k] = with_claims(d, claims)
    return dataclasses.replace(walked, decisions=tuple(decisions))


def _noted_jdks(walked: Walked, installed: frozenset[str]) -> Walked:
    """``walked`` with a note on the JDKs (installed, named by ENV JAVA_HOME) that the runtime keeps."""
    if not installed:
        return walked
    return dataclasses.replace(walked, notes=(*walked.notes, f"the runtime keeps {', '.join(sorted(installed))}: ENV "
                                              "JAVA_HOME names the JDK's home, and the JRE of Java 8 or older has "
                                              "its own (jre/ below it), without the bin/java a script runs there"))


def _build_tools_left(walked: Walked, runs: Sequence[tuple[str, str]] = (),
                      unread: Sequence[tuple[str, str]] = ()) -> Walked | Skip:
    """``walked`` without the toolchains (a Maven unpacked into /usr/local/maven) that a later build step runs by
    their path (``/usr/local/maven/apache-maven-3.6.3/bin/mvn package``) and nothing else names: not the CMD,
    ENTRYPOINT or HEALTHCHECK, an ENV (a PATH), nor a command the runtime repeats but ``mkdir``: they are build
    tools, which stay in the builder."""
    dropped = []
    for a in walked.artifacts:
        header = next((h for h in HEADER_FOLDERS if inside(a.path, h)), None)
        if header is not None and not a.dest:  # (rp13 diatom-server: uWebSockets' headers, copied to the runtime)
            dropped.append((a.path, f"in {header}, the C headers only a compiler reads"))
            continue
        if _toolchain((a,)) is None or a.dest:
            continue
        go = _go_toolchain(a, walked, runs)
        if go and unread:
            script, who = unread[0]
            return Skip(f"{who} runs {script}, a script the build context does not give, which may run Go's "
                        f"toolchain ({a.path}, unpacked from its release archive): whether the runtime needs it "
                        "cannot be told")
        named = [k for k, d in enumerate(walked.decisions) if any(
            inside(w.value or w.text, a.path) or (go and posixpath.basename(w.value or "") in _GO_COMMANDS)
            for c in d.commands for w in c.argv[:1])]
        later = [k for k in named if walked.decisions[k].role is Role.BUILD
                 or (go and walked.decisions[k].role is Role.TEST)]
        others = any(a.path in d.group.inst.original for d in walked.decisions
                     if d.group.inst.cmd in ("cmd", "entrypoint", "healthcheck") + (() if go else ("env", "arg"))) \
            or any(a.path in " ".join(w.text for w in c.argv) for d in walked.decisions if d.where is not Where.BUILDER
                   for c in d.commands if c.name != "mkdir")  # a link to it the runtime would make (`ln -s .../mvn`)
        if later and named == later and not others:
            dropped.append((a.path, "Go's toolchain, which only the build runs (`go`, through the PATH its ENV sets)"
                            if go else "a build tool the build runs by its path"))
    if not dropped:
        return walked
    gone = {p for p, _ in dropped}
    return dataclasses.replace(walked, artifacts=tuple(a for a in walked.artifacts if a.path not in gone),
                               notes=(*walked.notes, *(f"{p} is {why}: it stays in the builder" for p, why in dropped)))


# the commands of Go's toolchain, which a build runs by name through the PATH its ENV sets
_GO_COMMANDS = frozenset({"go", "gofmt"})


def _go_toolchain(artifact: Artifact, walked: Walked, runs: Sequence[tuple[str, str]]) -> bool:
    """Whether ``artifact`` is Go's toolchain unpacked from its release archive (``tar -C /usr/local -xzf
    go1.2.linux-amd64.tar.gz``: the fetch pass's go/ folder), which the build runs by name
    (``go install``) and ENV names (PATH, GOROOT) for it: a build tool unless the CMD, ENTRYPOINT or HEALTHCHECK
    run ``go``, or a script of the context they run does (``runs``, :func:`commands_run`)."""
    if artifact.toolchain != "go":
        return False
    return not any(posixpath.basename(argv[0] or "") in _GO_COMMANDS for d in walked.decisions
                   for argv in argv_of(d.group.inst) if argv) and not any(name in _GO_COMMANDS for name, _ in runs)


# test runners that make their own virtual environments and install the project's dependencies into them when
# they run (building what has no wheel with the image's compilers and headers)
_ENVIRONMENT_TEST_RUNNERS = frozenset({"tox", "nox"})


def _test_runner_installed(walked: Walked) -> Skip | None:
    """A file that sets no CMD or ENTRYPOINT and installs tox or nox (dev file 4ebd638b: ``pip install tox``, the
    project copied, libsnappy-dev installed for what tox builds) makes a test environment: its users run the test
    runner, which builds at run time with the tools the runtime would leave out."""
    if walked.has_cmd:
        return None
    for d in walked.decisions:
        for cmd in d.commands:
            runner = _test_runner_named(cmd)
            if runner is not None:
                return Skip(f"the file sets no CMD or ENTRYPOINT and installs {runner} (line "
                            f"{d.group.inst.start_line}), a test runner that makes its environments and installs "
                            "into them when it runs: the image is a test environment, whose users need the build "
                            "tools the runtime would leave out", d.group.inst.start_line)
    return None


def _test_runner_named(cmd: Command) -> str | None:
    """The test runner of _ENVIRONMENT_TEST_RUNNERS (the first by name) that ``cmd`` installs with pip
    (``pip install tox``, ``python -m pip install nox==2023.4.22``) or pipx; None: none."""
    given = cmd.args
    by_python = given[:2] == ("-m", "pip")
    args = given[2:] if by_python else given
    if not (by_python or re.fullmatch(r"pip[0-9.]*|pipx", cmd.name or "")) or "install" not in args:
        return None
    named = {re.split(r"[<>=!~\[ ;]", a or "", maxsplit=1)[0].lower()
             for a in positional(args[args.index("install") + 1:])}
    return min(named & _ENVIRONMENT_TEST_RUNNERS, default=None)


def _unresolved(choice: RuntimeChoice, spec: ImageSpec) -> Skip | None:
    empty = {k for k, v in spec.arguments if not v}
    if choice.image == spec.written and (ImageRef.parse(spec.resolved).has_variables
                                         or empty & variables_used(spec.written)):
        return Skip(f"the base image {spec.written} depends on a build argument with no default: its runtime "
                    "image cannot be told")
    return None


def _crowded_usr_local(artifacts: tuple[Artifact, ...], image: str, kind: str) -> str | None:
    """A build that installs under /usr/local is copied whole only from an image with nothing there of its
    own (a distribution's); elsewhere (gcc's compiler, golang's Go live there) the copy would carry them."""
    if not usr_local_has_files(ImageRef.parse(image)):
        return None
    for a in artifacts:
        if a.path in USR_LOCAL and not (kind == "python" and a.path == "/usr/local/bin"):
            return (f"the build installs under {a.path}, where {image} has files of its own: what the build added "
                    f"cannot be told apart to copy it alone ({a.reason})")
    return None


def _autoremoves(decisions: Sequence[Decision]) -> bool:
    """Whether a RUN runs `apt-get autoremove`, which takes the dependencies a plain removal left."""
    return any(c.name in ("apt-get", "apt") and "autoremove" in c.args for d in decisions for c in d.commands)


# the Node.js packages a file installs to build a Python app's assets (Tailwind's CSS, a webpack bundle)
_NODE_PACKAGES = ("nodejs", "npm", "yarn", "yarnpkg", "nodejs-legacy")
# the files of the build context that name a Python app's requirements
_PYTHON_REQUIREMENTS = ("requirements.txt", "requirements/base.txt", "requirements/prod.txt",
                        "requirements/production.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile")
# Python packages that run JavaScript with node at run time: execjs and its ports, and the asset pipelines that
# run node's tools on a request (django-compressor's precompilers, django-pipeline's compilers)
_PYTHON_NODE_USERS = re.compile(r"(?im)^[\s\"']*(py)?execjs\b|^[\s\"']*django[-_.](compressor|pipeline)\b|"
                                r"^[\s\"']*(javascript|nodejs[-_.]bin|nodeenv|react)\b")


def _node_for_python_assets(finish: Finish, kind: str, pkgs: PackageSet, runs: Sequence[tuple[str, str]],
                            unread: Sequence[tuple[str, str]], read_context: ContextReader) -> Finish:
    """A Python app that installs Node.js only to build its assets (npm runs Tailwind, webpack): the runtime leaves
    Node.js out, where the build context shows that nothing runs node: the command, the scripts it runs and the
    app's Python code run none of node, npm, npx or yarn, and no requirement runs JavaScript with it (execjs,
    django-compressor). rp11 Ovchinnikov01/site: a Flask app's runtime kept nodejs (115 MB) for a CSS build."""
    if kind != "python" or read_context is no_context or unread or \
            any(posixpath.basename(tool) in _NODE_COMMANDS | {"npx"} for tool, _ in runs):
        return finish
    node = tuple(dict.fromkeys(package_name(p) for p in (*pkgs.keep, *finish.runtime_packages)
                               if package_name(p) in _NODE_PACKAGES and package_name(p) not in finish.drop_packages))
    texts = [t for name in _PYTHON_REQUIREMENTS if (t := read_context(name)) is not None]
    if not node or not texts or any(_PYTHON_NODE_USERS.search(t) for t in texts):
        return finish
    return dataclasses.replace(finish, drop_packages=(*finish.drop_packages, *node), notes=(
        *finish.notes, f"left {', '.join(node)} in the builder: Node.js only builds the assets of a Python app, whose "
                       "command, scripts and code run no node, npm or npx, and none of whose requirements runs "
                       "JavaScript with it (execjs, django-compressor)"))


def _drops(finish: Finish, pkgs: PackageSet) -> bool:
    """Whether a pass leaves out of the runtime a package the original image installs (node, which only built
    the assets of an Elixir program): a gain of its own."""
    return any(package_name(p) in finish.drop_packages for p in pkgs.keep)


def _unread_on_another_image(unread: Sequence[tuple[str, str]], builder: str, runtime: str,
                             dropped: Sequence[str] = ()) -> tuple[str, ...]:
    """What the runtime assumes of a file of the image's own that its command runs and the tool cannot read, where the
    runtime starts from another image (node:slim for node:latest): that it runs none of the commands the builder's
    image has and the runtime's lacks (dev file 72b17a84's init.sh runs openssl, which node:slim has not); on the
    same image, none of the commands of the build-only packages it leaves out (``dropped``: make, gcc)."""
    if not unread or (runtime == builder and not dropped):
        return ()
    script, who = unread[0]
    if runtime == builder:
        shown = few(dropped, 4)
        return (f"assumed: {script}, which {who} runs and the tool does not read, runs none of the commands of the "
                f"build-only packages the runtime leaves out ({shown}); `msrefactor verify` in the build context "
                "builds and runs both",)
    return (f"assumed: {script}, which {who} runs and the tool does not read, runs none of the commands {builder} "
            f"has and {runtime} lacks (openssl, curl, git...); `msrefactor verify` in the build context builds and "
            "runs both",)


def _copies_without_data_note(lines: tuple[int, ...]) -> tuple[str, ...]:
    """What the runtime assumes of a compiled program whose build folder a context COPY filled with build inputs alone
    (runfiles.copies_without_data): that it reads no file added to the context later."""
    return (f"assumed: the program reads none of the files {_copies_named(lines)} into the build folder, where the "
            "build context now holds only the build's inputs: a file put there later (a configuration the program "
            "reads from its folder, which the repository leaves out) would not reach the runtime, which copies the "
            "built program alone",) if lines else ()


def _unread_copies_note(lines: tuple[int, ...]) -> tuple[str, ...]:
    """What the runtime assumes of a compiled program whose build folder a context COPY filled, without the
    context (runfiles.unread_copies): the runtime copies the program alone."""
    return (f"assumed: the program reads none of the files {_copies_named(lines)} into the build folder (templates, "
            "configuration); without the build context the tool cannot tell the sources from them, and the runtime "
            "copies the built program alone",) if lines else ()


def _copies_named(lines: tuple[int, ...]) -> str:
    """``the COPY at line 3 brings``, ``the COPYs at lines 3, 5 bring``."""
    return f"the COPY at line {lines[0]} brings" if len(lines) == 1 else \
        f"the COPYs at lines {', '.join(map(str, lines))} bring"


# the passes whose build steps may compile nothing: downloads, unpacks and checkouts (fetch), files put in place
# (shell), package files fetched or unpacked (system); and the commands of those steps that compile nothing (not an
# installer a shell runs, `curl URL | sh`, nor an app's tool, `meteor build`)
_COMPILES_NOTHING = frozenset({FETCH, SHELL, SYSTEM})
_FETCHES_OR_PLACES = frozenset({"curl", "wget", "aria2c", "tar", "unzip", "gunzip", "gzip", "bunzip2", "bzip2", "xz",
                                "unxz", "7z", "7za", "zstd", "git", "svn", "hg", "bzr", "sha256sum", "sha1sum",
                                "sha512sum", "md5sum", "mv", "cp", "chmod", "chown", "ln", "install", "rsync", "strip",
                                "patch", "dpkg", "dpkg-deb", "apt-get", "apt"})


def _only_fetched(walked: Walked, pkgs: PackageSet) -> Skip | None:
    """A file whose build steps compile nothing (they download, unpack, check out and put files in place), and that
    installs compilers or build tools none of its steps runs (gcc, make, build-essential): it installs them for run
    time, as a file with no build step does (jessfraz/dockerfiles' unixbench unpacks byte-unixbench's sources, which its
    Run script compiles with gcc and make when the image starts)."""
    steps = [(cmd, c) for d in walked.decisions for cmd, c in zip(d.commands, d.claims, strict=True)
             if c.role in (Role.BUILD, Role.TEST)]
    if not steps or any(c.ecosystem not in _COMPILES_NOTHING
                        or posixpath.basename(unwrapped(cmd).name or "") not in _FETCHES_OR_PLACES for cmd, c in steps):
        return None
    providers: dict[str, str] = data("image_commands.json")["providers"]
    ran = _names_run(walked)
    unused = [p for p in pkgs.dropped if _TOOLCHAIN_PACKAGE.match(package_name(p))
              and not ({package_name(p), *providers.get(package_name(p), "").split()} & ran)]
    if not unused:
        return None
    shown = few(unused)
    first = next((c.reason for _, c in steps if c.reason and any(not inside(a.path, "/tmp") for a in c.artifacts)),
                 steps[0][1].reason)
    return Skip(f"nothing is compiled in the file: its build steps only fetch and put files in place ({first}), and "
                f"none of them runs the compilers and build tools the file installs ({shown}): those are for run "
                "time (a program that compiles the sources the file fetched when it starts, as byte-unixbench's Run "
                "does, or the image's users)")


# compilers of languages only their own commands build, by the commands that run them: one the file installs and
# none of its steps runs is there for run time. Not a JDK, which files install to run a jar as often as to compile
# (the runtime gets the JRE), nor Mono, whose full install runs .NET programs
_RUN_TIME_COMPILERS = (
    (re.compile(r"^fp-compiler(-[\d.]+)?$|^fpc(-[\d.]+)?$"),
     frozenset({"fpc", "ppcx64", "ppc386", "lazbuild", "fpcmake"})),
    (re.compile(r"^ghc(-[\d.]+)?$"), frozenset({"ghc", "runghc", "runhaskell", "cabal", "stack"})),
)


def _compiles_at_run_time(walked: Walked, pkgs: PackageSet) -> Skip | None:
    """A file that installs a compiler none of its steps runs (fp-compiler, and no fpc; ghc): a program compiles code
    when the image runs, as an online judge does, and may run the compilers the build runs too, which the runtime
    would leave out (read32 5cd99c5a, ultmaster/ejudge: gcc, g++, fp-compiler and a JDK for contestants' programs,
    where the runtime kept only the JRE)."""
    ran = _names_run(walked)
    dropped = {package_name(p) for p in pkgs.dropped}  # not a JDK the runtime keeps (JAVA_HOME names it)
    idle = sorted(p for p in dropped for pattern, commands in _RUN_TIME_COMPILERS
                  if pattern.match(p) and not commands & ran)
    if not idle:
        return None
    shown = few(pkgs.dropped)
    what = "a compiler none of its steps runs: it is" if len(idle) == 1 else \
        "compilers none of its steps runs: they are"
    return Skip(f"the file installs {', '.join(idle)}, {what} there for run time (a program that compiles code "
                "when it runs, as an online judge does), and such a program may run the "
                f"compilers and tools the build runs as well, which a runtime would leave out ({shown})")


def _no_gain(walked: Walked, pkgs: PackageSet, choice: RuntimeChoice, written: str, kind: str,
             cleans: tuple[str, ...] = (), drops: bool = False) -> Skip | None:
    fetched = _only_fetched(walked, pkgs) if walked.first_build >= 0 else None
    if fetched is not None:
        return fetched
    at_run_time = _compiles_at_run_time(walked, pkgs) if walked.first_build >= 0 else None
    if at_run_time is not None:
        return at_run_time
    if walked.first_build < 0:
        # Without a build step a second stage brings nothing, and compilers the file installs
        # are there for run time (a distcc server, a CI image).
        hint = f"; a smaller base would be FROM {choice.image}" if choice.image != written else ""
        hint += _recommends_hint(walked) + _apt_lists_hint(walked)
        if pkgs.dropped:  # named: `apk add git` for a CMD that runs composer is no compiler
            shown = few(pkgs.dropped)
            return Skip(f"nothing is built in the file, so the build-only packages it installs ({shown}) are for "
                        "run time" + hint)
        return Skip("nothing to gain from stages: nothing is built" + hint)
    caches = [c for c in walked.caches if not any(c.startswith(a.path.rstrip("/") + "/") or c == a.path
                                                  for a in walked.artifacts)] + list(cleans)
    if not (choice.image != written or pkgs.dropped or pkgs.removed_later or pkgs.deps_left or kind in COMPILED
            or caches or drops):
        lists = _apt_lists_hint(walked)
        return Skip(f"nothing to gain: {_slim(written)}, {_no_build_only(pkgs)} and no download cache is left "
                    f"behind{' but' if lists else ''}{lists.removeprefix(';')}", no_gain=True)
    composer = _composer_only(walked, pkgs, choice, written, kind, caches, drops)
    if composer is not None:
        return composer
    # (a cache of heavy downloads, tensorflow's wheel, weighs more than what the copied environment brings along)
    headers = pkgs.manager == "apt" and headers_only(pkgs.dropped) and not _recommends_hint(walked)
    if choice.image == written and kind not in COMPILED and walked.cache_mb < HEAVY_CACHE_MB and \
            (not pkgs.dropped or headers):
        # the only gain is the download cache, and the runtime would copy the environment the tool makes, with
        # a pip and setuptools of its own (about 20 MB: a flask + redis image grew by 21.6 MB), or the base
        # image's site-packages whole, its pip and setuptools again (pipenv --system: 18.3 MB larger); pip's
        # user base, which nothing makes, holds only what pip installed
        copied = _base_site_packages(walked.artifacts, written)
        what = ("the virtual environment the runtime would copy adds (its own pip and setuptools)"
                if any(e.create for _, e in walked.environments) else
                f"copying {copied} whole adds (the base image's own pip and setuptools, again)" if copied else None)
        if what is not None and pkgs.dropped:  # notes-task (rp4): libpq-dev left out, the image 5 MB larger
            # (where the installs take no recommended packages, which the runtime's would leave out)
            shown = few(pkgs.dropped)
            return Skip(f"nothing to gain from stages: {_slim(written)}, and the build-only packages it installs "
                        f"({shown}) are headers of a few MB, which with the download cache left behind "
                        f"({', '.join(caches) or 'none'}) is about what {what}", no_gain=True)
        if what is not None:
            return Skip(f"nothing to gain from stages: {_slim(written)} and {_no_build_only(pkgs)}; the "
                        f"download cache left behind ({', '.join(caches)}) is about what {what}: pip's "
                        "--no-cache-dir saves it in place", no_gain=True)
    crowded = _crowded_usr_local(walked.artifacts, written, kind)
    if crowded is not None:
        return Skip(crowded)
    tool = _toolchain(walked.artifacts, walked.workspace)
    if tool is not None:
        return Skip(f"the build installs a toolchain ({tool}) that the runtime would have to copy: the image is "
                    "a build environment, whose users need its tools")
    return None


def _composer_only(walked: Walked, pkgs: PackageSet, choice: RuntimeChoice, written: str, kind: str,
                   caches: Sequence[str], drops: bool) -> Skip | None:
    """Why stages gain nothing where the runtime is the same php image and what only the build leaves is Composer (one
    PHP archive of a few MB) and its download cache: `composer install --no-cache` saves that in place, without a
    second stage that repeats the setup (rp28review 44, 46, 47 and rp30review 12, 13, 14: about 1 % gained)."""
    if kind != "php" or choice.image != written or not caches or pkgs.dropped or pkgs.removed_later \
            or pkgs.deps_left or drops or not all("composer" in c for c in caches):
        return None
    return Skip(f"nothing to gain from stages: the runtime would be {written} again and no build-only package is "
                "installed; what only the build leaves is Composer (one PHP archive of a few MB) and its download "
                f"cache ({', '.join(caches)}): `composer install --no-cache` (or `composer clear-cache` in the same "
                "RUN) saves it in place", no_gain=True)


def _base_site_packages(artifacts: tuple[Artifact, ...], image: str) -> str | None:
    """The site-packages folder under /usr/local the runtime would copy whole from an image whose own Python
    keeps its packages there (the official python images), or None."""
    if not usr_local_has_files(ImageRef.parse(image)):
        return None
    return next((a.path for a in artifacts if inside(a.path, "/usr/local/lib")
                 and posixpath.basename(a.path) == "site-packages"), None)


def _slim(written: str) -> str:
    """Why the runtime keeps the base: it is already slim, or the tool knows no smaller one for it."""
    ref = ImageRef.parse(written)
    if family_of(ref) is None and usr_local_has_files(ref) and not ref.has_variables:
        found = repository(written)
        if found is not None and tag_exists(written):  # (rp30review kevingil/perl-plexity: perl:5.32 "not known")
            slim = f"{found[0]}:{found[1]}-slim"
            there = f" ({slim} exists, but the tool does not model what a build adds to that image's own files " \
                    "under /usr/local)" if tag_exists(slim) else ""
            return f"the tool knows no smaller runtime for {written}, an official {found[0]} image{there}"
        return f"the tool knows no smaller runtime for {written}, {_known_of(written)}"
    smaller = runtime_image(written)
    if smaller != written and tag_exists(smaller) is False:  # python:2.7-wheezy is no slim image
        return f"the tool knows no smaller runtime for {written} ({smaller} was never published)"
    return "the base is already slim"


def _known_of(written: str) -> str:
    """What the tool knows of an image outside the families it has runtimes for."""
    based = thirdparty.bases(written)
    if based is None:
        return "an image it does not know (what it holds, and what a runtime could leave out, are not known)"
    names = sorted({found[0] if (found := repository(b)) else b.split(":")[0] for b in based})
    return (f"an image it knows from its own Dockerfiles only as built on {' or '.join(names)} (what it adds to "
            "that base, and what a runtime could leave out, are not known)")


def _no_build_only(pkgs: PackageSet) -> str:
    """Why no layer keeps a build-only package: none is installed, or the RUN that installs them removes them."""
    gone = pkgs.removed_in_place
    if not gone:
        return "no build-only package is installed"
    named = ", ".join(gone[:4]) + (" ..." if len(gone) > 4 else "")
    return f"the build-only packages it installs ({named}) are removed by the RUN that installs them"


def _recommended(pkgs: PackageSet, walked: Walked, release: str | None) -> tuple[PackageSet, Walked]:
    """The runtime installs with --no-install-recommends; where the original install took the recommended
    packages, the runtime installs those of a kept package that are its own parts, built from its source
    (imagemagick's extra coders: an SVG it converts in the original image fails without them), or that it depends on
    in another release of the data (xvfb -> xauth, which xvfb-run runs and Debian's xvfb only recommends)."""
    if pkgs.manager != "apt" or release is None or _apt_settings_decide(walked.decisions):
        return pkgs, walked
    kept = {package_name(p) for p in pkgs.keep}
    added: list[str] = []
    notes: list[str] = []
    for d in walked.decisions:
        for cmd, claim in zip(d.commands, d.claims, strict=True):
            op = claim.packages
            if op is None or op.manager != "apt" or op.action != "install" or not takes_recommends(cmd) \
                    or keeps_recommends(walked.decisions, cmd, op, kept):  # the runtime's install takes them too
                continue
            for name in dict.fromkeys(package_name(p) for p in op.packages if package_name(p) in kept):
                parts = [r for r in recommended_parts(name, release) if r not in kept and r not in added]
                added += parts
                notes += [f"the runtime installs {', '.join(parts)}: packages {name} recommends that are its own "
                          "parts (built from its source, or a dependency of it in another release), which the install "
                          f"at line {d.group.inst.start_line} took with it"] if parts else []
    if not added:
        return pkgs, walked
    return (dataclasses.replace(pkgs, keep=(*pkgs.keep, *added)),
            dataclasses.replace(walked, notes=(*walked.notes, *notes)))


def keeps_recommends(decisions: Sequence[Decision], cmd: Command, op: PackageOp, kept: Container[str]) -> str | None:
    """The GTK, TeX Live or ImageMagick package (:func:`gtk_named`, :func:`texlive_named`, :func:`imagemagick_named`)
    that an apt install taking the recommended packages names itself, of those the runtime keeps (``kept``, by name):
    the runtime's copy of the install takes them too. None where apt's settings, which a RUN writes, decide."""
    if op.manager != "apt" or op.action != "install" or not takes_recommends(cmd) or _apt_settings_decide(decisions):
        return None
    named = [p for p in op.packages if package_name(p) in kept]
    return gtk_named(named) or texlive_named(named) or imagemagick_named(named)


def _apt_settings_decide(decisions: Sequence[Decision]) -> bool:
    """Whether a RUN sets apt's Install-Recommends, which then decides what an install takes."""
    return any("Install-Recommends" in d.group.inst.original for d in decisions)


def takes_recommends(cmd: Command) -> bool:
    """Whether an apt install takes the recommended packages (as apt does unless told otherwise): not where a word
    the tool cannot read may tell it otherwise."""
    return None not in cmd.args and not _says_no_recommends(cmd)


def _says_no_recommends(cmd: Command) -> bool:
    """Whether an apt install's words tell it to leave the recommended packages out (--no-install-recommends, or
    apt's option set by -o; aptitude's --without-recommends or -R)."""
    aptitude = posixpath.basename(cmd.name or "") == "aptitude" and "-R" in cmd.args
    return aptitude or any(a and ("--no-install-recommends" in a or "Install-Recommends" in a
                                  or a == "--without-recommends") for a in cmd.args)


_APT_LISTS = "/var/lib/apt/lists"


def _apt_lists_hint(walked: Walked) -> str:
    """A word on apt's package lists an `apt-get update` leaves in its RUN's layer, where that RUN removes none (a later
    RUN's `rm` does not make the layer smaller): rp26bots L1inkoln/health-tracker, 80 MB on the zoo's slim image,
    said to leave no download cache."""
    for d in walked.decisions:
        removed = any(c.name == "rm" and any(_covers_apt_lists(a.rstrip("/*") or "/") for a in c.args if a is not None)
                      for c in d.commands)
        if not removed and any(c.name in ("apt-get", "apt") and positional(c.args)[:1] == ["update"]
                               for c in d.commands):
            return (f"; apt's package lists, which the RUN at line {d.group.inst.start_line} leaves in its layer: "
                    "`rm -rf /var/lib/apt/lists/*` at its end removes them, without stages")
    return ""


def _covers_apt_lists(path: str) -> bool:
    """Whether removing ``path`` removes apt's package lists, or some of them."""
    return inside(path, _APT_LISTS) or inside(_APT_LISTS, path)


def _recommends_hint(walked: Walked) -> str:
    """A word on apt installs that take the recommended packages: often most of an image where nothing is
    built (pipx alone recommends mkdocs, numpy, fonts: 124 packages instead of 42)."""
    for d in walked.decisions:
        for cmd, claim in zip(d.commands, d.claims, strict=True):
            op = claim.packages
            if op is not None and op.manager == "apt" and op.action == "install" and not _says_no_recommends(cmd):
                return (f"; the apt install at line {d.group.inst.start_line} takes the recommended packages too: "
                        "--no-install-recommends would leave them out")
    return ""


def _plan(stage: Stage, tail: tuple[Blank | Comment, ...], written: str, kind: str, walked: Walked,
          pkgs: PackageSet, finish: Finish, choice: RuntimeChoice) -> Plan:
    # the notes of the steps after the build where they run, as ``after`` below (not read31 1e3e04fa's npm prune,
    # where nginx serves the built site alone)
    notes = [*walked.notes, *finish.notes, *(finish.after_notes if finish.artifacts is None else ()), *choice.notes]
    notes += [d.why for d in pkgs.fallbacks if d.source is LibrarySource.DEV_KEPT]
    notes += [f"the runtime leaves out the packages that {', '.join(pkgs.deps_left)} brought along: the file removes "
              f"{'them' if len(pkgs.deps_left) > 1 else 'it'} alone (`apt-get remove` without --auto-remove), so the "
              "original keeps what it depends on (for a package that stands for a toolchain, the toolchain)"] \
        if pkgs.deps_left else []
    if not walked.has_cmd:
        notes.append(f"the file sets no CMD: the runtime image inherits its default command, as the "
                     f"{written} image does")
    # a step after the build serves the copied artifacts; when a pass copies something else, it is not needed
    after = finish.builder_after if finish.artifacts is None else ()
    builder_env, notes = _cgo_kept_on_glibc(walked.builder_env, choice.image, notes, written)
    return Plan(
        stage=stage, decisions=walked.decisions, tail=tail, builder_image=written, runtime_image=choice.image,
        kind=kind, packages=choice.packages, package_manager=choice.manager,
        dropped_packages=tuple(d for d in pkgs.dropped if d not in choice.packages),  # kept for a repeated RUN
        # (a run-time part a pass leaves out, the web server's site builders, is said by the pass's note)
        library_map=tuple((dev, libs) for dev, libs in pkgs.library_map
                          if not libs or not all(package_name(lib) in finish.drop_packages for lib in libs)),
        artifacts=finish.artifacts if finish.artifacts is not None else walked.artifacts,
        last_build=walked.last_build, builder_env=builder_env, first_build=walked.first_build,
        builder_after=after, package_env=pkgs.env, has_tests=walked.has_tests, notes=tuple(notes),
        environments=walked.environments, packages_early=choice.early, packages_first=choice.first,
        removed_later=pkgs.removed_later)


# the commands that run a Node.js app, whose JavaScript the tool reads for the programs it spawns
_NODE_COMMANDS = frozenset({"node", "nodejs", "npm", "yarn", "pnpm", "ts-node", "nodemon", "pm2", "pm2-runtime"})


# runtime images with the GNU C library, of the builder's release: a cgo binary runs there as it did in the builder
_GLIBC_RUNTIMES = ("debian", "ubuntu", "gcr.io/distroless/base", "gcr.io/distroless/cc")


def _cgo_kept_on_glibc(env: tuple[tuple[str, str], ...], runtime: str, notes: list[str],
                       builder: str = "") -> tuple[tuple[tuple[str, str], ...], list[str]]:
    """The builder's settings and the notes, without the CGO_ENABLED=0 the go pass sets for a minimal runtime (and
    its assumption), where the runtime is a Debian or Ubuntu slim image (or distroless's base) all the same: its C
    library serves the binary, which is then built as the original was. With cgo off, a dependency the build fetches
    that only builds with cgo fails to build (DSiSc/justitia's secp256k1; read22 5df0fd05), and go-sqlite3 builds a
    stub that fails at run time. The same holds where the runtime is the builder's own image (read24 44241aca,
    resin/rpi-raspbian), whose C library the binary was built against."""
    ref = ImageRef.parse(runtime)
    name = "/".join(p for p in (ref.registry, ref.repo) if p)
    if ("CGO_ENABLED", "0") not in env or (runtime != builder and (ref.is_alpine or
                                                                   not name.startswith(_GLIBC_RUNTIMES))):
        return env, notes
    kept = f"cgo stays on, as in the original: {runtime} has the C library the binary may link, so the binary " \
           "needs no CGO_ENABLED=0 (with which a dependency that only builds with cgo would not build)"
    return tuple(e for e in env if e != ("CGO_ENABLED", "0")), [n for n in notes if n != ASSUMED_NO_CGO] + [kept]


_INTERACTIVE = frozenset({"bash", "sh", "python", "python3", "python2", "node", "irb", "php", "jshell", "iex", "erl",
                          "ghci", "perl", "ruby", "pwsh", "dotnet"})


# the build tools an official image's CMD runs (maven's `mvn`, gradle's `gradle`): a toolchain image's, not a server's
_BUILD_TOOL_COMMANDS = frozenset({"mvn", "gradle", "sbt", "lein", "ant", "cargo", "go", "make", "cmake", "composer",
                                  "bundle", "rake", "npm", "yarn"})


def _serves(image: str) -> bool:
    """Whether the base image's own default command runs a program (nginx, httpd, postgres), not a shell, an
    interpreter's prompt (perl's versioned debugger, `perl5.42.1 -de0`, too) or a build tool: a file that sets no
    CMD runs that program."""
    base = inherited(image)
    command = (base.entrypoint or ()) + (base.cmd or ()) if base is not None else ()
    return bool(command) and not any(_prompt_or_tool(c) for c in (command[:1], (base.cmd or ())[:1] if base else ()))


def _prompt_or_tool(command: tuple[str, ...]) -> bool:
    """Whether the program ``command`` starts is a shell, an interpreter's prompt or a build tool."""
    name = posixpath.basename(command[0]) if command else ""
    return name in _INTERACTIVE or name in _BUILD_TOOL_COMMANDS or re.fullmatch(r"perl5[.\d]*", name) is not None


def _onbuild_image(ref: ImageRef, stage: Stage) -> Skip | None:
    """An -onbuild image (python:2-onbuild, node:8-onbuild) runs its ONBUILD triggers (copy the context,
    install the requirements) first in the stage built on it: steps the file does not show, so what the build made,
    and what a runtime on another image would need, are not known (skip41 31941132: not that a runtime would build
    again, which one on the image's slim tag would not)."""
    if "onbuild" in ref.tag.split("-"):
        return Skip(f"the base image {ref.repo}:{ref.tag} is an ONBUILD image: its triggers (copy the context, install "
                    "the dependencies) run first in the stage built on it, steps the file does not show, so what the "
                    "build makes, and what a runtime would need of it, are not known", stage.from_.start_line)
    return None


def _gcc_base(ref: ImageRef) -> Inherited | None:
    """What an official gcc image inherits: every tag is built FROM buildpack-deps of its Debian release (CMD
    bash), which the data of official images hold, while they hold no gcc (its snapshot is too large)."""
    release = release_of(f"{ref.repo}:{ref.tag}") if ref.repo == "gcc" and not ref.registry else None
    return inherited(f"buildpack-deps:{release.codename}") if release is not None else None


def _cheap_skip(groups: list[Group], kind: str, serves: bool = False, unknown: str | None = None,
                read_context: ContextReader = no_context) -> Skip | None:
    """Reasons to leave the file alone that need no shell parsing. ``unknown``: the base image, when the data
    of official images do not hold it (its own CMD is not known)."""
    has_cmd, copies_app = serves, False
    cleared: dict[str, int | None] = {}  # the last CMD and ENTRYPOINT: the line of an empty one (`CMD []`)
    for g in groups:
        inst = g.inst
        if inst.cmd not in INSTRUCTIONS:  # `CMD\u00a0["./app"]`: a no-break space is no separator to BuildKit
            return Skip(f"line {inst.start_line}: unknown instruction {inst.keyword!r}: BuildKit stops the build "
                        "there, so the file does not build", inst.start_line)
        if inst.cmd == "onbuild":
            return Skip("ONBUILD: the image is a base for other builds, which may need its tools", inst.start_line)
        if inst.cmd in ("cmd", "entrypoint"):
            has_cmd = True
            cleared[inst.cmd] = inst.start_line if inst.json and not inst.value else None
        if inst.cmd in ("copy", "add") and inst.flag("from") is None and not _manifests_only(inst):
            copies_app = True
    line = cleared.get("cmd")
    if line is not None and cleared.get("entrypoint", line) is not None:
        return Skip(f"CMD [] at line {line} clears the command, and no ENTRYPOINT of the file names a program: the "
                    "image starts none of its own (its users name the program they run), so it looks like a base or "
                    "toolchain image, whose users may need its build tools", line)
    makefile = _makefile_left(groups) if not has_cmd else None
    if makefile is not None:
        return Skip(f"the file sets no CMD or ENTRYPOINT, and the {groups[makefile].inst.keyword.upper()} at line "
                    f"{groups[makefile].inst.start_line} brings a Makefile that no build step runs: the image's "
                    "users run make (`docker run IMAGE make ...`, a script of theirs), which builds at run time and "
                    "may need every build tool the image has", groups[makefile].inst.start_line)
    container = dev_container(read_context) if not has_cmd else None
    if container is not None:
        return Skip(f"the file sets no CMD or ENTRYPOINT, and the dev container configuration {container[0]} builds "
                    f"it ({container[1]}): the image is a development environment, whose users run their own "
                    "commands in it (an editor's terminal: the package manager, the build, the tests), which may "
                    "need any tool the build installed")
    if not has_cmd and not (copies_app and kind in INHERITS_CMD) and unknown:
        return Skip(f"the file sets no CMD or ENTRYPOINT, and its base image {unknown} is one the tool does not "
                    "know: whether that image's own command runs the app, or the file makes a base or toolchain "
                    "image whose users may need its build tools, cannot be told")
    if not has_cmd and not (copies_app and kind in INHERITS_CMD):
        composed = _compose_command(read_context)
        if composed is not None:
            return Skip(f"the file sets no CMD or ENTRYPOINT: {composed[0]} builds it and gives the command "
                        f"({composed[1]}), which the tool does not read: what that command runs, and so what the "
                        "runtime needs, is not known")
        manifests = None if copies_app else next((g.inst for g in groups if g.inst.cmd in ("copy", "add")
                                                  and g.inst.flag("from") is None and _manifests_only(g.inst)), None)
        if manifests is not None:
            shown = ", ".join(posixpath.basename(v.rstrip("/")) for v in manifests.value[:-1])
            return Skip(f"the file sets no CMD or ENTRYPOINT, and brings no app: only the dependency manifests "
                        f"({shown}, line {manifests.start_line}) the installs read: an image of installed "
                        "dependencies, whose users bring the app and the command (a CI job, a compose service that "
                        "mounts the code), which may need its build tools", manifests.start_line)
        return Skip("the file sets no CMD or ENTRYPOINT: it looks like a base or toolchain image, whose users "
                    "may need its build tools")
    return None


# the files that name a project's dependencies, which an install reads: copied alone, with no CMD, they make an image
# of installed dependencies (a CI image, read27 297af673), not an app the base image's command runs
_MANIFESTS = ("package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
              "requirements*.txt", "Pipfile", "Pipfile.lock", "poetry.lock", "pyproject.toml", "composer.json",
              "composer.lock", "Gemfile", "Gemfile.lock")


def _manifests_only(inst: Instruction) -> bool:
    """Whether a context COPY brings dependency manifests alone (``COPY package.json yarn.lock /home/jenkins/``)."""
    sources = inst.value[:-1]
    return bool(sources) and all(any(fnmatch.fnmatchcase(posixpath.basename(s.rstrip("/")), m) for m in _MANIFESTS)
                                 for s in sources)


_MAKEFILES = frozenset({"Makefile", "makefile", "GNUmakefile"})


def _makefile_left(groups: list[Group]) -> int | None:
    """The index of the COPY or ADD that brings a Makefile by its name (``ADD ./Makefile /app/Makefile``) into an
    image no RUN of which runs make, or None (dev file 03f74a0d, python:2.7 with no CMD: its start script runs `make
    setUpSystem`, and the slim runtime had no make)."""
    if any(g.inst.cmd == "run" and re.search(r"(?<![\w.-])make(?![\w.-])", g.inst.original) for g in groups):
        return None
    for k, g in enumerate(groups):
        if g.inst.cmd in ("copy", "add") and g.inst.flag("from") is None \
                and any(posixpath.basename(v.rstrip("/")) in _MAKEFILES for v in g.inst.value[:-1]):
            return k
    return None


def _compose_command(read_context: ContextReader) -> tuple[str, str, tuple[str, ...]] | None:
    """The compose file of the build context with a service that builds an image (``build:``) and sets its
    command or entrypoint: the file's name, that command as written (`python3 run.py`; a list joined by spaces, cut
    at 80 characters) and its words, read with PyYAML; None when there is none (or the file is not YAML)."""
    for name, services in compose_services(read_context):
        found = [f for service in services if (f := _shown_command(name, service)) is not None]
        if found:
            return found[0]
    return None


def _shown_command(name: str, service: dict[str, object]) -> tuple[str, str, tuple[str, ...]] | None:
    """(compose file, command as shown, its words) of a service that builds an image and gives a command, else
    None."""
    if "build" not in service:
        return None
    value = service.get("command") or service.get("entrypoint")
    shown = " ".join(map(str, value)) if isinstance(value, list) else str(value or "").strip()
    if not shown:
        return None
    return name, f"`{shown[:80]}{'...' if len(shown) > 80 else ''}`", _compose_words(value)


def _compose_words(value: object) -> tuple[str, ...]:
    """A compose command's words: a list as it is, a string split as compose splits it (shell words)."""
    if isinstance(value, list):
        return tuple(map(str, value))
    try:
        return tuple(shlex.split(str(value)))
    except ValueError:
        return ()


@dataclass(frozen=True, slots=True)
class _Composed:
    """The command a compose file gives the image the file builds, as a CMD the file does not write."""

    file: str  # docker-compose.yml ...
    shown: str  # the command as written
    group: Group  # its CMD, read with the file's instructions (line 0: not from the input)


def _composed_cmds(groups: list[Group], read_context: ContextReader) -> list[_Composed]:
    """The commands of the compose file's services that build this file (``build: .``, the default Dockerfile), for
    a file that sets no CMD or ENTRYPOINT: what the image runs, which the walk and the passes read as the CMD
    (rp22pydist acouch/secret-share and das-raj/sticky-notes-dockerized, debian:bookworm with `command:` in
    docker-compose.yml: skipped as a base image; by hand 71 and 73 % smaller, the same runs), one walk for each
    command. A command string is split as compose does (shell words, no shell); none when the file has a command, no
    such service gives one, or one of them cannot be split."""
    if any(g.inst.cmd in ("cmd", "entrypoint") for g in groups):
        return []
    found = _compose_commands(read_context)
    if any(not argv for _, _, argv in found):  # a string compose cannot split either (an open quote)
        return []
    return [_Composed(name, shown, Group((), parse_instruction_text("CMD " + json.dumps(list(argv)))))
            for name, shown, argv in found]


def _compose_commands(read_context: ContextReader) -> list[tuple[str, str, tuple[str, ...]]]:
    """(compose file, command as shown, its words) for each different command the services of the first compose file
    that builds the context's default Dockerfile give it: its entrypoint's words, then its command's (compose runs
    the image's CMD after neither, and the file sets none)."""
    for name, services in compose_services(read_context):
        found = [f for service in services if (f := _own_command(name, service)) is not None]
        if found:
            return list({f[2]: f for f in found}.values())
    return []


def _own_command(name: str, service: dict[str, object]) -> tuple[str, str, tuple[str, ...]] | None:
    """(compose file, command as shown, its words) of a service that builds the context's default Dockerfile with an
    entrypoint or a command (rp30review emmahyde/dulapeepbot: `entrypoint: bundle exec rackup ...`), else None."""
    if "build" not in service or not builds_here(service):
        return None
    values = [v for v in (service.get("entrypoint"), service.get("command")) if v]
    shown = " ".join(" ".join(map(str, v)) if isinstance(v, list) else str(v).strip() for v in values)
    if not shown:
        return None
    words = tuple(w for v in values for w in _compose_words(v))
    return name, f"`{shown[:80]}{'...' if len(shown) > 80 else ''}`", words if all(map(_compose_words, values)) else ()


def _without_composed(composed: _Composed, planned: Plan | Skip) -> Plan | Skip:
    """``planned`` without the compose file's command: the runtime, as the original, sets none (its base's serves,
    which compose replaces); a reason about that command names where it comes from."""
    if isinstance(planned, Skip):
        given = f"the command {composed.file} gives ({composed.shown})"
        reason = planned.reason.replace("CMD at line 0:", f"{given}:").replace("the command at line 0", given)
        return dataclasses.replace(planned, reason=reason)
    decisions = tuple(d for d in planned.decisions if d.group is not composed.group)
    # the last decision, if any: the indices of the others (last_build, environments...) stay as they are
    assert planned.decisions[len(decisions):] in ((), (planned.decisions[-1],)) and \
        all(d.group is not composed.group for d in planned.decisions[:len(decisions)])
    note = (f"the file sets no CMD or ENTRYPOINT: the command {composed.file} gives the image ({composed.shown}) is "
            "read as the one it runs; the runtime sets none, as the original")
    return dataclasses.replace(planned, decisions=decisions, notes=(*planned.notes, note))


def _preamble_env(tree: Dockerfile) -> tuple[tuple[str, str], ...]:
    env: list[tuple[str, str]] = []
    for item in tree.preamble:
        if isinstance(item, Instruction) and item.cmd == "arg":
            env += [(k, expand(v, tuple(env), tree.escape)) for k, v in env_pairs(item)]
    return tuple(env)
