"""System packages: apt-get/apt, apk, yum/dnf/microdnf."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..analysis import Artifact, Claim, PackageOp, Role, RunContext, option_value, positional
from ..claims import PACKAGE_FILES, Housekeeping, PackageWord, Pass
from ..distro import release_of
from ..images import data
from ..shell import Command

NAME = "system"


@dataclass(frozen=True, slots=True)
class Manager:
    """How one family of package managers reads its command line."""

    name: str  # the PackageOp manager: apt, apk, rpm
    commands_key: str  # its command names in data/commands.json
    value_options: frozenset[str]  # options that take the next word
    install: frozenset[str]
    remove: frozenset[str]


MANAGERS = (
    Manager("apt", "apt_managers", frozenset({"-o", "-t", "-c", "--target-release", "--option", "--config-file"}),
            frozenset({"install"}), frozenset({"remove", "purge"})),
    Manager("apk", "apk_managers",
            frozenset({"-t", "--virtual", "-X", "--repository", "--root", "-p", "--cache-dir"}),
            frozenset({"add"}), frozenset({"del"})),
    Manager("rpm", "rpm_managers",
            frozenset({"--setopt", "--enablerepo", "--disablerepo", "-c", "--config", "--installroot"}),
            frozenset({"install", "groupinstall", "localinstall"}), frozenset({"remove", "erase", "groupremove"})),
)


def _words(cmd: Command, m: Manager) -> tuple[str | None, ...]:
    return tuple(_long(m, w.value) if w.value is not None else w.text for w in cmd.argv[1:])


# apk's long options (getopt_long: an unambiguous prefix names one, `--virt .deps` is `--virtual .deps`)
_APK_LONG = ("--virtual", "--verbose", "--version", "--repository", "--repositories-file", "--root", "--cache-dir",
             "--update-cache", "--no-cache", "--upgrade", "--latest", "--quiet", "--interactive", "--progress",
             "--no-progress", "--purge", "--allow-untrusted", "--wait", "--keys-dir", "--arch", "--force",
             "--force-overwrite", "--force-broken-world", "--no-network", "--print-arch", "--initdb",
             "--clean-protected", "--no-scripts", "--usermode", "--simulate", "--available", "--recursive",
             "--rdepends", "--no-chown", "--help")


def _long(m: Manager, value: str | None) -> str | None:
    """``value`` with apk's abbreviated long option written out (``--virt`` -> ``--virtual``)."""
    if m.name != "apk" or value is None or not value.startswith("--") or "=" in value \
            or value in _APK_LONG:
        return value
    named = [o for o in _APK_LONG if o.startswith(value)]
    return named[0] if len(named) == 1 else value


def _manager(cmd: Command) -> Manager | None:
    table = data("commands.json")
    found = next((m for m in MANAGERS if cmd.name in table[m.commands_key]), None)
    return found or _command_manager(cmd)


def _command_manager(cmd: Command) -> Manager | None:
    """The manager behind a command that installs packages under another name (``install_packages``)."""
    spec = data("commands.json")["package_commands"].get(cmd.name or "")
    return next((m for m in MANAGERS if m.name == spec["manager"]), None) if spec else None


_STANDARD = frozenset({"apt-get", "apt", "aptitude", "apk", "yum", "dnf", "microdnf"})


def _tools(cmd: Command) -> tuple[str, ...] | None:
    """A package command of another name than the family's own (``apt-fast``, ``install_packages``): the
    runtime that repeats its install needs that command too."""
    return None if cmd.name in _STANDARD else (cmd.name or "",)


