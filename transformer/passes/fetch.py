"""Downloads and archives: curl/wget to a file, tar and unzip into a folder, checksum checks.

A file fetched to a lasting place (``curl -o /usr/local/bin/tini``) or an archive unpacked into a
folder (``tar -xzf x.tgz -C /opt``) is a build output the runtime copies, so the download tools
stay in the builder. What lands in /tmp is scratch. A script downloaded and run by a shell
(``curl URL | sh``, or saved first: ``curl -o setup.sh URL && bash setup.sh``) is claimed only when
data/commands.json's ``installers`` know it: a package repository's setup the runtime repeats (the
download with it), or a build tool's installer the builder alone runs (its ``chmod`` and ``rm`` with it).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from ..analysis import (
    TAR_OLD_STYLE,
    Artifact,
    Claim,
    Role,
    RunContext,
    env_pairs,
    expand,
    has_flag,
    option_value,
    positional,
    tar_operation,
)
from ..claims import (
    LISTED_INSTALLED,
    STAGING,
    SYSTEM_FOLDER_NAMES,
    Finish,
    Pass,
    StagedInstall,
    StageFacts,
    staged_path,
)
from ..commands import Installer, Manager, installed_by, known_installer, manager_named, script_run
from ..distro import buildpack_dev_base
from ..images import USR_LOCAL, runtime_image, usr_local_has_files
from ..official import tag_exists
from ..packages import DevRuntime, LibrarySource
from ..shell import SHELLS, Command, parse_shell

NAME = "fetch"

_SCRATCH = ("/tmp", "/var/tmp", "/dev")
_CONFIGURATION = ("/etc", "/usr/share/keyrings")
# folders the distribution's packages fill: what is unpacked there cannot be told apart from them
_SYSTEM_FOLDERS = frozenset({"/", "/usr", "/bin", "/sbin", "/lib", "/usr/lib", "/usr/bin", "/usr/sbin", "/usr/share",
                             "/var", "/var/lib"})
def _scratch(path: str) -> bool:
    return any(path == s or path.startswith(s + "/") for s in _SCRATCH)


def _kept(path: str, ctx: RunContext, reason: str, whole: bool = False, tool: str | None = None,
          secure: bool = False, fetched: bool = False, toolchain: str = "", git: bool = False) -> Claim | None:
    """A build output at ``path``: an artifact, or nothing to copy when it is scratch. Configuration
    (a package repository, a signing key under /etc or /usr/share/keyrings) is not copied: the runtime's
    own package installs need it before any copy, so a download (``tool``) there is setup the runtime
    repeats; an archive unpacked there is not claimed."""
    if "$" in path or "*" in path:
        return None
    full = ctx.abspath(path)
    if full in _SYSTEM_FOLDERS and whole:
        return Claim(Role.BLOCKED, NAME, f"{reason} into {full}, among the files of the system's packages: what "
                                         "it adds cannot be copied apart")
    if any(full == c or full.startswith(c + "/") for c in _CONFIGURATION):
        if tool is None:
            return None
        # over https it needs the CA certificates, which a runtime's install without recommends lacks
        tools = (tool, "update-ca-certificates") if secure else (tool,)
        return Claim(Role.SETUP, NAME, f"`{tool}` downloads configuration into {full}; the runtime repeats it",
                     paths=(full,), tools=tools)
    # what lands in scratch (`git clone URL /tmp/tool`, `curl -o /tmp/app.sh URL`) is copied only if the image
    # runs it, which the walk decides at the end of the stage
    return Claim(Role.BUILD, NAME, f"{reason} into {full}" + (" (scratch)" if _scratch(full) else ""),
                 artifacts=(Artifact(full, reason=reason, whole_dir=whole, fetched=fetched, toolchain=toolchain,
                                     git=git),))


def _cluster(args: tuple[str | None, ...], letter: str) -> int | None:
    """The index of a cluster of short flags that holds ``letter`` after others (``-fsSLo``, ``-qO-``)."""
    for k, a in enumerate(args):
        at = a.find(letter, 2) if a else -1
        if a and at > 1 and re.fullmatch(r"-[a-zA-Z]+", a[:at]):
            return k
    return None


def _cluster_value(args: tuple[str | None, ...], letter: str) -> str | None:
    k = _cluster(args, letter)
    if k is None:
        return None
    a = args[k] or ""
    rest = a[a.index(letter, 2) + 1:]
    return rest or (args[k + 1] if k + 1 < len(args) else None)


def _url(args: tuple[str | None, ...]) -> str | None:
    """The last argument that is a URL (static), or None."""
    urls = [a for a in args if a and re.match(r"^[a-z][a-z0-9+.-]*://", a)]
    return urls[-1] if urls else None


_BARE_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", re.IGNORECASE)


def _bare_host(args: tuple[str | None, ...], out: str) -> str | None:
    """An address given without its scheme (``wget bit.ly/iojs-dev``, ``curl get.rvm.io``), which curl and
    wget take as http (not the file ``out`` it writes); only to name where a file came from."""
    found = [a for a in args if a and a != out and _BARE_HOST.match(a)]
    return found[-1] if found else None


def _url_name(url: str | None) -> str | None:
    """The file name a download named after its URL gets (``https://x/a/b.tgz?x=1`` -> ``b.tgz``)."""
    if url is None:
        return None
    path = re.sub(r"[?#].*$", "", url.split("://", 1)[1])
    name = path.rstrip("/").rsplit("/", 1)[-1] if "/" in path else ""
    return name or None


def _download(cmd: Command, ctx: RunContext) -> Claim | None:
    name, args = cmd.name, cmd.args
    if name == "curl":
        out = option_value(args, "-o", "--output") or _cluster_value(args, "o")
        if out is None and (has_flag(args, "-O", "--remote-name") or _cluster(args, "O") is not None):
            if has_flag(args, "-J", "--remote-header-name"):
                return None  # named by the server: where it lands is known only at build time
            out = _url_name(_url(args))
            folder = option_value(args, "--output-dir")
            out = f"{folder}/{out}" if folder and out else out
            if out is None:
                return None
    else:
        out = option_value(args, "-O", "--output-document") or _cluster_value(args, "O")
        if out is None:
            folder = option_value(args, "-P", "--directory-prefix")
            out = _url_name(_url(args))
            if out is None:
                return _unnamed(cmd, ctx)
            out = f"{folder}/{out}" if folder else out
    if out == "-" or (out is None and name == "curl"):
        # to standard output: what reads the pipe decides (tar unpacks, apt-key adds a key)
        if cmd.connector == "|":
            return Claim(Role.NEUTRAL, NAME, f"`{name}` downloads into a pipe")
        out = _redirected(cmd)  # `curl URL > /usr/local/bin/x`
        if out is None and name == "curl" and _prints(args):  # `V=$(curl -sS URL/LATEST_RELEASE)`: a value
            return Claim(Role.NEUTRAL, NAME, "`curl` prints what it downloads")
    if out is None:
        return _unnamed(cmd, ctx)
    url = _url(args)
    secure = not (url or "").startswith("http:")
    source = url or _bare_host(args, out)
    fetched = (ctx.abspath(out), source) if source and "$" not in out and "*" not in out else None
    known = known_installer(url)
    if known is not None and fetched is not None:
        return _saved_installer(cmd, known, url or "", fetched, secure)
    claim = _kept(out, ctx, f"`{name}` downloads a file", tool=name, secure=secure)
    return dataclasses.replace(claim, fetched=fetched) if claim is not None and fetched is not None else claim


def _prints(args: tuple[str | None, ...]) -> bool:
    """Whether curl writes to its standard output alone: every word known, none that names a file to write
    (``-o``, ``-O``, ``--output``, ``--remote-name``, ``-D``/``--dump-header``, ``-c``/``--cookie-jar``, in a
    cluster or not)."""
    for a in args:
        if a is None:
            return False
        if a.startswith("--") and a.split("=", 1)[0] in ("--output", "--remote-name", "--remote-name-all",
                                                         "--output-dir", "--dump-header", "--cookie-jar",
                                                         "--trace", "--trace-ascii", "--stderr"):
            return False
        if re.fullmatch(r"-[A-Za-z0-9#:]+", a) and set(a[1:]) & set("oODc"):
            return False
    return True


def _saved_installer(cmd: Command, known: Installer, url: str, fetched: tuple[str, str], secure: bool) -> Claim:
    """A known installer script saved to a file (``curl -o nodesource_setup.sh URL``), for a later command to
    run: a setup script's download is repeated by the runtime with it; a build tool's stays in the builder."""
    name = cmd.name or ""
    if known.setup:
        tools = (name, "update-ca-certificates") if secure else (name,)
        # (what the script does is said where it runs: said here too, a RUN of both said it twice, 4c4b7df3)
        return Claim(Role.SETUP, NAME, f"`{name}` saves the script from {url} as {fetched[0]}, which a command "
                                       "after it runs; the runtime downloads it again", tools=tools, fetched=fetched)
    return Claim(Role.BUILD, NAME, f"`{name}` downloads the script from {url} into {fetched[0]}, which "
                                   f"{known.what}: the builder runs it", fetched=fetched)


_TO_FILE = re.compile(r"^1?(>>|>\||>)\s*(\S+)$")


def _redirected(cmd: Command) -> str | None:
    """The file a command's standard output is written to (``> file``, ``>> file``), or None."""
    files = [m.group(2).strip("\"'") for r in cmd.redirects if (m := _TO_FILE.match(r))]
    files = [f for f in files if not f.startswith(("&", "/dev/"))]
    return files[-1] if files else None


def _unnamed(cmd: Command, ctx: RunContext) -> Claim | None:
    """``wget URL`` whose name is made of variables the file does not set: in a scratch folder it is
    scratch wherever it lands."""
    if cmd.name == "wget" and not option_value(cmd.args, "-P", "--directory-prefix") and _scratch(ctx.workdir):
        return Claim(Role.BUILD, NAME, f"`wget` downloads a file into {ctx.workdir} (scratch)")
    url = next((w.text for w in cmd.argv[1:] if re.match(r"""^["']?[a-z][a-z0-9+.-]*://""", w.text)), None)
    if cmd.name == "wget" and url is not None and "$" in url:
        return Claim(Role.BLOCKED, NAME, f"`wget {url[:60]}` saves the file under the name the URL ends with, made "
                                         "of variables whose values the file does not show (a base image's version "
                                         "variables change with its releases): which file it leaves is not known")
    return None


_TARS = frozenset({"tar", "bsdtar"})


def _unpack(cmd: Command, ctx: RunContext) -> Claim | None:
    args = cmd.args
    if cmd.name in _TARS:
        first = next((a for a in args if a is not None), "")
        if not tar_operation(args, "x", "--extract", "--get"):
            return _archived(cmd, ctx, first)
        into = option_value(args, "-C", "--directory") or _cluster_value(args, "C") or _old_style_value(args, "C")
    else:  # unzip
        if any(a in ("-p", "-c") for a in args):  # to standard output: a redirection (or a pipe) takes it
            out = _redirected(cmd)
            if out is None:
                return Claim(Role.NEUTRAL, NAME, "`unzip -p` unpacks into a pipe") if cmd.connector == "|" else None
            return _kept(out, ctx, f"`{cmd.name}` unpacks a member")
        into = option_value(args, "-d")
    if into is None and _names_folder(cmd):
        return Claim(Role.BLOCKED, NAME, f"`{cmd.name}` unpacks an archive into a folder named by a variable whose "
                                         "value the file does not show: where it writes is not known")
    if into is None and ctx.workdir == "/":  # a folder of its own in /, not known: the plan decides at the end
        return Claim(Role.BUILD, NAME, f"`{cmd.name}` unpacks an archive in /",
                     artifacts=(Artifact("/", reason=f"`{cmd.name}` unpacks an archive in / (the working folder), "
                                                     "where the folder it makes is not known", whole_dir=True,
                                              unnamed=True),))
    full = ctx.abspath(into or ".")
    release = _go_release(cmd, ctx) if into is not None else None
    if release is not None:  # Go's release archive holds one folder, go/: the toolchain, which the plan weighs
        # (a folder of its own, in a /usr/local the image fills too: python's, node's)
        return _kept(posixpath.join(into or ".", "go"), ctx, f"`{cmd.name}` unpacks Go's release archive {release}, "
                     "whose one folder is go/,", whole=True, toolchain="go")
    if "$" not in full and "*" not in full and _mixed(full, ctx):
        staged = _staged_unpack(cmd, ctx, full)
        copied_back = staged.staged is not None and staged.staged.in_place
        if (staged.role is Role.BLOCKED or copied_back) and (named := _named_members(cmd, full)) is not None:
            return named  # the members it names: copied alone, with no edit of the builder's RUN
        if staged.role is Role.BUILD or full in _SYSTEM_FOLDERS:
            return staged
    return _kept(into or ".", ctx, f"`{cmd.name}` unpacks an archive", whole=True)


# Go's release archive (go1.21.5.linux-amd64.tar.gz, go${GOLANG_VERSION}.linux-amd64.tar.gz): one folder, go/
_GO_RELEASE = re.compile(r"^go(\d[\w.]*|\$\{?\w+\}?)\.linux-(\w+|\$\{?\w+\}?)\.tar\.gz$")


def _go_release(cmd: Command, ctx: RunContext) -> str | None:
    """The name of Go's release archive a tar unpacks whole (its file, or the URL of the download piped into it),
    or None: not one, or one whose layout an option changes (``--strip-components``, named members)."""
    read = _tar_members(cmd.args) if cmd.name in _TARS else None
    if read is None or read != ((), 0):
        return None
    archive = option_value(cmd.args, "-f", "--file") or _cluster_value(cmd.args, "f") or \
        _old_style_value(cmd.args, "f")
    source = ctx.piped_from
    words = [archive] if archive not in (None, "-") else \
        [a for a in source.args if a] if source is not None and source.name in ("curl", "wget") else []
    names = [posixpath.basename(w.split("?", 1)[0]) for w in words if w]
    return next((n for n in names if _GO_RELEASE.match(n)), None)


# folders that hold programs: a name unpacked there is one program (or a folder of its own), not the system's
_PROGRAM_FOLDERS = frozenset({"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"})
# folders where a name unpacked is a folder of its own unless it is one the system has (/usr, /usr/local/lib)
_TOP_FOLDERS = frozenset({"/", "/opt", "/usr/local"})
# tar's options the named-members reading knows: the letters of a cluster (f and C take a value) and long options
_TAR_LETTERS = frozenset("xzjJvpomfC")
_TAR_LONG = frozenset({"--extract", "--get", "--gzip", "--gunzip", "--ungzip", "--bzip2", "--xz", "--verbose",
                       "--no-same-owner", "--same-owner", "--preserve-permissions", "--same-permissions",
                       "--no-same-permissions", "--touch", "--overwrite", "--numeric-owner"})
_TAR_LONG_VALUE = ("--directory", "--file", "--strip-components", "--strip")


def _tar_members(args: tuple[str | None, ...]) -> tuple[tuple[str, ...], int] | None:
    """The members a tar command names (``tar -xz -C /usr/bin caddy``) and its --strip-components, or None when
    a word is dynamic or an option is one this reading does not know (--transform renames, -T reads names...)."""
    members: list[str] = []
    strip = "0"
    values = 0  # the words still owed to the options before them
    for k, a in enumerate(args):
        if a is None:
            return None
        if values:
            values -= 1
            continue
        if k == 0 and TAR_OLD_STYLE.match(a):  # `tar zxv -C /bin ...`: old-style first word
            if set(a) - _TAR_LETTERS:
                return None
            values = sum(1 for c in a if c in "fC")
        elif a.startswith("--"):
            name, eq, value = a.partition("=")
            if name in _TAR_LONG and not eq:
                continue
            if name not in _TAR_LONG_VALUE:
                return None
            if name.startswith("--strip"):
                if not eq:
                    if k + 1 >= len(args) or args[k + 1] is None:
                        return None
                    value = args[k + 1] or ""
                strip = value
            values = 0 if eq else 1
        elif a == "-":
            return None
        elif a.startswith("-"):
            letters = a[1:]
            for i, c in enumerate(letters):
                if c not in _TAR_LETTERS:
                    return None
                if c in "fC":  # its value: the rest of the word, else the next word
                    values = 0 if letters[i + 1:] else 1
                    break
        else:
            members.append(a)
    if not strip.isdigit():
        return None
    return tuple(members), int(strip)


def _named_members(cmd: Command, full: str) -> Claim | None:
    """A tar that unpacks named members among the system's files (``curl URL | tar -xz -C /usr/bin caddy``,
    ``tar -xz -C /bin --strip-components=1 linux-amd64/helm``): each is one path the runtime copies alone, a program
    in a folder of programs or a folder of its own in /, /opt or /usr/local; None when the members are not all
    such names (globs, paths up or deeper, a folder the system has), or none is named."""
    if cmd.name not in _TARS or full not in _PROGRAM_FOLDERS | _TOP_FOLDERS:
        return None
    read = _tar_members(cmd.args)
    if read is None or not read[0]:
        return None
    members, strip = read
    paths: list[str] = []
    for member in members:
        parts = [p for p in member.split("/") if p and p != "."]
        if member.startswith("/") or any(c in member for c in "*?[\\") or ".." in parts or len(parts) != strip + 1:
            return None
        name = parts[-1]
        path = posixpath.join(full, name)
        if full not in _PROGRAM_FOLDERS and (name in SYSTEM_FOLDER_NAMES or path in USR_LOCAL
                                             or path in _SYSTEM_FOLDERS):
            return None
        paths.append(path)
    shown = ", ".join(paths)
    return Claim(Role.BUILD, NAME, f"`{cmd.name}` unpacks the members it names into {full}: {shown}, copied alone",
                 artifacts=tuple(Artifact(p, reason=f"`{cmd.name}` unpacks it into {full}, where it names it")
                                 for p in paths))


def _archived(cmd: Command, ctx: RunContext, first: str) -> Claim | None:
    """``tar -czf app.tar.gz dist/``: the archive it makes (the file after -f) is a build output."""
    args = cmd.args
    if not tar_operation(args, "c", "--create"):
        return None
    made = option_value(args, "-f", "--file") or _cluster_value(args, "f") or (
        args[1] if TAR_OLD_STYLE.match(first) and "f" in first and len(args) > 1 else None)
    if made is None or made == "-":
        return None  # to the standard output: a pipe or a redirection takes it
    return _kept(made, ctx, f"`{cmd.name}` makes an archive")


_SVN_VALUES = frozenset({"-r", "--revision", "--username", "--password", "--depth", "--config-dir", "--config-option"})


def _svn(cmd: Command, ctx: RunContext) -> Claim | None:
    """``svn checkout URL [PATH]`` (``co``, ``export``): sources fetched into a folder, as ``git clone`` does."""
    words = positional(cmd.args, _SVN_VALUES)
    if not words or words[0] not in ("checkout", "co", "export") or len(words) < 2 or words[1] is None:
        return None
    target = words[2] if len(words) > 2 else words[1].rstrip("/").rsplit("/", 1)[-1]
    if not target:
        return None
    return _kept(target, ctx, f"`svn {words[0]}` fetches sources", whole=True, fetched=True)


def _names_folder(cmd: Command) -> bool:
    """Whether the unpack names its folder (``-C``, ``--directory``, unzip's ``-d``), whatever its value."""
    words = [w.value for w in cmd.argv[1:]]
    if cmd.name == "unzip":
        return "-d" in words
    return any(w is not None and (w in ("-C", "--directory") or w.startswith("--directory=")
                                  or re.fullmatch(r"-[A-Za-z]*C.*", w) is not None) for w in words) or (
        _old_style_value(tuple(words), "C") is not None or bool(words and words[0] and
                                                                  TAR_OLD_STYLE.match(words[0]) and "C" in words[0]))


def _mixed(full: str, ctx: RunContext) -> bool:
    """Whether what is unpacked into ``full`` lands among files the runtime has of its own: the system's
    packages' folders, or a /usr/local the image has files of its own in."""
    local = full == "/usr/local" or full.startswith("/usr/local/")
    return full in _SYSTEM_FOLDERS or (local and full in USR_LOCAL and usr_local_has_files(ctx.image))


def _staged_unpack(cmd: Command, ctx: RunContext, full: str) -> Claim:
    """An archive file unpacked among the system's files: the builder unpacks it a second time into the staging
    folder (the same command, its folder swapped), which the runtime copies to /; blocked when that cannot be
    done (an archive read from a pipe is read once)."""
    name = cmd.name or ""
    among = "among the files of the system's packages" if full in _SYSTEM_FOLDERS else \
        f"where {ctx.image.shown} has files of its own"
    mixed = f"`{name}` unpacks an archive into {full}, {among}: what it adds cannot be copied apart"
    args = cmd.args
    if name in _TARS:
        has_file = any(a is not None and (a in ("-f", "--file") or a.startswith("--file=")) for a in args) or \
            _cluster(args, "f") is not None or bool(args and args[0] and TAR_OLD_STYLE.match(args[0])
                                                     and "f" in args[0])
        archive: str | None = option_value(args, "-f", "--file") or _cluster_value(args, "f") or \
            _old_style_value(args, "f")
        if ctx.piped_from is not None and full in _SYSTEM_FOLDERS:
            return _piped_unpack(cmd, ctx, full, mixed)
        if ctx.piped_from is not None:  # into a /usr/local of the image's: the caller copies that folder whole
            return Claim(Role.BLOCKED, NAME, mixed + "; it reads the archive from a pipe, which cannot be read a "
                                                   "second time to unpack a copy apart")
        if not has_file or archive == "-":
            return Claim(Role.BLOCKED, NAME, mixed + "; it reads the archive from its standard input, which cannot "
                                                   "be read a second time to unpack a copy apart")
        if has_flag(args, "--remove-files"):
            return Claim(Role.BLOCKED, NAME, mixed + "; its --remove-files deletes what it unpacks from, so a copy "
                                                   "cannot be unpacked apart")
    else:  # unzip [options] FILE
        words = [a for a in args if a is None or not a.startswith("-")]
        archive = words[0] if words and option_value(args, "-d") != words[0] else None
    if cmd.negated or cmd.connector == "|":
        return Claim(Role.BLOCKED, NAME, mixed + "; the tool does not add a staged unpack to a command in a pipeline")
    if ctx.after not in _CHAINED:
        return Claim(Role.BLOCKED, NAME, mixed + f"; it runs after `{ctx.after}`, and an unpack apart added before it "
                                               "would not run exactly when it does")
    into = staged_path(full)
    place = _folder_edit(cmd, into)
    if place is None:
        return Claim(Role.BLOCKED, NAME, mixed + "; it names its folder in a way the tool does not rewrite (several "
                                               "folders, or one joined to other options)")
    swap, at, text = place
    staged = StagedInstall(STAGING, cmd.start, at, text, cmd.end, swap=swap,
                           before=f"mkdir -p {into} && ", unpacked=full,
                           archive=ctx.abspath(archive) if archive and "$" not in archive else "")
    return Claim(Role.BUILD, NAME, f"`{name}` unpacks an archive into {full}; the builder also unpacks it into "
                                   f"{into}, which the runtime copies to /",
                 artifacts=(Artifact(STAGING, dest="/", reason=f"what `{name}` unpacks into {full}, unpacked a second "
                                     "time apart from the system's files", whole_dir=True),),
                 staged=staged)


# the operators a command may have before (or after) it for a command added there to run exactly when it runs
_CHAINED = frozenset({None, "&&", ";", "\n"})


def _piped_unpack(cmd: Command, ctx: RunContext, full: str, mixed: str) -> Claim:
    """An archive read from a pipe (``curl URL | tar -xz -C /usr/bin``), which cannot be read twice: the builder's
    tar unpacks it into the staging folder instead (made before the pipeline), and a tar pipe right after it copies
    that folder into the system's folder, so the steps after it find the files where they were; the runtime copies
    the staging folder to /. Blocked when the tool cannot add a command before and after the pipeline that runs
    exactly when it does, or when the staging folder may hold what a make install staged (its copy would
    put back files a later step removed)."""
    head = ctx.pipe_head
    shown = " ".join(w.text for w in cmd.argv)[:60]
    pipe = f"`{shown}` reads the archive from a pipe, which cannot be read a second time"
    if head is None or head.negated or cmd.negated or head.depth != cmd.depth or ctx.pipe_after not in _CHAINED or \
            cmd.connector not in _CHAINED or has_flag(cmd.args, "--remove-files"):
        return Claim(Role.BLOCKED, NAME, mixed + f"; {pipe}, and the tool unpacks it apart only in a pipeline it can "
                                               "chain a command before and after (not after `||`, nor negated or "
                                               "in a group of its own)")
    if ctx.installed_apart:
        return Claim(Role.BLOCKED, NAME, mixed + f"; {pipe}, and copying what the builder unpacks apart into "
                                               f"{full} would copy along what a make install staged in {STAGING} "
                                               "before, which a later step may have removed")
    into = staged_path(full)
    place = _folder_edit(cmd, into)
    if place is None:
        return Claim(Role.BLOCKED, NAME, mixed + f"; {pipe}, and it names its folder in a way the tool does not "
                                               "rewrite (several folders, or one joined to other options)")
    swap, at, text = place
    staged = StagedInstall(STAGING, head.start, at, text, cmd.end, swap=swap, before=f"mkdir -p {into} && ",
                           unpacked=full, in_place=True, after=f" && tar -C {into} -cf - . | tar -C {full} -xf -")
    return Claim(Role.BUILD, NAME, f"`{cmd.name}` unpacks an archive it reads from a pipe into {full}; the builder "
                                   f"unpacks it into {into} instead and copies it from there into {full}; the runtime "
                                   f"copies {STAGING} to /",
                 artifacts=(Artifact(STAGING, dest="/", reason=f"what `{cmd.name}` unpacks into {full}, unpacked "
                                     "apart from the system's files (and copied among them)", whole_dir=True),),
                 staged=staged)


def _folder_edit(cmd: Command, folder: str) -> tuple[tuple[tuple[int, int, str], ...], int, str] | None:
    """How the copy of an unpack goes into ``folder``: its folder's word swapped (``-C /usr/bin``,
    ``--directory=/usr``, unzip's ``-d``), or the option added after the command's name (after tar's old-style
    first word and its values); None when the tool does not know how."""
    words = cmd.argv[1:]
    values = [w.value or "" for w in words]
    places: list[tuple[int, int, str]] = []
    for k, v in enumerate(values):
        if v in (("-d",) if cmd.name == "unzip" else ("-C", "--directory")) or (
                cmd.name != "unzip" and re.fullmatch(r"-[A-Za-z]+C", v)):
            if k + 1 >= len(words):
                return None
            places.append((words[k + 1].start, words[k + 1].end, folder))
        elif cmd.name != "unzip" and v.startswith("--directory="):
            places.append((words[k].start, words[k].end, "--directory=" + folder))
        elif cmd.name != "unzip" and re.fullmatch(r"-[A-Za-z]*C.+", v):
            return None  # `-xzC/usr/bin`: joined to other options
    first = values[0] if values else ""
    old_style = cmd.name != "unzip" and bool(TAR_OLD_STYLE.match(first))
    if old_style and "C" in first:
        at = 1 + [c for c in first if c in _TAR_TAKES_VALUE].index("C")
        if at >= len(words):
            return None
        places.append((words[at].start, words[at].end, folder))
    if len(places) > 1:
        return None
    if places:
        return tuple(places), cmd.start, ""
    flag = "-d" if cmd.name == "unzip" else "-C"
    if old_style:  # `tar xzf a.tgz`: after the first word's values
        taken = sum(1 for c in first if c in _TAR_TAKES_VALUE)
        return ((), words[taken].end, f" {flag} {folder}") if taken < len(words) else None
    return (), cmd.argv[0].end, f" {flag} {folder}"


_TAR_TAKES_VALUE = frozenset("fCTXbHKLNgV")


def _old_style_value(args: tuple[str | None, ...], letter: str) -> str | None:
    """The value of a letter of tar's old-style first word (``tar xzfC a.tgz /opt``): the letters that take
    a value take the words after it, in their order."""
    first = args[0] if args else None
    if first is None or not TAR_OLD_STYLE.match(first) or letter not in first:
        return None
    takers = [c for c in first if c in _TAR_TAKES_VALUE]
    at = 1 + takers.index(letter)
    return args[at] if at < len(args) else None


_GIT_NEUTRAL = frozenset({"config", "--version", "version", "log", "status", "describe", "rev-parse", "show",
                          "rev-list", "ls-remote", "ls-files", "for-each-ref"})
# the work-tree commands that change the files of the work tree, and those that change only .git
_GIT_CHANGES_FILES = frozenset({"checkout", "submodule", "pull", "reset", "am", "apply", "lfs", "merge",
                                "cherry-pick", "switch", "restore", "clean", "sparse-checkout", "rebase"})
_GIT_WORK_TREE = _GIT_CHANGES_FILES | {"fetch", "remote", "tag", "branch", "init", "add", "commit", "gc"}


def writes_git_config(cmd: Command) -> bool:
    """Whether ``cmd`` is a ``git config`` that writes the user's or the system's settings (``--global``,
    ``--system``: ~/.gitconfig, /etc/gitconfig), not the repository's, and does not only read them (``--get``,
    ``--list``): the identity git commits with (``user.email``) and the settings of its fetches (``url.*.insteadOf``,
    ``http.*``) alike, which git reads at run time too."""
    if posixpath.basename(cmd.name or "") != "git":
        return False
    words = positional(cmd.args, frozenset({"-C", "-c", "--git-dir", "--work-tree"}))
    if not words or words[0] != "config":
        return False
    args = [a or "" for a in cmd.args]
    if not ({"--global", "--system"} & set(args)) or any(
            a.startswith(("--get", "--list", "-l", "--show", "--edit", "-e")) for a in args):
        return False
    return len(words) >= 3 or "--add" in args or any(a.startswith("--unset") for a in args)


def _git(cmd: Command, ctx: RunContext) -> Claim | None:
    """``git clone`` fetches sources into a folder (kept when it is not scratch: the program may read it);
    the other work-tree commands change what is there; ``git config`` only serves git."""
    words = positional(cmd.args, frozenset({"-C", "-c", "--git-dir", "--work-tree"}))
    verb = words[0] if words else None
    if verb == "config" and writes_git_config(cmd):
        # ~/.gitconfig (or /etc/gitconfig), which git reads at run time too (`git config --global user.email` before
        # a release script's commits: dev file 04ec5369; `url."https://".insteadOf git://`, dev file 5079ab85).
        # Whether the runtime has git is known after the walk: where it has none, the plan leaves the setting to the
        # builder's git (plan._git_config_without_git)
        return Claim(Role.SETUP, NAME, "`git config` writes git's settings, which git reads at run time too",
                     tools=("git",))
    if verb in _GIT_NEUTRAL:
        return Claim(Role.NEUTRAL, NAME)
    if verb in _GIT_CHANGES_FILES:
        # the work tree as git leaves it (`git submodule update` checks out the submodules into it, dev file
        # 42c8c7fb): the runtime copies it whole, as the program may read what git changed there
        tree = option_value(cmd.args, "-C") or "."
        return _kept(tree, ctx, f"`git {verb}` changes the sources in the work tree", whole=True) \
            or Claim(Role.BUILD, NAME, f"`git {verb}` prepares the sources")
    if verb in _GIT_WORK_TREE:
        return Claim(Role.BUILD, NAME, f"`git {verb}` prepares the sources")
    if verb != "clone":
        return None
    rest = positional(cmd.args[cmd.args.index("clone") + 1:],
                      frozenset({"-b", "--branch", "--depth", "-o", "--origin", "-u", "--upload-pack", "--reference",
                                 "--separate-git-dir", "-c", "--config", "-j", "--jobs", "--filter",
                                 "--shallow-since", "--shallow-exclude", "--template"}))
    if not rest or rest[0] is None:
        return None
    repo_name = re.sub(r"\.git$", "", rest[0].rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    target = rest[1] if len(rest) > 1 else repo_name
    if target is None or not target:
        return None
    work_tree = not {"--bare", "--mirror"} & {a for a in cmd.args if a is not None}
    return _kept(target, ctx, "`git clone` fetches sources", whole=True, fetched=True, git=work_tree)


_STDIN_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "python", "python3", "python2", "php", "node", "perl"})


