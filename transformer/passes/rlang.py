"""R: packages installed into the image's own R (``install.packages``, ``install2.r``, ``R CMD INSTALL``), tracked.

R installs a package into the first folder of its library path, the site library under /usr/local
(/usr/local/lib/R/site-library, Debian's r-base-core and the official r-base image), among the image's own files.
The install runs as written and is tracked (see :mod:`transformer.tracking`): the builder copies what it added
under /usr/local into /opt/staged, and stops if it changed files anywhere else but the build folder and /tmp
(where R downloads and builds). The runtime is an image with the same R: the same image, or the distribution's
without the build packages (the -dev packages the compilation needed stay in the builder; the run-time libraries
of the ones the file installs are installed), where it installs the distribution's r-base-core when the stage
installed it and the runtime would not. R code is read only when it is made of install calls (anything else is
left alone). A file the install deletes (an older version of a package the image already had in the site
library, which R replaces) is not tracked: the runtime keeps it.
"""

from __future__ import annotations

import re

from ..analysis import Claim, Role, RunContext, option_value
from ..claims import Finish, Pass, StageFacts
from ..shell import Command
from ..tracking import other_interpreter, tracked

NAME = "r"

_PREFIX = "/usr/local"  # the site library: /usr/local/lib/R/site-library
# environment variables that change R's library path (where install.packages installs)
_LIBRARY_ENV = ("R_LIBS", "R_LIBS_USER", "R_LIBS_SITE")
# the functions install code may call: installers, and what their arguments and guards are made of
_INSTALLERS = frozenset({"install.packages", "install", "install_github", "install_cran", "install_version",
                         "install_bioc", "install_gitlab", "install_bitbucket", "install_url", "install_deps",
                         "install_dev_deps", "install_local"})
_ALLOWED = _INSTALLERS | frozenset({"c", "options", "list", "library", "require", "requireNamespace",
                                    "suppressMessages", "suppressPackageStartupMessages", "stopifnot", "dependencies",
                                    "repos", "getOption"})
_NAMESPACES = frozenset({"utils", "BiocManager", "remotes", "devtools"})
# install code that builds the package of the folder it runs in, or of the folder it names (a build tree there)
_HERE = re.compile(r"\b(install|install_local|install_deps|install_dev_deps)\s*\(\s*\)")
_NAMED = re.compile(r"\b(install\.packages|install|install_local|install_deps|install_dev_deps)\s*\(\s*"
                    r"(?:c\(\s*)?(?:pkgs?\s*=\s*)?['\"]([./][^'\"]*)['\"]")
# littler's scripts (the r-base and rocker images link them into /usr/local/bin) and their options
_LITTLER = frozenset({"install2.r", "install.r", "installGithub.r", "installBioc.r"})
_LITTLER_VALUED = frozenset({"-r", "--repos", "-n", "--ncpus", "-d", "--deps", "-t", "--type", "-m", "--method"})
_LITTLER_FLAGS = frozenset({"-e", "--error", "-s", "--skipinstalled", "--skipmissing", "-u", "--update"})
# R's options before -e that change nothing of where it installs
_R_FLAGS = frozenset({"-q", "--quiet", "--silent", "--slave", "--no-save", "--no-restore", "--vanilla",
                      "--no-echo", "--no-environ", "--no-site-file", "--no-init-file", "--default-packages=NULL"})