def packages_of(cmd: Command, ctx: RunContext | None = None) -> PackageOp | None:
    """The packages a package-manager command installs or removes (None for update, clean...). A word
    made of one variable (``$buildDeps``) names the packages of its value, known from ENV, ARG defaults or
    an assignment earlier in the RUN."""
    m = _manager(cmd)
    if m is None:
        return None
    if _command_manager(cmd) is not None and cmd.name not in data("commands.json")[m.commands_key]:
        return _command_install(cmd, m, ctx)
    args = _words(cmd, m)
    pos = positional(args, m.value_options)
    if not pos:
        return None
    action = pos[0]
    if action not in m.install and action not in m.remove:
        return None
    words, unknown = _package_words(cmd, m, ctx)
    files = tuple(w for w in words if _names_file(w, m.name)) if action in m.install else ()
    words = tuple(w for w in words if w not in files)
    pkgs = tuple(p for w in words for p in w.names)
    verb = next(k for k, w in enumerate(cmd.argv) if k > 0 and w.value == action)
    flags_end = cmd.argv[verb].end
    for w in cmd.argv[verb + 1:]:
        if w.value is None or not w.value.startswith("-") or _long(m, w.value) in m.value_options:
            break
        flags_end = w.end
    if any(a in _LEAN_OPTIONS for a in args) and \
            not any(w.value in _LEAN_OPTIONS and w.text.strip("'\"") == w.value for w in cmd.argv):
        # `$APT_INSTALL` set to `apt-get install --no-install-recommends`: no place for an option
        flags_end = -1
    if action in m.install:
        virtual = option_value(args, "--virtual", "-t") if m.name == "apk" else None
        env = tuple((k, v) for k, v in cmd.assignments if v is not None)
        repository = option_value(args, "--repository", "-X") if m.name == "apk" else None
        return PackageOp(m.name, "install", pkgs, virtual, env, words, flags_end, unknown, repository,
                         files=files)
    return PackageOp(m.name, "remove", pkgs, words=words, flags_end=flags_end, unknown=unknown,
                     autoremove=_takes_dependencies(m, cmd.name, args))


_AUTOREMOVE = frozenset({"--auto-remove", "--autoremove"})


def _takes_dependencies(m: Manager, name: str | None, args: tuple[str | None, ...]) -> bool:
    """Whether a removal takes the dependencies nothing else needs along: apk's always do, dnf's by default
    (clean_requirements_on_remove), apt's with --auto-remove; yum's and a plain apt purge leave them."""
    if m.name == "apk" or name in ("dnf", "microdnf"):
        return True
    return m.name == "apt" and any(a in _AUTOREMOVE for a in args)


def _command_install(cmd: Command, m: Manager, ctx: RunContext | None) -> PackageOp | None:
    """``install_packages curl git``: every word is a package; the command already installs lean (apt without
    recommended packages, apk without an index cache), so no option is added (``flags_end`` -1)."""
    words, unknown = _package_words(cmd, m, ctx, verb_seen=True)
    if not words and unknown is None:
        return None
    env = tuple((k, v) for k, v in cmd.assignments if v is not None)
    return PackageOp(m.name, "install", tuple(p for w in words for p in w.names), None, env, words, -1, unknown)


_LEAN_OPTIONS = frozenset({"--no-install-recommends", "--no-cache"})
_ONE_VARIABLE = re.compile(r'^"?\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))"?$')


def _package_words(cmd: Command, m: Manager, ctx: RunContext | None,
                   verb_seen: bool = False) -> tuple[tuple[PackageWord, ...], str | None]:
    """The words after the verb that name packages; and the first word whose packages are not known."""
    out: list[PackageWord] = []
    unknown: str | None = None
    skip_next = False
    seen_verb = verb_seen
    for w in cmd.argv[1:]:
        if skip_next:
            skip_next = False
            continue
        value = w.value
        if value is not None and value.startswith("-") and value != "-":
            skip_next = _long(m, value) in m.value_options
            continue
        if not seen_verb:
            seen_verb = True
            continue
        if value is not None:
            out.append(PackageWord(w.start, w.end, w.text, (value,)))
            continue
        found = _ONE_VARIABLE.match(w.text)
        known = ctx.getenv(found.group(1) or found.group(2)) if found and ctx is not None else None
        if known is None:
            unknown = unknown or w.text
        else:
            out.append(PackageWord(w.start, w.end, w.text, tuple(known.split())))
    return tuple(out), unknown


def _names_file(word: PackageWord, manager: str) -> bool:
    """Whether a word of an install names a package file, not a package: apt reads a path (a word with a slash)
    ending in .deb as one, yum and dnf a word ending in .rpm, apk one ending in .apk; a URL the tool fetches."""
    if len(word.names) != 1 or "://" in word.names[0]:
        return False
    name = word.names[0]
    if manager == "apt":
        return "/" in name and name.endswith(".deb")
    return name.endswith(".rpm" if manager == "rpm" else ".apk")


_UPGRADES = frozenset({"upgrade", "dist-upgrade", "full-upgrade"})