def _installer(cmd: Command, ctx: RunContext) -> Claim | None:
    """A script downloaded and run by a shell (``curl -sL URL | bash -``): known installers only."""
    source = ctx.piped_from
    words = [a for a in cmd.args if a is not None]
    reads_stdin = len(words) == len(cmd.args) and (
        all(w.startswith("-") for w in words) or words[0] in ("-", "-s", "-E", "--")
        or (words[0].startswith("-") and "s" in words[0]))
    if source is None or not reads_stdin:
        return None
    if source.name not in ("curl", "wget"):
        return Claim(Role.BLOCKED, NAME, f"`{cmd.name}` runs the script `{source.name}` pipes into it, which the "
                                         "tool does not read: its effect on the image is not known")
    url = _url(source.args)
    hosts = [a for a in source.args if a and not a.startswith("-") and "." in a]  # `curl -s get.rvm.io`
    where = url or (hosts[-1] if hosts else " ".join(w.text for w in source.argv[1:])[:60])
    known = known_installer(url or (hosts[-1] if hosts else None))
    if known is not None:
        return _installs(cmd, known, where, ctx, known.tools)
    return Claim(Role.BLOCKED, NAME, f"`{cmd.name}` runs a script downloaded from {where}, whose effect on the "
                                     "image (what it installs, where) the tool cannot know")


