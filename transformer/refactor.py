"""The pipeline: text -> tree -> plan -> new stages -> text, with the reasons.

``refactor(text)`` never touches a file: the caller reads and writes (see
``fileio``) and may pass a reader for the build context (requirements files,
Cargo.toml...).
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass, field

from .analysis import ContextReader, Role, no_context, variables_used
from .edit import drop_words_or_none
from .parser import parse, parse_instruction_text
from .plan import COMPILED, Decision, Plan, Skip, Where, make_plan
from .safety import check
from .tree import Blank, Comment, Dockerfile, Instruction

DEFAULT_STAGE_NAMES = {"builder": "builder", "test": "test", "runtime": "runner"}


class CannotRefactor(Exception):
    """The plan cannot be written out without changing the program's meaning."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change and why it was made, for a reviewer."""

    kind: str
    message: str
    line: int = 0

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.message}"


@dataclass(frozen=True, slots=True)
class Result:
    text: str
    changed: bool
    changes: tuple[Change, ...] = ()
    skipped: str | None = None
    original: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Options:
    stage_names: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STAGE_NAMES))
    image_map: dict[str, str] = field(default_factory=dict)
    disabled_passes: frozenset[str] = frozenset()
    runtime_user: str | None = None


def refactor(text: str, *, read_context: ContextReader = no_context, options: Options | None = None,
             **kw: object) -> Result:
    """Refactor a Dockerfile's text. Raises DockerfileSyntaxError on bad input."""
    opts = options or Options(**kw)  # type: ignore[arg-type]
    tree = parse(text)
    try:
        plan = make_plan(tree, read_context=read_context, image_map=opts.image_map,
                         disabled=opts.disabled_passes)
        if isinstance(plan, Skip):
            return Result(text, False, (), plan.reason, text)
        new_text, changes = Composer(tree, plan, opts).compose()
        problems = check(tree, parse(new_text), runtime_user=opts.runtime_user)  # parses, keeps the meaning
        if problems:
            return Result(text, False, (), "left unchanged, the result would not be safe: " + "; ".join(problems),
                          text)
    except CannotRefactor as e:
        return Result(text, False, (), str(e), text)
    except Exception as e:  # a bug must never cost the user's file: leave it as it is, and say so
        return Result(text, False, (), f"internal error, file left unchanged: {type(e).__name__}: {e}", text)
    return Result(new_text, new_text != text, tuple(changes), None, text)