def _rpm_update_all(cmd: Command) -> bool:
    """``yum update -y``, ``dnf update``: rpm's managers update every installed package with `update` and no package
    named (apt's `update` only refreshes the lists)."""
    m = _manager(cmd)
    return m is not None and m.name == "rpm" and positional(_words(cmd, m), m.value_options) == ["update"]


# dnf's (and yum's, where yum is dnf) commands that choose where packages come from, by their subcommand (None: any)
_REPOSITORY_VERBS: dict[str, frozenset[str] | None] = {
    "copr": frozenset({"enable", "disable", "remove"}),
    "config-manager": None,
    "module": frozenset({"enable", "disable", "reset", "switch-to"}),
}


def _repository_setup(cmd: Command) -> bool:
    """``dnf copr enable owner/project``, ``dnf config-manager --add-repo URL``, ``dnf module enable nodejs:18``."""
    m = _manager(cmd)
    if m is None or m.name != "rpm" or _command_manager(cmd) is not None:
        return False
    pos = positional(_words(cmd, m), m.value_options)
    if not pos or pos[0] not in _REPOSITORY_VERBS:
        return False
    subs = _REPOSITORY_VERBS[pos[0]]
    return subs is None or (len(pos) > 1 and pos[1] in subs)


def _verb(cmd: Command) -> str | None:
    m = _manager(cmd)
    if m is None:
        return None
    pos = positional(_words(cmd, m), m.value_options)
    return pos[0] if pos else None


_DPKG_READS = frozenset({"--print-architecture", "--print-foreign-architectures", "-l", "--list", "-L",
                         "--listfiles", "-s", "--status", "-S", "--search", "--get-selections", "--compare-versions",
                         "-c", "--contents", "--version", "-I", "--info"})


def _file_words(cmd: Command, takes_value: frozenset[str] = frozenset()) -> tuple[PackageWord, ...]:
    """The words of a command that are not options (an option in ``takes_value`` eats the next word): the package
    files of ``dpkg -i``, ``gdebi`` and ``rpm -i``, with their values (a variable the stage sets read)."""
    out: list[PackageWord] = []
    skip = False
    for w in cmd.argv[1:]:
        value = w.value
        if skip:
            skip = False
            continue
        if value is not None and value.startswith("-") and value != "-":
            skip = value in takes_value
            continue
        out.append(PackageWord(w.start, w.end, w.text, (value,) if value is not None else ()))
    return tuple(out)


def _stashed(op: PackageOp, cmd: Command, ctx: RunContext, tools: tuple[str, ...] | None = None) -> Claim:
    """An install of package files: the runtime installs them too, from the copy the builder keeps in PACKAGE_FILES
    right before the command (blocked where that copy cannot be made or named)."""
    name = cmd.name or ""
    shown = " ".join(w.text for w in op.files)[:40]
    why = f"`{name}` installs a package from a file ({shown})"
    unknown = next((w.text for w in op.files if not w.names or "$" in w.names[0]
                    or not posixpath.basename(w.names[0])), None)
    if not op.files:
        return Claim(Role.BLOCKED, NAME, f"`{name}` installs a package from a file it does not name as a word")
    if unknown is not None:
        return Claim(Role.BLOCKED, NAME, f"{why} named by a variable whose value the file does not show ({unknown}): "
                                         "the runtime, which installs it too, could not be given that file")
    if ctx.user not in (None, "", "root", "0", "0:0", "root:root"):
        return Claim(Role.BLOCKED, NAME, f"{why} as USER {ctx.user}: the builder, which keeps a copy of it for the "
                                         f"runtime in {PACKAGE_FILES}, cannot write there as that user")
    if ctx.piped_from is not None or ctx.after in ("||", "|") or cmd.negated:
        return Claim(Role.BLOCKED, NAME, f"{why} in a pipe or after `||`, where the builder cannot copy the file "
                                         "for the runtime right before the command")
    texts = " ".join(w.text for w in op.files)
    stash = f"mkdir -p {PACKAGE_FILES} && cp {texts} {PACKAGE_FILES}/ && "
    return Claim(Role.PACKAGES, NAME, f"{why}; the builder keeps a copy in {PACKAGE_FILES}, from which the runtime "
                                      "installs it too", packages=op, tools=tools, builder_insert=(cmd.start, stash))