def _installs(cmd: Command, known: Installer, url: str, ctx: RunContext, tools: tuple[str, ...]) -> Claim:
    """A known installer run: setup the runtime repeats, or a build tool the builder alone installs (blocked when
    the CMD or ENTRYPOINT runs one of the commands it installs: the runtime would lack it). A version manager's
    (nvm's) leaves the folder it installed into for the commands after it (:func:`installed_by`)."""
    if known.setup:
        return Claim(Role.SETUP, NAME, f"the script from {url} {known.what}; the runtime repeats it", tools=tools,
                     repository=known.repository)
    runs = ctx.runs if known.manager is None else _runs_with_scripts(ctx)
    if isinstance(runs, str):
        return Claim(Role.BLOCKED, NAME, f"the script from {url} {known.what}, but the program runs {runs}, which "
                                         f"the tool cannot read (it is not in the build context): it may run what "
                                         f"{known.name} installs, which the runtime would not have")
    ran = {posixpath.basename(w) for argv in runs for w in argv[:2] if w}
    needed = [p for p in known.provides if p in ran]
    if needed:
        return Claim(Role.BLOCKED, NAME, f"the script from {url} {known.what}, but the program runs `{needed[0]}`, "
                                         "which the runtime would not have")
    if known.manager is None:
        return Claim(Role.BUILD, NAME, f"the script from {url} {known.what}", provides=known.provides)
    folder = _manager_folder(cmd, known.manager, ctx)
    loads = _loads(runs, known.manager)
    if loads:
        return Claim(Role.BLOCKED, NAME, f"the script from {url} {known.what}, but the program {loads}, which needs "
                                         f"its folder ({folder}): the runtime would not have it")
    return Claim(Role.BUILD, NAME, f"the script from {url} {known.what}; its folder here: {folder}",
                 provides=known.provides, sets_env=((installed_by(known.name), folder),))