# the Debian packages that bring R
_R_PACKAGES = frozenset({"r-base", "r-base-core", "r-base-dev", "r-recommended"})


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name in _LITTLER:
        local = _littler(cmd)
    elif name in ("R", "Rscript"):
        local = _r(cmd)
    else:
        return None
    if local is None:  # not an install the pass reads: data/commands.json's reason stays
        return None
    tree = ctx.abspath(local) if local else "/tmp"
    shown = " ".join(w.text for w in cmd.argv)[:60]
    why = next((v for v in _LIBRARY_ENV if ctx.getenv(v)), None)
    if why is not None:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` installs R packages into the library {why} names, which the "
                                         "tool does not read")
    other = other_interpreter(NAME, shown, "R packages", "R", ctx)
    if other is not None:
        return other
    found = tracked(cmd, ctx, NAME, _PREFIX, shown, tree,
                    elsewhere="a package whose install writes outside R's library")
    if isinstance(found, Claim):
        return found
    return Claim(Role.BLOCKED, NAME, f"`{shown}` installs R packages into R's site library under {_PREFIX}, "
                                     f"among the image's own files: what it added cannot be copied apart; {found}")


def _littler(cmd: Command) -> str | None:
    """The folder of a package littler's install script builds in place (``install.r .``), "" when it builds
    none; None when an option the pass does not read (``-l``: another library) or a variable is given."""
    packages: list[str] = []
    skip = False
    for a in cmd.args:
        if skip:
            skip = False
            continue
        if a is None or "$" in a:
            return None
        if a.startswith("-"):
            if a in _LITTLER_VALUED:
                skip = True
            elif a.split("=", 1)[0] not in _LITTLER_VALUED and a not in _LITTLER_FLAGS:
                return None
            continue
        packages.append(a)
    if not packages:
        return None
    return _folder(packages)


def _folder(packages: list[str]) -> str:
    """The folder of the first package given as a path that is not an archive (R builds it in place), else ""
    (R builds a package it downloads or an archive it unpacks in its temporary folder, under /tmp)."""
    return next((p for p in packages if p.startswith((".", "/")) and not p.endswith((".tar.gz", ".tgz", ".zip"))),
                "")


def _r(cmd: Command) -> str | None:
    """``R -e CODE``, ``Rscript -e CODE`` (code made of install calls) or ``R CMD INSTALL``: the folder of a
    package it builds in place ("" when none); None when it is not one of those."""
    args = cmd.args
    if cmd.name == "R" and len(args) >= 2 and args[0] == "CMD":
        if args[1] != "INSTALL" or option_value(args, "-l", "--library") is not None:
            return None
        if any(a is None or "$" in a for a in args[2:]):
            return None
        return _folder([a for a in args[2:] if a is not None and not a.startswith("-")])
    codes: list[str] = []
    k = 0
    while k < len(args):
        a = args[k]
        if a == "-e" and k + 1 < len(args):
            code = args[k + 1]
            if code is None:
                return None
            codes.append(code)
            k += 2
            continue
        if a is None or a not in _R_FLAGS:
            return None
        k += 1
    if not codes or not all(_installs_only(c) for c in codes):
        return None
    if any(_HERE.search(c) for c in codes):
        return "."
    return _folder([m.group(2) for c in codes for m in _NAMED.finditer(c)])


def _installs_only(code: str) -> bool:
    """Whether R ``code`` only installs packages: it calls installers (and what builds their arguments) only,
    names no library (``lib =``), and installs something."""
    bare = re.sub(r"'[^']*'|\"[^\"]*\"", "''", code)  # strings say nothing of what runs
    if re.search(r"\blib\s*=|\$|`|<-|->|=\s*function|\bsource\b|\bsystem\b", bare):
        return False
    calls = re.findall(r"([A-Za-z_.][\w.]*(?:::[\w.]+)?)\s*\(", bare)
    names = []
    for call in calls:
        space, _, fn = call.rpartition("::")
        if space and space not in _NAMESPACES:
            return False
        names.append(fn)
    return bool(names) and all(n in _ALLOWED or n == "if" for n in names) and any(n in _INSTALLERS for n in names)


def finish(facts: StageFacts) -> Finish | None:
    """The distribution's R, when the stage installed it and the runtime does not install it: the packages the
    builder tracked run with it."""
    if not any(c.ecosystem == NAME and c.role is Role.BUILD for d in facts.decisions for c in d.claims):
        return None
    installed = {p.split("=", 1)[0] for d in facts.decisions for c in d.claims
                 if c.packages is not None and c.packages.action == "install" for p in c.packages.packages}
    kept = {p.split("=", 1)[0] for p in facts.kept_packages}
    if not installed & _R_PACKAGES or kept & _R_PACKAGES:
        return None
    return Finish(runtime_packages=("r-base-core",), notes=(
        "the R packages the build installed run with the distribution's R: the runtime installs r-base-core",))


PASS = Pass(NAME, "R: install.packages/install2.r/R CMD INSTALL into the image's own R, tracked", claim, finish)