def _file_install(cmd: Command, ctx: RunContext, manager: str, takes_value: frozenset[str] = frozenset()) -> Claim:
    """``dpkg -i``, ``gdebi``, ``rpm -i``: every word that is no option is a package file; no package index is read
    (gdebi reads apt's to install the dependencies)."""
    env = tuple((k, v) for k, v in cmd.assignments if v is not None)
    op = PackageOp(manager, "install", (), env=env, files=_file_words(cmd, takes_value))
    return _stashed(op, cmd, ctx, tools=(cmd.name or "",))


_RPM_TAKES_VALUE = frozenset({"--root", "--dbpath", "--prefix", "--relocate", "--excludepath", "--define", "-D"})
_RPM_INSTALLS = re.compile(r"^-[a-zA-Z]*[iUF][a-zA-Z]*$|^--(install|upgrade|freshen|reinstall)$")


def _rpm(cmd: Command, ctx: RunContext, args: list[str]) -> Claim:
    if any(a.startswith(("-q", "--query", "--verify", "-V")) for a in args):
        return Claim(Role.NEUTRAL, NAME)
    if any(a in ("--rebuilddb", "--initdb") for a in args):  # the package database, for the installs after it
        return Claim(Role.NEUTRAL, NAME, housekeeping=Housekeeping.PACKAGES)
    if any("://" in a for a in args):  # a repository package from the network: repeated
        return Claim(Role.SETUP, NAME, "`rpm` installs a package from the network; the runtime repeats it")
    if any(a in ("-e", "--erase") for a in args):  # packages of the image removed (`rpm -e --nodeps git`)
        words = tuple(w for w in _file_words(cmd, _RPM_TAKES_VALUE) if w.names)
        return Claim(Role.PACKAGES, NAME, packages=PackageOp("rpm", "remove", tuple(n for w in words for n in w.names),
                                                             words=words), tools=("rpm",))
    if any(_RPM_INSTALLS.match(a) for a in args):
        return _file_install(cmd, ctx, "rpm", _RPM_TAKES_VALUE)
    return Claim(Role.BLOCKED, NAME, f"`rpm {' '.join(args)[:40]}` changes the system's packages in a way the tool "
                                     "does not know")


_DPKG_REMOVES = frozenset({"-r", "--remove", "-P", "--purge"})


def _dpkg_remove(cmd: Command) -> Claim | None:
    """``dpkg --remove build-essential zlib1g-dev``: a removal of the packages named, as apt's without
    --auto-remove (their dependencies stay)."""
    words = [w for w in cmd.argv[1:] if w.value is None or not w.value.startswith("-")]
    if not words or any(w.value is None for w in words) or \
            any(a not in _DPKG_REMOVES and not a.startswith("--force-") for a in (w.value or "" for w in cmd.argv[1:]
                                                                                  if w not in words)):
        return None
    found = tuple(PackageWord(w.start, w.end, w.text, (w.value or "",)) for w in words)
    return Claim(Role.PACKAGES, NAME, packages=PackageOp("apt", "remove", tuple(w.names[0] for w in found),
                                                         words=found))


def _dpkg_extract(cmd: Command, ctx: RunContext) -> Claim | None:
    """``dpkg -x docker.deb /tmp/docker``: the package file's files unpacked into a folder, not installed (the
    package system does not know them): a build output, like an archive unpacked there."""
    archive, folder = cmd.args[1], cmd.args[2]
    if archive is None or folder is None or "$" in folder:
        return None
    where = ctx.abspath(folder)
    if where == "/" or where in _SYSTEM_TOPS:
        return Claim(Role.BLOCKED, NAME, f"`dpkg -x` unpacks {archive} into {where}, among the system's files: "
                                         "what it adds cannot be copied apart")
    return Claim(Role.BUILD, NAME, f"`dpkg -x` unpacks {archive} into {where}",
                 artifacts=(Artifact(where, reason="the files of a package file, unpacked", whole_dir=True),))


# the folders the system's packages fill
_SYSTEM_TOPS = frozenset({"/bin", "/sbin", "/lib", "/lib64", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/share",
                          "/usr/local", "/etc", "/var", "/opt"})