def _manager_folder(cmd: Command, manager: Manager, ctx: RunContext) -> str:
    """The folder a version manager's installer installs into: the one its variable names (set for the shell that
    runs it, or in the stage), else root's own or the default under the user's home."""
    named = dict(cmd.assignments).get(manager.variable) or ctx.getenv(manager.variable)
    if named:
        return named
    if manager.root and ctx.user in (None, "", "root", "0"):
        return manager.root
    return ctx.tilde(manager.default) or manager.default


# a program named by a path in these folders is one of the system's, not a script of the image
def _runs_with_scripts(ctx: RunContext) -> tuple[tuple[str | None, ...], ...] | str:
    """The command lines the CMD and ENTRYPOINT run, with those of the shell scripts they run (read from the build
    context); the script (as the program names it) the tool cannot read, when one is not there."""
    out = list(ctx.runs)
    for argv in ctx.runs:
        script = script_run(argv)
        if script is None or not (script.sure or script.own):
            continue
        text = ctx.read_file(script.word)
        if text is None:
            return script.word
        out += [(c.argv[0].value, *c.args) for c in parse_shell(text).commands if c.argv]
    return tuple(out)


def _loads(runs: tuple[tuple[str | None, ...], ...], manager: Manager) -> str:
    """How the program loads a version manager ("" when it does not): it sources a file (the manager's own, or one
    the tool does not know), or starts a login shell when login shells load it."""
    for argv in runs:
        first = posixpath.basename(argv[0] or "") if argv else ""
        if first in (".", "source"):
            return f"loads `{argv[1]}` into its shell" if len(argv) > 1 and argv[1] else \
                "loads a file into its shell (the manager's own, for all the tool can tell)"
        login = any(a in ("-l", "--login") or re.fullmatch(r"-[a-zA-Z]*l[a-zA-Z]*", a or "") for a in argv[1:])
        if manager.login and first in SHELLS and login:
            return "starts a login shell, which loads it"
    return ""