class Composer:
    """Writes the builder, test and runtime stages of a plan in the file's own style."""

    def __init__(self, tree: Dockerfile, plan: Plan, opts: Options) -> None:
        self.tree = tree
        self.plan = plan
        self.names = {**DEFAULT_STAGE_NAMES, **opts.stage_names}
        self.nl = tree.newline
        kw = plan.stage.from_.keyword
        self.upper = kw.isupper() or not kw.islower()
        self.escape = tree.escape
        self.changes: list[Change] = []
        self.builder_name = plan.stage.name or self.names["builder"]
        self.runtime_user = opts.runtime_user

    # style -----------------------------------------------------------------
    def kw(self, word: str) -> str:
        return word.upper() if self.upper else word.lower()

    def line(self, text: str) -> str:
        return text + self.nl

    def new(self, text: str) -> Instruction:
        inst = parse_instruction_text(self.line(text), self.escape)
        return inst

    # pieces ----------------------------------------------------------------
    def _ensure_newline(self, text: str) -> str:
        return text if text.endswith("\n") else text + self.nl

    def compose(self) -> tuple[str, list[Change]]:
        p = self.plan
        st = p.stage
        last = st.instructions[-1] if st.instructions else st.from_
        if _open_ended(last, self.escape):
            raise CannotRefactor(f"line {last.start_line}: the file ends inside a line continuation (a trailing "
                                 f"{self.escape}), so any instruction written after it would join it")
        out: list[str] = [self.tree.bom]
        out += [d.text for d in self.tree.directives]
        out += [i.text for i in self.tree.preamble]
        out += [c.text for c in st.leading]
        out.append(self._from_line(st.from_, self.builder_name))
        if not st.name:
            self.changes.append(Change("stage", f"the original stage becomes the builder stage "
                                                f"'{self.builder_name}'", st.from_.start_line))
        out += self._builder_body()
        if p.has_tests:
            out += self._test_stage()
        out += self._runtime_stage()
        self.changes += [Change("runtime", note) for note in p.notes]
        out += [i.text for i in p.tail]
        text = "".join(out)
        if not self.tree.text.endswith("\n") and text.endswith(self.nl):
            text = text[: -len(self.nl)]
        return text, self.changes

    def _from_line(self, inst: Instruction, name: str) -> str:
        if inst.value[1:2] and inst.value[1].lower() == "as":
            return self._ensure_newline(inst.text)
        if len(inst.lines) == 1 and not inst.heredocs:
            body = inst.lines[0].rstrip("\r\n")
            stripped = body.rstrip(" \t")
            return self._ensure_newline(stripped + f" {self.kw('as')} {name}" + body[len(stripped):])
        flags = " ".join(inst.flags)
        return self.line(" ".join(x for x in (self.kw("from"), flags, inst.value[0], self.kw("as"), name) if x))

    def _builder_body(self) -> list[str]:
        p = self.plan
        out: list[str] = []
        for k, d in enumerate(p.decisions):
            if k == p.first_build and p.builder_env:
                pairs = " ".join(f"{a}={b}" for a, b in p.builder_env)
                out.append(self.line(f"{self.kw('env')} {pairs}"))
                self.changes.append(Change("builder", f"set {pairs} in the builder: the binary must not need the C "
                                                      "library, so it runs on a minimal image",
                                           d.group.inst.start_line))
            if d.where in (Where.BUILDER, Where.BOTH):
                out.append("".join(i.text for i in d.group.before))
                out.append(self._ensure_newline(d.group.inst.text))
            if k == p.last_build:
                out += self._ensure_folders(d)
            if k == p.last_build:
                for cmd, why in p.builder_after:
                    out.append(self.line(f"{self.kw('run')} {cmd}"))
                    self.changes.append(Change("builder", f"`{cmd}` after the build: {why}",
                                               d.group.inst.start_line))
        return out

    def _ensure_folders(self, d: Decision) -> list[str]:
        """``RUN mkdir -p`` for the copied folders that some images of the family do not have."""
        paths = [a.path for a in self._artifacts() if a.ensure]
        if not paths:
            return []
        if d.user and d.user not in ("root", "0", "0:0", "root:root"):
            raise CannotRefactor(f"{' '.join(paths)} may be missing in the builder, and its USER {d.user} "
                                 "cannot create it")
        self.changes.append(Change("builder", f"`mkdir -p {' '.join(paths)}` after the build: the installer "
                                              "uses it on some images only, and the runtime copies it",
                                   d.group.inst.start_line))
        return [self.line(f"{self.kw('run')} mkdir -p {' '.join(paths)}")]

    def _test_stage(self) -> list[str]:
        out = [self.nl, self.line(f"{self.kw('from')} {self.builder_name} {self.kw('as')} {self.names['test']}")]
        for d in self.plan.decisions:
            if d.where == Where.TEST:
                out.append("".join(i.text for i in d.group.before if isinstance(i, Comment)))
                out.append(self._ensure_newline(d.group.inst.text))
                self.changes.append(Change("test", f"moved the test run to the '{self.names['test']}' stage "
                                                   f"(build it with --target {self.names['test']}); the runtime "
                                                   "does not depend on it", d.group.inst.start_line))
        return out

    def _runtime_stage(self) -> list[str]:
        p = self.plan
        name = self.names["runtime"]
        out = [self.nl, self.line(f"{self.kw('from')} {p.runtime_image} {self.kw('as')} {name}")]
        if p.runtime_image != p.builder_image:
            self.changes.append(Change("runtime", f"the runtime stage '{name}' starts from {p.runtime_image} "
                                                  f"instead of {p.builder_image}"))
        else:
            self.changes.append(Change("runtime", f"the runtime stage '{name}' starts from the same image, "
                                                  f"{p.runtime_image}, without the build-only packages"))
        body: list[tuple[Decision | None, str]] = []
        packages_done = False
        setup_by_index = dict(p.runtime_setup)
        copied = self._artifacts()
        for k, d in enumerate(p.decisions):
            inst = d.group.inst
            if d.where == Where.RUNTIME:
                body.append((d, "".join(i.text for i in d.group.before) + self._ensure_newline(inst.text)))
            elif d.where == Where.BOTH:
                if inst.cmd == "arg":
                    continue  # added below when the runtime uses it
                if inst.cmd in ("copy", "add") and self._covered(d, copied):
                    continue
                body.append((d, self._ensure_newline(inst.text)))
            elif d.role is Role.PACKAGES and not packages_done:
                packages_done = True
                text = self._packages_run(d)
                if text:
                    body.append((d, text))
            if k in setup_by_index:
                body.append((d, self.line(f"{self.kw('run')} {setup_by_index[k]}")))
            if k == p.last_build:
                if not packages_done and p.packages:
                    packages_done = True
                    body.append((None, self._packages_run(None)))
                for art in copied:
                    chown = ""
                    if d.user and d.user not in ("root", "0", "0:0", "root:root"):
                        chown = f" --chown={d.user}"
                    body.append((d, self.line(f"{self.kw('copy')} --from={self.builder_name}{chown} "
                                              f"{art.path} {art.target}")))
                    self.changes.append(Change("artifact", f"the runtime copies {art.path} from the builder: "
                                                           f"{art.reason}", d.group.inst.start_line))
                body += [(d, text) for text in self._setup_after_copies(d)]
        if not packages_done and p.packages:
            body.insert(0, (None, self._packages_run(None)))
        # ARGs the runtime stage uses come along, before their first use
        used: set[str] = set()
        for _, text in body:
            used |= variables_used(text)
        args = [d for d in p.decisions if d.group.inst.cmd == "arg"
                and any(w.split("=", 1)[0] in used for w in d.group.inst.value)]
        texts = [self._ensure_newline(d.group.inst.text) for d in args]
        for d in p.decisions:
            if d.group.inst.cmd == "arg" and d not in args:
                self.changes.append(Change("arg", f"ARG {' '.join(d.group.inst.value)} stays in the builder: "
                                                  "the runtime does not use it", d.group.inst.start_line))
        return out + texts + self._with_runtime_user([t for _, t in body])

    def _setup_after_copies(self, last: Decision) -> list[str]:
        """The folders, links and modes the build RUNs set up, repeated once the artifacts are in place,
        as the same user and in the same folder as in the original."""
        out = []
        for k, text in self.plan.runtime_after:
            d = self.plan.decisions[k]
            if (d.user or "root") != (last.user or "root") or d.workdir != last.workdir:
                raise CannotRefactor(f"RUN at line {d.group.inst.start_line} sets up the environment as another "
                                     "user or in another folder than the last build step; the runtime cannot "
                                     "repeat it after the copies")
            out.append(self.line(f"{self.kw('run')} {text}"))
            self.changes.append(Change("runtime", f"the runtime repeats `{text}`: the environment setup of a "
                                                  "build step", d.group.inst.start_line))
        return out

    def _with_runtime_user(self, body: list[str]) -> list[str]:
        """``runtime_user`` (configuration): a runtime that would run as root runs as this user."""
        user = self.runtime_user
        if not user or any(d.group.inst.cmd == "user" for d in self.plan.decisions):
            return body
        image = self.plan.runtime_image
        lines: list[str] = []
        if not user.split(":")[0].isdigit():
            if "distroless" in image or image == "scratch":
                if user not in ("nonroot", "nonroot:nonroot"):
                    raise CannotRefactor(f"runtime_user {user!r}: {image} has no user database to add it to; "
                                         "use a numeric id")
            elif "alpine" in image:
                lines.append(self.line(f"{self.kw('run')} addgroup -S {user} && adduser -S -G {user} {user}"))
            else:
                lines.append(self.line(f"{self.kw('run')} groupadd --system {user} "
                                       f"&& useradd --system --gid {user} --no-create-home {user}"))
        lines.append(self.line(f"{self.kw('user')} {user}"))
        self.changes.append(Change("runtime", f"the runtime runs as {user} (runtime_user), not as root"))
        at = len(body)
        for k, text in enumerate(body):
            first = text.lstrip().split(None, 1)[0].lower() if text.strip() else ""
            if first in ("cmd", "entrypoint", "healthcheck", "expose", "#"):
                at = k
                break
        return body[:at] + lines + body[at:]

    def _artifacts(self) -> list:
        arts = []
        for a in self.plan.artifacts:
            if any(o is not a and _inside(a.path, o.path) and o.path != a.path for o in self.plan.artifacts):
                continue
            if any(o.path == a.path for o in arts):
                continue
            arts.append(a)
        return arts

    def _covered(self, d: Decision, copied: list) -> bool:
        """A context COPY the runtime does not need: covered by a copied folder, or a
        build input of a compiled program."""
        inst = d.group.inst
        if inst.flag("from") is not None:
            return False
        dest = inst.value[-1] if inst.value else ""
        dest_abs = posixpath.normpath(posixpath.join(d.workdir, dest))
        index = self.plan.decisions.index(d)
        if any(a.whole_dir and _inside(dest_abs, a.path) for a in copied) and index < self.plan.last_build:
            return True
        if self.plan.kind in COMPILED and index < self.plan.last_build:
            # a build input of a compiled program; files put elsewhere (config in /etc) stay
            build_dirs = {x.workdir for x in self.plan.decisions if x.role is Role.BUILD}
            return any(_inside(dest_abs, w) for w in build_dirs)
        return False

    def _packages_run(self, d: Decision | None) -> str:
        p = self.plan
        if p.dropped_packages:
            self.changes.append(Change("packages", "left the build-only packages " + ", ".join(p.dropped_packages)
                                       + " in the builder: compilers and headers are not needed at run time",
                                       d.group.inst.start_line if d else 0))
        for dev, libs in p.library_map:
            self.changes.append(Change("packages", f"the runtime installs {', '.join(libs)}, the shared "
                                                   f"libraries behind {dev}"))
        if not p.packages:
            return ""
        if d is not None:
            edited = drop_words_or_none(d, p)
            if edited is not None:
                return "".join(i.text for i in d.group.before if isinstance(i, Comment)) + \
                    self._ensure_newline(edited)
            others = [c for c, cl in zip(d.commands, d.claims, strict=True)
                      if cl.ecosystem != "system" and c.name not in ("rm", "set", "true", "cd")]
            if others:
                raise CannotRefactor(f"the package RUN at line {d.group.inst.start_line} also runs "
                                     f"`{others[0].name}`, and the tool could not edit it in place")
        pkgs = " ".join(p.packages)
        env = "".join(f"{k}={shlex.quote(v)} " for k, v in p.package_env)  # DEBIAN_FRONTEND, ACCEPT_EULA...
        if p.package_manager == "apk":
            return self.line(f"{self.kw('run')} {env}apk add --no-cache {pkgs}")
        if p.package_manager == "rpm":
            return self.line(f"{self.kw('run')} {env}yum install -y {pkgs} && yum clean all")
        return self.line(f"{self.kw('run')} apt-get update && {env}apt-get install -y --no-install-recommends "
                         f"{pkgs} && rm -rf /var/lib/apt/lists/*")


def _open_ended(inst: Instruction, escape: str) -> bool:
    """Whether the instruction is still open at the end of the file (its last line continues it, or is
    a comment or blank line inside its continuation): text written after it would join it."""
    if inst.heredocs or not inst.lines:
        return False
    last = inst.lines[-1].rstrip("\r\n")
    if len(inst.lines) > 1 and (not last.strip(" \t") or last.lstrip(" \t").startswith("#")):
        return True
    return last.rstrip(" \t").endswith(escape)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


__all__ = ["Blank", "Change", "Options", "Result", "refactor"]