def _dpkg_and_friends(cmd: Command, ctx: RunContext) -> Claim | None:
    """dpkg, apt-mark, rpm and the repository tools: what they do to the system's packages."""
    name, args = cmd.name, [a or "" for a in cmd.args]
    if name == "dpkg":
        if any(a in _DPKG_READS for a in args):
            return Claim(Role.NEUTRAL, NAME)
        if "--add-architecture" in args or "--set-selections" in args:
            return Claim(Role.SETUP, NAME, "`dpkg` configures the package system; the runtime repeats it")
        if "--configure" in args:
            return Claim(Role.NEUTRAL, NAME, housekeeping=Housekeeping.PACKAGES)
        if any(a in ("-R", "--recursive") for a in args):
            return Claim(Role.BLOCKED, NAME, "`dpkg -R` installs the package files of a folder, which the tool does "
                                             "not list to give the runtime")
        if any(a in ("-i", "--install") or (a.startswith("-") and not a.startswith("--") and "i" in a) for a in args):
            return _file_install(cmd, ctx, "apt")
        if any(a in _DPKG_REMOVES for a in args):
            return _dpkg_remove(cmd)
        if args[:1] in (["-x"], ["--extract"]) and len(args) == 3:
            return _dpkg_extract(cmd, ctx)
        return None
    if name == "dpkg-divert":
        return Claim(Role.SETUP, NAME, "`dpkg-divert` sets a file aside; the runtime repeats it")
    if name == "apt-mark":
        return Claim(Role.NEUTRAL, NAME, housekeeping=Housekeeping.PACKAGES)
    if name in ("gdebi", "gdebi-core"):
        return _file_install(cmd, ctx, "apt", frozenset({"-o", "--option"}))
    if name == "alien":
        return Claim(Role.BLOCKED, NAME, "`alien` converts a package file of another distribution and installs it: "
                                         "the runtime would need alien, whose dependencies are build tools (debhelper, "
                                         "make), to do it again")
    if name == "yum-config-manager" or (name == "rpm" and "--import" in args):
        return Claim(Role.SETUP, NAME, f"`{name}` configures the package repositories; the runtime repeats it")
    if name == "rpm":
        return _rpm(cmd, ctx, args)
    return None


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if _manager(cmd) is None:
        return _dpkg_and_friends(cmd, ctx)
    foreign = _foreign_manager(cmd, ctx)
    if foreign is not None:
        return foreign
    op = packages_of(cmd, ctx)
    if op is not None and op.files:  # `apt-get install ./x.deb`: the runtime needs the file too
        return _stashed(op, cmd, ctx, tools=_tools(cmd))
    if op is None and _manager(cmd).name == "apt" and _verb(cmd) in ("download", "source"):  # type: ignore[union-attr]
        # package files (or sources) fetched into the working folder, for the build; the runtime gets what a
        # later `dpkg -i` installs of them from the builder's copy
        return Claim(Role.BUILD, NAME, f"`{cmd.name} {_verb(cmd)}` fetches package files into {ctx.workdir}")
    if op is None and _command_manager(cmd) is None and (_verb(cmd) in _UPGRADES or _rpm_update_all(cmd)):
        # the runtime's packages are upgraded as the original's
        return Claim(Role.PACKAGES, NAME, packages=PackageOp(_manager(cmd).name, "upgrade", ()))  # type: ignore[union-attr]
    if op is None and _repository_setup(cmd):
        return Claim(Role.SETUP, NAME, f"`{cmd.name} {_verb(cmd)}` chooses the repositories (or module streams) the "
                                       "packages come from; the runtime repeats it")
    if op is None:  # update, upgrade, clean, autoremove, makecache...: kept with the installs they serve
        return Claim(Role.NEUTRAL, NAME, housekeeping=Housekeeping.PACKAGES)
    return Claim(Role.PACKAGES, NAME, packages=op, tools=_tools(cmd))


def _foreign_manager(cmd: Command, ctx: RunContext) -> Claim | None:
    """apk on an image known to be Debian's or Ubuntu's (or apt-get on Alpine's): that image has no such command,
    and the build fails there (dev 0e00795e's `apk add nodejs` on ubuntu:latest): the file is left alone."""
    manager = _manager(cmd)
    debian_like = release_of(ctx.image.shown) is not None
    if manager is not None and ((manager.name == "apk" and debian_like)
                                or (manager.name == "apt" and ctx.image.is_alpine)):
        return Claim(Role.BLOCKED, NAME, f"`{cmd.name}` is the package manager of another distribution than "
                                         f"{ctx.image.shown}'s, which has no such command: the build fails there")
    return None


PASS = Pass(NAME, "system packages: apt-get/apt, apk, yum/dnf/microdnf", claim)