def _script_run(cmd: Command) -> str | None:
    """The script file a command runs: a shell's first operand (``bash setup.sh --yes``, not ``bash -c``), or
    the command itself when it is named by a path (``./bazel-installer.sh``, ``/install.sh``)."""
    path = cmd.argv[0].value or "" if cmd.argv else ""
    if cmd.name not in SHELLS:
        return path if "/" in path else None
    if any(a is not None and (a == "--command" or re.fullmatch(r"-[a-zA-Z]*c[a-zA-Z]*", a)) for a in cmd.args):
        return None
    words = positional(cmd.args, frozenset({"-o", "-O", "+O"}))
    return words[0] if words else None


def _fetched_script(cmd: Command, ctx: RunContext) -> Claim | None:
    """A known installer script a step before downloaded (``curl -o setup.sh URL``), run (``bash setup.sh``) or
    made runnable or removed (``chmod +x``, ``rm``)."""
    if not ctx.fetched:
        return None
    if cmd.name in ("chmod", "rm"):
        return _installer_file(cmd, ctx)
    script = _script_run(cmd)
    url = ctx.fetched_from(script) if script and "$" not in script and ctx.piped_from is None else None
    if script is None or url is None:
        return None
    known = known_installer(url)
    if known is None:  # the shell pass knows other installers (conda's), and names the URL of the rest
        return None
    runner = cmd.name or ""
    return _installs(cmd, known, url, ctx, tuple(dict.fromkeys(((runner,) if runner in SHELLS else ()) + known.tools)))


