"""Perl: ``cpanm`` and ``cpan`` installing modules into the image's own Perl, tracked.

Modules go into the Perl's site library under /usr/local (Debian's perl: /usr/local/share/perl and
/usr/local/lib/<arch>/perl; the official perl image, whose Perl is built under /usr/local: site_perl there), with
their commands in /usr/local/bin, among the image's own files. The install runs as written and is tracked (see
:mod:`transformer.tracking`): the builder copies what it added under /usr/local into /opt/staged, and stops if it
changed files anywhere else but the build folder, /tmp and the installer's own work folder (~/.cpanm, ~/.cpan).
The runtime is an image with the same Perl: the same image, or the distribution's without the build packages,
where it installs the distribution's perl when the stage installed it (cpanminus brings it) and the runtime
would not. A file the install deletes (an older version's) is not tracked: the runtime keeps it.
"""

from __future__ import annotations

import posixpath

from ..analysis import Claim, Role, RunContext
from ..claims import Finish, Pass, StageFacts
from ..shell import Command
from ..tracking import other_interpreter, tracked

NAME = "perl"

_PREFIX = "/usr/local"  # where both Debian's perl and the official image's put what cpan installs
# cpanm's options that change nothing of where modules go (flags, and those that take a value: _VALUED)
_CPANM_FLAGS = frozenset({"-n", "--notest", "-v", "--verbose", "-q", "--quiet", "-f", "--force", "--no-wget",
                          "--no-lwp", "--no-curl", "--no-man-pages", "--skip-installed", "--skip-satisfied",
                          "--installdeps", "--reinstall", "--no-interactive", "--mirror-only", "--with-develop",
                          "--with-recommends", "--with-suggests", "--with-all-features", "--with-configure",
                          "--without-develop", "--without-recommends", "--without-suggests", "--prompt",
                          "--no-prompt", "--verify", "--cascade-search", "--test-only", "--self-contained"})
_CPANM_VALUED = frozenset({"--mirror", "--from", "-M", "--cpanfile", "--with-feature", "--without-feature",
                           "--configure-timeout", "--build-timeout", "--test-timeout", "--pp", "--exclude-vendor"})
_CPAN_FLAGS = frozenset({"-i", "-T", "-f", "-t"})
# what only asks the installer about itself
_QUERIES = frozenset({("--version",), ("-V",), ("-v",), ("--help",), ("-h",)})
# environment variables that send an install elsewhere (local::lib's, ExtUtils::MakeMaker's, Module::Build's)
_ELSEWHERE = ("PERL_MM_OPT", "PERL_MB_OPT", "PERL_LOCAL_LIB_ROOT", "PERL_CPANM_OPT")
# the Debian packages that bring the Perl cpanm runs (cpanminus depends on perl)
_PERL_PACKAGES = frozenset({"perl", "cpanminus", "libperl-dev"})


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name not in ("cpanm", "cpan"):
        return None
    words, unread = _modules(cmd)
    shown = " ".join(w.text for w in cmd.argv)[:60]
    if unread is not None and cmd.args not in _QUERIES:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` is given {unread}, which the tool does not read (`-l`, `-L`: "
                                         "a local::lib), so where it installs the Perl modules "
                                         "is not known")
    if not words:  # a query, `cpan` alone (its shell): data/commands.json's reason stays
        return None
    why = next((v for v in _ELSEWHERE if ctx.getenv(v)), None)
    if why is not None:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` installs Perl modules where {why} says (a local::lib, "
                                         "INSTALL_BASE), which the tool does not read")
    other = other_interpreter(NAME, shown, "Perl modules", "perl", ctx)
    if other is not None:
        return other
    home = ctx.home()
    caches = tuple(posixpath.join(home, c) for c in (".cpanm", ".cpan")) if home and "$" not in home else ()
    if not caches:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` installs Perl modules keeping its work folder in the home "
                                         "folder of a user whose home the file does not show")
    # `cpanm .` builds the folder in place; a module from CPAN, or an archive, in ~/.cpanm/work
    folder = next((w for w in words if w.startswith((".", "/")) and not w.endswith((".tar.gz", ".tgz", ".zip"))),
                  None)
    tree = ctx.abspath(folder) if folder else caches[0]
    found = tracked(cmd, ctx, NAME, _PREFIX, shown, tree, caches=caches,
                    elsewhere="a module whose installer writes outside Perl's library")
    if isinstance(found, Claim):
        return found
    return Claim(Role.BLOCKED, NAME, f"`{shown}` installs Perl modules into the Perl's site library under "
                                     f"{_PREFIX}, among the image's own files: what it added cannot be copied "
                                     f"apart; {found}")


def _modules(cmd: Command) -> tuple[list[str], str | None]:
    """The modules, distributions or folders ``cmd`` installs, and the first option the pass does not read
    (``-l``: a local::lib; ``cpan -a``: an autobundle) or word a variable names, shown."""
    flags, valued = (_CPANM_FLAGS, _CPANM_VALUED) if cmd.name == "cpanm" else (_CPAN_FLAGS, frozenset[str]())
    out: list[str] = []
    skip = False
    for a in cmd.args:
        if skip:
            skip = False
            continue
        if a is None or "$" in a:
            return out, "a word a variable names"
        if a.startswith("-"):
            name = a.split("=", 1)[0]
            if name in valued:
                skip = "=" not in a
            elif a not in flags and not (cmd.name == "cpanm" and _combined(a)):
                return out, f"the option `{a}`"
            continue
        out.append(a)
    return out, None


def _combined(a: str) -> bool:
    """cpanm's short flags given together (``-vn``, ``-nq``)."""
    return len(a) > 2 and not a.startswith("--") and all(f"-{c}" in _CPANM_FLAGS for c in a[1:])


def finish(facts: StageFacts) -> Finish | None:
    """The distribution's perl, when the stage installed it (or cpanminus, which brings it) and the runtime
    does not install it: the modules the builder tracked run with it. cpanminus itself, a build tool, stays in
    the builder when no command the image runs names it."""
    if not any(c.ecosystem == NAME and c.role is Role.BUILD for d in facts.decisions for c in d.claims):
        return None
    installed = {p.split("=", 1)[0] for d in facts.decisions for c in d.claims
                 if c.packages is not None and c.packages.action == "install" for p in c.packages.packages}
    kept = {p.split("=", 1)[0] for p in facts.kept_packages}
    runs = " ".join(w or "" for run in facts.runs for w in run)
    drop = tuple(p for p in facts.kept_packages if p.split("=", 1)[0] == "cpanminus" and "cpanm" not in runs)
    perl = () if not installed & _PERL_PACKAGES or "perl" in kept else ("perl",)
    if not perl and not drop:
        return None
    return Finish(runtime_packages=perl, drop_packages=drop, notes=(
        *(("the Perl modules cpanm installed run with the distribution's perl: the runtime installs it",)
          if perl else ()),
        *(("cpanminus, which installed the modules, stays in the builder",) if drop else ())))


PASS = Pass(NAME, "Perl: cpanm/cpan installs into the image's own Perl, tracked", claim, finish)