def _installer_file(cmd: Command, ctx: RunContext) -> Claim | None:
    """``chmod +x`` or ``rm`` of known installer scripts a step before downloaded: with the setup the runtime
    repeats (after its download), or with the build tool's install in the builder."""
    words = positional(cmd.args)[1 if cmd.name == "chmod" else 0:]  # chmod's first operand is the mode
    files = [w for w in words if w is not None and "$" not in w and "*" not in w]
    if not files or len(files) != len(words):
        return None
    installers = [known_installer(ctx.fetched_from(f)) for f in files]
    setups = {k.setup for k in installers if k is not None}
    if None in installers or len(setups) != 1:
        return None
    removes = tuple(ctx.abspath(f) for f in files) if cmd.name == "rm" else ()
    if setups == {True}:
        return Claim(Role.SETUP, NAME, f"`{cmd.name}` on the setup script it downloaded; the runtime repeats it",
                     tools=(cmd.name or "",), removes=removes)
    return Claim(Role.BUILD if cmd.name == "chmod" else Role.NEUTRAL, NAME,
                 f"`{cmd.name}` on a build tool's installer it downloaded", removes=removes)


# the compressors that replace a file by its decompressed copy (``xz -d x.tar.xz`` leaves x.tar), and whether they
# do so only when told to decompress (-d)
_DECOMPRESSORS = {"gunzip": False, "unxz": False, "bunzip2": False, "unlzma": False,
                  "gzip": True, "xz": True, "bzip2": True, "lzma": True}
# the suffix each decompression drops, and what it puts in its place
_COMPRESSED = {".tar.gz": ".tar", ".tgz": ".tar", ".gz": "", ".tar.xz": ".tar", ".txz": ".tar", ".xz": "",
               ".tar.bz2": ".tar", ".tbz2": ".tar", ".tbz": ".tar", ".bz2": "", ".lzma": ""}


def _decompress(cmd: Command, ctx: RunContext, name: str) -> Claim | None:
    """A downloaded file decompressed in its place (``xz -d poppler-0.56.0.tar.xz``): the download is gone, and its
    decompressed copy is what the build leaves. None for anything else (a file the build did not download, to
    standard output, kept, recursive: the tables of neutral commands say the rest)."""
    flags = [a for a in cmd.args if a is not None and a.startswith("-")]
    letters = "".join(a[1:] for a in flags if not a.startswith("--"))
    decompresses = not _DECOMPRESSORS[name] or "d" in letters or "--decompress" in flags or "--uncompress" in flags
    files = positional(cmd.args)
    if not decompresses or set(letters) & set("cktlr") or set(flags) & {"--stdout", "--keep", "--test", "--list",
                                                                      "--recursive", "--to-stdout"} \
            or not files or any(f is None or "$" in f or "*" in f for f in files):
        return None
    paths = [ctx.abspath(f) for f in files if f is not None]
    outs = [_decompressed(p) for p in paths]
    if not any(ctx.fetched_from(p) for p in paths) or None in outs:
        return None
    kept = [_kept(out, ctx, f"`{name}` decompresses a downloaded file") for out in outs if out is not None]
    artifacts = tuple(a for c in kept if c is not None for a in c.artifacts)
    return Claim(Role.BUILD, NAME, f"`{name}` replaces a downloaded file by its decompressed copy",
                 artifacts=artifacts, removes=tuple(paths))


_STREAM_DECOMPRESSORS = frozenset({"zcat", "xzcat", "bzcat", "lzcat"})
_WRITE = re.compile(r"^1?>\|?\s*(\S+)$")


def _decompress_download(cmd: Command, ctx: RunContext, name: str) -> Claim | None:
    """A download decompressed on its way into a file (``curl URL | gunzip -c > GeoLite2-City.mmdb``): the file is a
    build output, as one curl writes is. None when the command reads a file, or writes elsewhere than one file."""
    source = ctx.piped_from
    if source is None or source.name not in ("curl", "wget"):
        return None
    flags = [a for a in cmd.args if a is not None and a.startswith("-") and a != "-"]
    letters = "".join(a[1:] for a in flags if not a.startswith("--"))
    decompresses = name in _STREAM_DECOMPRESSORS or not _DECOMPRESSORS.get(name, True) or "d" in letters \
        or "--decompress" in flags
    if not decompresses or set(letters) & set("ktlr") or any(w != "-" for w in positional(cmd.args)):
        return None
    targets = [m.group(1) for m in map(_WRITE.match, cmd.redirects) if m]
    if len(targets) != 1 or len(cmd.redirects) != 1 or "$" in targets[0]:
        return None
    return _kept(targets[0], ctx, f"`{source.name} | {name}` downloads and decompresses a file")


def _decompressed(path: str) -> str | None:
    """The file a decompression of ``path`` leaves (``x.tar.xz`` -> ``x.tar``); None for a suffix it does not know."""
    suffix = next((s for s in _COMPRESSED if path.endswith(s) and len(path) > len(s)), None)
    return None if suffix is None else path[:-len(suffix)] + _COMPRESSED[suffix]


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name in _STDIN_SHELLS and ctx.piped_from is not None:
        return _installer(cmd, ctx)
    saved = _fetched_script(cmd, ctx)
    if saved is not None:
        return saved
    if name in ("curl", "wget"):
        return _download(cmd, ctx)
    if name in _TARS or name == "unzip":
        return _unpack(cmd, ctx)
    streamed = _decompress_download(cmd, ctx, name) if name in _DECOMPRESSORS or name in _STREAM_DECOMPRESSORS \
        else None
    if streamed is not None:
        return streamed
    if name in _DECOMPRESSORS:
        return _decompress(cmd, ctx, name)
    if name == "git":
        return _git(cmd, ctx)
    if name == "svn":
        return _svn(cmd, ctx)
    if name in ("sha256sum", "sha512sum", "sha1sum", "md5sum") and has_flag(cmd.args, "-c", "--check"):
        return Claim(Role.NEUTRAL, NAME)
    if name in ("gpg", "gpgv") and has_flag(cmd.args, "--verify"):
        return Claim(Role.NEUTRAL, NAME)
    return None


# programs unpacked from a downloaded archive, on a full official image whose slim variant the runtime is
_UNPACKED_PROGRAMS = DevRuntime(
    "the programs unpacked from archives", LibrarySource.LEFT, (),
    why="the programs unpacked from downloaded archives, built elsewhere, may link libraries the full image has and "
        "its slim variant lacks, and the builder cannot list them for the runtime")


def _unpacked_programs(facts: StageFacts) -> Finish | None:
    """Programs unpacked from a downloaded archive (a prebuilt Blender into /opt/blender279) on a full official image,
    whose slim variant the runtime is: built elsewhere, they link libraries the full image has (buildpack-deps':
    libXrender, libfreetype) and the slim one lacks (read27 29ab316c: "error while loading shared libraries"), which
    no package the file installs names: the builder lists what the copied outputs link (ldd)."""
    slim = runtime_image(facts.image.shown)
    if slim == facts.image.shown or tag_exists(slim) is False or buildpack_dev_base(facts.image.shown) is None:
        return None  # (debian:X and its slim variant have the same libraries)
    unpacked = [a.path for d in facts.decisions for cmd, c in zip(d.commands, d.claims, strict=False)
                if c.ecosystem == NAME and posixpath.basename(cmd.name or "") in (*_TARS, "unzip")
                for a in c.artifacts if a.whole_dir]
    if not unpacked:
        return None
    return Finish(by_ldd=(_UNPACKED_PROGRAMS,), notes=(
        f"{facts.image.shown}'s slim variant lacks libraries the full image has, which the programs unpacked into "
        f"{', '.join(dict.fromkeys(unpacked))} (built elsewhere) may link: the builder lists the shared libraries the "
        "copied outputs link to (ldd)" + LISTED_INSTALLED,))


def finish(facts: StageFacts) -> Finish | None:
    """A version manager a known installer put into a folder of its own (nvm's) stays in the builder, unless an ENV
    of the stage names a path in that folder other than by the manager's own variable (``ENV PATH
    $NVM_DIR/versions/node/v10/bin:$PATH``, ``JAVA_HOME=~/.sdkman/candidates/java/current``): the image's programs
    are then to run what it installs, which the runtime would not have."""
    folders = {k.removeprefix(installed_by("")): v for d in facts.decisions for c in d.claims for k, v in c.sets_env
               if k.startswith(installed_by(""))}
    env: list[tuple[str, str]] = []
    for d in facts.decisions:
        if d.inst.cmd != "env":
            continue
        for key, value in env_pairs(d.inst):
            value = expand(value, tuple(env))
            env.append((key, value))
            for name, folder in folders.items():
                manager = manager_named(name)
                if manager is None or key == manager.variable or "$" in folder:
                    continue
                part = next((p for p in value.split(":") if p == folder or p.startswith(folder.rstrip("/") + "/")),
                            None)
                if part is not None:
                    return Finish(skip=f"ENV at line {d.inst.start_line} sets {key} to {part}, in the folder of the "
                                       f"{name} the stage installs ({folder}), which stays in the builder: the "
                                       "image's programs are to run what it installs there, which the runtime "
                                       "would not have")
    return _unpacked_programs(facts)


PASS = Pass(NAME, "downloads and sources (curl/wget to a file, tar/unzip into a folder, git clone, checksum checks)",
            claim, finish)
