"""Plain shell: configuration the runtime repeats, files put in place, and commands with no effect of their own.

What a command does to the image decides where it goes, not whether the tool has heard of it:
users, folders, links, modes, config files written with ``sed -i``/``tee``/``echo >``, locales,
package repositories and keys, web-server modules are *configuration*, which the runtime repeats
(data/commands.json's ``setup`` table, with where each command's paths are); copying a build
output (``cp target/app.jar /app.jar``) is part of the build; cleanup and shell state (``rm`` of
caches, ``set -e``, ``export``) follow the rest of the RUN.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections.abc import Callable, Sequence

from ..analysis import (
    PACKAGE_CACHES,
    Artifact,
    Claim,
    Role,
    RunContext,
    database_task,
    forces,
    has_flag,
    in_package_cache,
    option_value,
    positional,
    recursive_flag,
)
from ..claims import (
    CONDA_PREFIX,
    HEADER_FOLDERS,
    STAGING,
    DecisionFacts,
    Finish,
    Housekeeping,
    Pass,
    StagedInstall,
    StageFacts,
    staged_path,
)
from ..commands import app_command_verbs
from ..images import data
from ..shell import SHELLS, Command, first_unquoted, parse_shell

NAME = "shell"

# commands that set up the shell for the commands after them: the runtime keeps them with the rest
_SHELL_STATE = frozenset({"set", "export", "unset", "umask", "source", ".", "true", ":", "shopt", "false",
                          "deactivate", "alias", "unalias"})
_SCRATCH = ("/tmp", "/var/tmp", "/dev", "/proc")
_WRITE = re.compile(r"^\d*(>>|>\||>|&>>|&>)\s*(.+)$")
_COPIERS = frozenset({"cp", "mv", "install", "rsync"})
_BRACES = re.compile(r"\{[^{}]*,[^{}]*\}")  # a{b,c}: bash's brace expansion
_COPIER_VALUES = frozenset({"-t", "--target-directory", "-m", "--mode", "-o", "--owner", "-g", "--group", "-S",
                            "--suffix"})


def _written(cmd: Command) -> list[str]:
    """The files a command writes with ``>``/``>>`` (not /dev/null and other devices)."""
    out = []
    for r in cmd.redirects:
        m = _WRITE.match(r)
        if m and not m.group(2).startswith("&") and not m.group(2).startswith("/dev/"):
            out.append(m.group(2).strip("\"'"))
    return out


def _path_args(cmd: Command, rule: str) -> list[str | None]:
    """The path arguments of a setup command by its rule; a rule may name after it the options that take a value
    (``all -s --size``: truncate's size is no path)."""
    args = cmd.args
    rule, *takes = rule.split()
    if rule == "none":
        return []
    if rule == "sed":
        # -i, -i.bak, or a cluster that holds it (-ri, -Ei): in place
        if not any(a is not None and re.match(r"^(-[a-zA-Z]*i|--in-place)", a) for a in args):
            return []
        words = positional(args, frozenset({"-e", "-f", "--expression", "--file"}))
        has_script_option = any(a in ("-e", "-f", "--expression", "--file") for a in args)
        return words if has_script_option else words[1:]
    if rule == "directories":  # install -d -m 755 -o www-data /var/www
        return positional(args, _COPIER_VALUES)
    words = positional(args, frozenset(takes))
    if rule == "after-first":
        return words[1:]
    if rule == "last":
        return words[-1:]
    if rule == "redirect":
        return []
    return words


def _known_part(path: str, ctx: RunContext) -> str | None:
    """A path with ``~``/``$HOME`` read as the user's home; one named by another variable under an absolute
    folder (``/etc/sudoers.d/$USER``) stands for that folder: the runtime, which has the same ARG and ENV,
    repeats the command as written. None: the folder is not known either."""
    home = ctx.home()
    m = re.match(r"^(~|\$HOME\b|\$\{HOME\})(/.*)?$", path)
    if m and home is not None:
        path = home + (m.group(2) or "")
    if "$" not in path:
        return path
    folder = posixpath.dirname(path[: path.index("$")])
    return folder if folder.startswith("/") and folder != "/" else None


def _absolute(paths: list[str | None], ctx: RunContext) -> tuple[tuple[str, ...], bool, bool]:
    """(the paths made absolute, whether one was relative, whether one is not known)."""
    out: list[str] = []
    relative = unknown = False
    for p in paths:
        p = _known_part(p, ctx) if p is not None else None
        if p is None:
            unknown = True
            continue
        relative = relative or not p.startswith("/")
        out.append(ctx.abspath(p))
    return tuple(out), relative, unknown


def _setup(cmd: Command, ctx: RunContext, rule: str) -> Claim | None:
    written = _written(cmd)
    if rule == "redirect" and not written and cmd.name != "tee":
        return Claim(Role.NEUTRAL, NAME)  # prints to the build log, or into the next command of a pipe
    if cmd.name == "sed" and not _path_args(cmd, rule) and not written:
        return Claim(Role.NEUTRAL, NAME)  # sed without -i reads and prints
    paths, relative, unknown = _absolute(_path_args(cmd, rule) + list(written), ctx)
    if unknown and cmd.name not in ("chmod", "chown", "chgrp", "mkdir", "touch", "ln", "install"):
        shown = next((w for w in written if _known_part(w, ctx) is None), None)
        if shown is None:
            return None
        return Claim(Role.BLOCKED, NAME, f"`{cmd.name}` writes to {shown}, a file named by a variable whose value "
                                         "the file does not show: whether it lies in a folder the build makes is "
                                         "not known")
    if paths and all(_scratch_setup(p, ctx) for p in paths) and not _unused_temp_folders(cmd, paths, ctx):
        return Claim(Role.NEUTRAL, NAME, "writes scratch files")
    if paths and not unknown and all(any(_inside(p, h) for h in HEADER_FOLDERS) for p in paths):
        # the runtime, without the -dev packages that fill the folder, may not even have it: the link or the
        # edit would fail (`sed -i` of mysql.h after mariadb-dev, dev 7f452a18)
        what = "links" if cmd.name == "ln" else "changes"
        return Claim(Role.NEUTRAL, NAME, f"`{cmd.name}` {what} a C header, which only the build's compiler reads")
    if cmd.name in _CARRIED and paths and not unknown and not _mode_of_output_folder(cmd, paths, ctx) and \
            all(any(_inside(p, o) for o in ctx.outputs) for p in paths):
        # `curl -o bin/tool URL && chmod +x bin/tool`: the copy of the build output carries its mode
        return Claim(Role.BUILD, NAME, f"`{cmd.name}` finishes a build output, which the copy carries")
    return Claim(Role.SETUP, NAME, f"`{cmd.name}` sets up the environment; the runtime repeats it",
                 paths=paths, relative=relative, globs=_globbed(cmd, ctx))


def _mode_of_output_folder(cmd: Command, paths: Sequence[str], ctx: RunContext) -> bool:
    """``chmod -R g+rwX /app`` of a build output that is a folder (recursive, or the working folder): the copy
    carries its files' modes, not the folder's own, which the runtime sets again."""
    if cmd.name != "chmod":
        return False
    recursive = any(a is not None and recursive_flag(a) for a in cmd.args)
    return any(p in ctx.outputs and (recursive or p == ctx.workdir) for p in paths)


def _globbed(cmd: Command, ctx: RunContext) -> tuple[str, ...]:
    """The folders whose files an unquoted pattern in the command's words lists (``ln -s /facenet/node_modules/*
    /node_modules/``: /facenet/node_modules): the shell expands it against what is there when the command runs."""
    out: list[str] = []
    if cmd.name in ("sed", "echo", "printf"):  # a script or text, not paths
        return ()
    for word in cmd.argv[1:]:
        head = _unquoted_head(word.text)
        if head is None or word.value is None:
            continue
        folder = posixpath.dirname(head)
        if folder.startswith("/") or not head.startswith(("~", "$")):
            out.append(ctx.abspath(folder or "."))
    return tuple(dict.fromkeys(out))


def _unquoted_head(text: str) -> str | None:
    """The part of a word before its first unquoted glob character (``*``, ``?``, ``[``), None when it has none."""
    at = first_unquoted(text, "*?[")
    return None if at is None else text[:at].replace("'", "").replace('"', "")


def _scratch(path: str) -> bool:
    return any(path == s or path.startswith(s + "/") for s in _SCRATCH)


def _brought(ctx: RunContext) -> list[str]:
    """The paths the COPY and ADD instructions before put build-context files at (absolute): the destination, or
    the source's name in it when the destination is a scratch folder itself (``COPY config.ini /tmp/``)."""
    out: list[str] = []
    for sources, dest, _ in ctx.copied:
        if dest not in _SCRATCH:
            out.append(dest)
            continue
        names = [posixpath.basename(s.rstrip("/")) for s in sources]
        out += [posixpath.join(dest, n) for n in names if n not in ("", ".", "..") and not any(c in n for c in "*?[")]
    return out


def _scratch_setup(path: str, ctx: RunContext) -> bool:
    """Whether setup of ``path`` only touches scratch: a folder under /tmp that a COPY before filled from the build
    context (``ADD . /tmp/app`` + ``chown -R www-data /tmp/app``) is none, since the runtime repeats the COPY."""
    return _scratch(path) and not any(_inside(path, b) or _inside(b, path) for b in _brought(ctx))


def _unused_temp_folders(cmd: Command, paths: tuple[str, ...], ctx: RunContext) -> bool:
    """Whether ``mkdir`` makes folders under /tmp or /var/tmp, named by absolute paths, that no other command of the
    stage names: not the build's scratch but a folder the program uses at run time (``RUN mkdir -p /tmp/gh-tmp`` for
    GraphHopper's, ``RUN mkdir /tmp/nginx`` for a web server's temporary files), which the runtime makes too, and
    the chmod or chown of such a folder."""
    temp = ("/tmp", "/var/tmp")
    if cmd.name not in _TEMP_SETUP or not all(any(_inside(p, t) and p != t for t in temp) for p in paths):
        return False
    if cmd.name != "mkdir" and not all(any(p in w.text for c in ctx.stage_commands if c.name == "mkdir"
                                           for w in c.argv[1:]) for p in paths):
        return False  # a chmod or chown only of a folder a mkdir of the stage makes, which the runtime makes too
    if cmd.name == "mkdir" and any(not w.text.startswith(("/", "$", '"/', '"$')) for w in cmd.argv[1:]
                                   if not w.text.startswith("-")):
        return False  # `mkdir nginx` in WORKDIR /tmp: sources a later `cd nginx` may build in
    return not any(p in w.text for c in ctx.stage_commands if c.name not in _TEMP_SETUP
                   for w in c.argv[1:] for p in paths)


_TEMP_SETUP = frozenset({"mkdir", "chmod", "chown"})


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _copy(cmd: Command, ctx: RunContext) -> Claim | None:
    """``cp``/``mv``/``install``: putting a build output in place is part of the build (its destination
    is an artifact); copying files that exist in both stages is setup the runtime repeats."""
    target = next((cmd.args[k + 1] for k, a in enumerate(cmd.args[:-1]) if a in ("-t", "--target-directory")), None)
    words = positional(cmd.args, _COPIER_VALUES)
    if target is not None:
        words = [*words, target]
    if len(words) < 2 and any(w is not None and _BRACES.search(w) for w in words):
        return Claim(Role.BLOCKED, NAME, f"`{' '.join(w.text for w in cmd.argv)[:60]}` names its files with a brace "
                                         "expression, which bash expands (and sh does not): the tool does not expand "
                                         "it, so what it copies where is not known")
    if len(words) < 2 or any(w is None or "$" in w or "*" in w for w in words[-1:]):
        return None
    sources, dest = words[:-1], ctx.abspath(str(words[-1]))
    if any(s is None or "$" in s for s in sources):
        return None
    source_paths = [ctx.abspath(str(s).rstrip("*").rstrip("/") or "/") for s in sources]
    if all(_scratch(s) for s in source_paths) and _scratch(dest):
        return Claim(Role.NEUTRAL, NAME, "moves scratch files")
    if any(any(_inside(s, o) for o in ctx.outputs) for s in source_paths) or \
            any(_scratch(s) for s in source_paths) or _moves_outputs(cmd, source_paths, ctx):
        if _scratch(dest):
            return Claim(Role.NEUTRAL, NAME, "moves scratch files")
        into = _a_folder(str(words[-1]), dest, len(sources), ctx)
        contents = [_copies_contents(cmd.name or "", str(w)) for w in sources]
        into = into or any(contents)
        pattern = next((str(w) for w, whole in zip(sources, contents, strict=True)
                        if str(w).endswith("*") or whole), None)
        if into and pattern is not None and dest in _SYSTEM_FOLDERS:
            return _copied_apart(cmd, ctx, pattern, dest)
        # `mv docker/* /usr/local/bin/`, `rsync -a src/ /app`, `cp -a src/. /app`: the folder's files, whose names
        # are not known, land in the destination
        targets = [(dest, True) if (into and str(w).endswith("*")) or whole else
                   (posixpath.join(dest, posixpath.basename(p)) if into else dest, False)
                   for w, p, whole in zip(sources, source_paths, contents, strict=True)]
        return Claim(Role.BUILD, NAME, f"`{cmd.name}` puts a build output in place at {dest}",
                     artifacts=tuple(dict.fromkeys(Artifact(t, reason="a build output put in place", whole_dir=whole)
                                                   for t, whole in targets)),
                     removes=tuple(source_paths) if cmd.name == "mv" else ())
    relative = any(not str(w).startswith("/") for w in words)
    return Claim(Role.SETUP, NAME, f"`{cmd.name}` puts files in place; the runtime repeats it",
                 paths=(*source_paths, dest), relative=relative)


def _copies_contents(name: str, word: str) -> bool:
    """Whether a source word of a copy names the files of a folder, not the folder: ``src/.`` (cp, rsync) and
    rsync's ``src/``, whose files land in the destination itself (cp ignores a trailing slash: ``cp -r src/ /app``
    makes /app/src)."""
    return (name in ("cp", "rsync") and (word.endswith("/.") or word.endswith("/./") or word == ".")) or (
        name == "rsync" and word.endswith("/"))


def _moves_outputs(cmd: Command, source_paths: list[str], ctx: RunContext) -> bool:
    """``mv /packages/* /code/`` after ``cd /packages && yarn install``: a `mv` of a folder (or of its files) that
    holds a build output moves that output too, which is then gone from where the build made it; the runtime,
    which copies the builder's outputs, cannot repeat the move."""
    return cmd.name == "mv" and any(s != "/" and _inside(o, s) for s in source_paths for o in ctx.outputs)


# the options of a copy the builder repeats into the staging folder: what it carries along (modes, times, links),
# what it prints, and rsync's filters (read the same way by both copies); not those that depend on what the
# destination already holds (-u, -n, -b, rsync's --delete), nor links to the sources (-l, -s)
_APART_LETTERS = {"cp": frozenset("aRrpfvdPL"), "rsync": frozenset("avrlptgoDHhqP")}
_APART_LONG = {"cp": frozenset({"--archive", "--recursive", "--force", "--verbose", "--preserve", "--no-dereference",
                                "--dereference"}),
               "rsync": frozenset({"--archive", "--verbose", "--recursive", "--links", "--perms", "--times", "--group",
                                   "--owner", "--devices", "--specials", "--hard-links", "--quiet", "--progress",
                                   "--human-readable", "--exclude", "--exclude-from", "--include", "--include-from"})}
_APART_VALUES = frozenset({"--exclude", "--exclude-from", "--include", "--include-from"})
_CHAINED = frozenset({None, "&&", ";", "\n"})


def _copied_apart(cmd: Command, ctx: RunContext, pattern: str, dest: str) -> Claim:
    """``cp -a rootfs/* /``: files a pattern matches put among the system's files, which the runtime cannot copy
    apart from them; the builder runs the same copy right before it into the staging folder (its destination
    swapped), which the runtime copies to /. Blocked when the copy may differ from what lands in the system's
    folder (an option that depends on what is there), or the tool cannot add it before the command."""
    name = cmd.name or ""
    mixed = (f"`{name}` puts the files {pattern} matches into {dest}, among the files of the system's packages: "
             "which files it adds is not known, so they cannot be copied apart")
    letters, longs = _APART_LETTERS.get(name), _APART_LONG.get(name, frozenset())
    if letters is None:
        return Claim(Role.BLOCKED, NAME, mixed + f"; `{name}` takes the files away, so the builder cannot put them "
                                               "apart a second time")
    words = cmd.argv[1:]
    owed = 0
    for w in words[:-1]:
        value = w.value or ""
        if owed or not value.startswith("-"):
            owed = 0
            continue
        option, eq, _ = value.partition("=")
        known = option in longs if value.startswith("--") else set(value[1:]) <= letters
        if not known:
            return Claim(Role.BLOCKED, NAME, mixed + f"; the builder would repeat it apart, but not with `{value}`, "
                                                   "whose copy may differ from what lands there")
        owed = 1 if option in _APART_VALUES and not eq else 0
    last = words[-1] if words else None
    if last is None or last.value is None or "$" in last.text or cmd.redirects or cmd.negated or \
            cmd.connector == "|" or ctx.piped_from is not None or ctx.after not in _CHAINED:
        return Claim(Role.BLOCKED, NAME, mixed + "; the tool repeats it apart only when its destination is its last "
                                               "word, written as a plain path, and it is chained with `&&` or `;` "
                                               "(no pipe, no redirection)")
    into = staged_path(dest)
    staged = StagedInstall(STAGING, cmd.start, cmd.start, "", cmd.end, swap=((last.start, last.end, into + "/"),),
                           before=f"mkdir -p {into} && ", unpacked=dest, what=f"`{name}`")
    return Claim(Role.BUILD, NAME, f"`{name}` puts the files {pattern} matches into {dest}; the builder also puts "
                                   f"them into {into}, which the runtime copies to /",
                 artifacts=(Artifact(STAGING, dest="/", reason=f"what `{name}` puts into {dest}, copied a second time "
                                     "apart from the system's files", whole_dir=True),),
                 staged=staged)


# folders the distribution's packages fill: files put there by a pattern cannot be told apart from theirs
_SYSTEM_FOLDERS = frozenset({"/", "/bin", "/sbin", "/lib", "/lib64", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib",
                             "/usr/lib64", "/usr/share", "/usr/include", "/etc"})
# what a copy of the files carries along (modes, the files themselves; not owners: the runtime may run as
# another user)
_CARRIED = frozenset({"chmod", "touch", "mkdir"})
_FOLDERS = frozenset({"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/usr/local",
                      "/usr/lib", "/usr/local/lib", "/usr/share", "/usr/local/share", "/opt", "/etc", "/srv",
                      "/var/www", "/var/lib", "/root", "/home", "/app", "/"})


def _a_folder(word: str, dest: str, sources: int, ctx: RunContext) -> bool:
    """Whether the destination of a copy is a folder the sources go into (``cp x /usr/bin``), not the
    copy's own name: a trailing slash, several sources, a system folder, the working folder, a build
    output folder, or ``-t``; not a folder the RUN deleted before it (``rm -f /var/www && mv dist /var/www``)."""
    if sources == 1 and dest in ctx.gone:
        return False
    return word.endswith("/") or word in (".", "..") or sources > 1 or dest in _FOLDERS or dest == ctx.workdir \
        or dest in ctx.outputs


# the folders of the system's own files (the base image's, the packages'): a removal there changes the image
_SYSTEM_PREFIXES = ("/etc/", "/bin/", "/sbin/", "/usr/", "/lib/", "/lib64/", "/var/")
_CONFIG_FOLDERS = ("/etc", "/bin", "/sbin", "/lib", "/lib64")  # never an app's working folder


def _remove(cmd: Command, ctx: RunContext) -> Claim:
    """Removing caches, scratch and build outputs follows the build; removing files the base image or the
    context brought (nginx's default site, a sample config) changes the image: the runtime repeats it."""
    targets = [_known_part(t, ctx) or t if t and t.startswith("~") else t for t in positional(cmd.args)]
    if targets and all(t is not None and t.startswith(PACKAGE_CACHES) for t in targets):
        return Claim(Role.NEUTRAL, NAME, housekeeping=Housekeeping.PACKAGES)
    # `rm -rf /*` removes everything; `rm -rf *` what the current folder holds
    static = [t for t in targets if t and "$" not in t]
    removes = tuple(ctx.abspath(t.rstrip("*").rstrip("/") or ("/" if t.startswith("/") else ".")) for t in static)
    # what lies in the working folder follows the build; with no WORKDIR (/), all but the system's own folders; a
    # WORKDIR among the system's configuration (`WORKDIR /etc/apache2/sites-enabled` + `rm 000-default.conf`) is
    # no app's folder: the runtime copies nothing of it from the builder
    system_workdir = any(_inside(ctx.workdir, f) for f in _CONFIG_FOLDERS)
    in_workdir = {r for r in removes if _inside(r, ctx.workdir) and not system_workdir
                  and (ctx.workdir != "/" or not r.startswith(_SYSTEM_PREFIXES))}
    # (the package lists and caches, `rm -r app /var/lib/apt/lists/*`, are housekeeping: the runtime has none)
    caches = [r for r in removes if in_package_cache(r)]
    lasting = [r for r in removes if not _scratch(r) and not any(_inside(r, o) or _inside(o, r) for o in ctx.outputs)
               and r not in in_workdir and not r.startswith(("/root/", "/home/")) and r not in caches]
    if caches and forces(cmd.args) and len(removes) == len(targets) and all(_scratch(r) for r in removes
                                                                            if r not in caches):
        # `rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/*`: the install's cleanup, kept with it
        return Claim(Role.NEUTRAL, NAME, removes=removes, housekeeping=Housekeeping.PACKAGES)
    if lasting and all(any(_inside(r, h) for h in HEADER_FOLDERS) for r in lasting):
        # the C headers, or a link among them (`ln -s locale.h /usr/include/xlocale.h && ... && rm
        # /usr/include/xlocale.h`): what the build's compiler read, which the runtime does not repeat
        return Claim(Role.NEUTRAL, NAME, removes=removes)
    if lasting and len(removes) == len([t for t in targets if t]) and not any(_inside(r, "/usr/src") for r in removes):
        # `cd .. && rm -r mtproxy /var/lib/apt/lists/*`: the runtime repeats the whole command, its relative
        # words with it, which name what they named only after the `cd` (compose keeps it, or leaves the RUN alone)
        return Claim(Role.SETUP, NAME, "`rm` removes files of the image; the runtime repeats it", paths=tuple(lasting),
                     removes=removes, relative=any(not t.startswith("/") for t in static))
    return Claim(Role.NEUTRAL, NAME, removes=removes)


def _find(cmd: Command, ctx: RunContext) -> Claim | None:
    """``find`` that deletes is cleanup; one that changes modes or owners is setup on the folder it walks."""
    args = [a or "" for a in cmd.args]
    if "-exec" not in args and "-execdir" not in args:
        return Claim(Role.NEUTRAL, NAME)
    at = args.index("-exec" if "-exec" in args else "-execdir") + 1
    run = args[at] if at < len(args) else ""
    if posixpath.basename(run) in _FIND_READERS or _reads_only(args[at:]):
        return Claim(Role.NEUTRAL, NAME)
    if posixpath.basename(run) in ("chmod", "chown", "chgrp", "sed", "dos2unix"):
        roots = [a for a in args[: args.index(run)] if a and not a.startswith(("-", "(", "!", "{"))][:1]
        paths, relative, unknown = _absolute(list(roots) or ["."], ctx)
        return None if unknown else Claim(Role.SETUP, NAME, "`find -exec` sets up files", paths=paths,
                                          relative=relative, tools=("find", posixpath.basename(run)))
    return None


# what `find -exec` may run on each file it finds and still leave nothing of its own (cleanup, listing, stripping
# the symbols of built files)
_FIND_READERS = frozenset({"rm", "echo", "ls", "cat", "file", "strip", "grep", "test", "[", "true"})


def _reads_only(words: list[str]) -> bool:
    """``-exec sh -c 'file "{}" | grep -q "not stripped" && strip -s "{}"' \\;``: a shell script of only
    such commands."""
    if len(words) < 3 or posixpath.basename(words[0]) not in SHELLS or words[1] != "-c":
        return False
    script = parse_shell(words[2])
    return script.ok and bool(script.commands) and all(
        c.name in _FIND_READERS and not _written(c) for c in script.commands)


# conda's installers: run with -b (no questions) they install into -p PREFIX (default ~/miniconda3...)
_CONDA_INSTALLER = re.compile(r"^((mini|ana)conda|conda)[^/]*\.sh$", re.IGNORECASE)
_CONDA_DEFAULT = re.compile(r"^(Miniconda|Anaconda)([23])-", re.IGNORECASE)


def _conda(script: str, cmd: Command, ctx: RunContext) -> Claim:
    """A conda installer run with ``-b``: the environment it installs (Python and conda) is a build output."""
    words = [a or "" for a in cmd.args]
    if not any(re.fullmatch(r"-[a-z]*b[a-z]*", a) for a in words):
        return _conda_unknown(script, "runs without -b, so it asks questions the build cannot answer")
    at = next((k + 1 for k, a in enumerate(words[:-1]) if re.fullmatch(r"-[a-z]*p", a)), None)  # -bfp PREFIX
    prefix = option_value(cmd.args, "-p") or (cmd.args[at] if at is not None else None)
    if at is not None and not prefix:
        return _conda_unknown(script, "installs into a folder named by a variable with no visible value")
    if prefix is None:
        m = _CONDA_DEFAULT.match(script)
        home = ctx.home()
        if m is None or home is None:
            return _conda_unknown(script, "installs into its default folder (~/miniconda3, ~/anaconda2...), which "
                                          "the script's name does not tell")
        prefix = f"{home}/{m.group(1).lower()}{m.group(2)}"
    known = _known_part(prefix, ctx)
    if known is None or "$" in known:
        return _conda_unknown(script, f"installs into {prefix}, a folder named by a variable with no visible value")
    where = ctx.abspath(known)
    return Claim(Role.BUILD, NAME, f"`{script}` installs conda and its Python into {where}",
                 artifacts=(Artifact(where, reason=CONDA_PREFIX, whole_dir=True),))


def _conda_unknown(script: str, why: str) -> Claim:
    return Claim(Role.BLOCKED, NAME, f"`{script}` installs a conda distribution (its own Python, libraries and "
                                     f"package manager) but {why}: what the runtime copies is not known")


def _script(cmd: Command, ctx: RunContext) -> Claim | None:
    """A shell given a script file (``bash install.sh``), or a script run by its path (``./install.sh``):
    a conda installer is known; any other script's effect is not, and the reason says so (and where it was
    downloaded from, when a step before downloaded it)."""
    name = cmd.name or ""
    if posixpath.basename(name) in SHELLS:
        if _runs_string(cmd):
            return _dynamic_script(cmd)  # `bash -c '...'` the shell parser could not read
        words = positional(cmd.args, frozenset({"-o", "-O", "+O"}))
        if not words:  # nothing to run: a shell reads the build's empty input and exits
            return Claim(Role.NEUTRAL, NAME) if ctx.piped_from is None else None
        script = words[0]
        if script is None:
            return None
    elif name in _INTERPRETERS:
        return _project_script(cmd, ctx)
    elif name.endswith(".sh") or "/" in (cmd.argv[0].value or ""):
        script = cmd.argv[0].value or name
    else:
        return None
    if _CONDA_INSTALLER.match(posixpath.basename(script)):
        return _conda(posixpath.basename(script), cmd, ctx)
    shown = " ".join(w.text for w in cmd.argv)[:60]
    path = script if posixpath.basename(name) in SHELLS else cmd.argv[0].value or name  # `/opt/x.sh`, not x.sh
    url = ctx.fetched_from(path) if "$" not in path else None
    if url is None and script.startswith("/") and not script.endswith(".sh"):  # /usr/sbin/enable_insecure_key
        return Claim(Role.BLOCKED, NAME, f"`{shown}` runs {script}, a program of the image or of the build that "
                                         "the tool does not know: its effect on the image (what it writes, where) "
                                         "cannot be told")
    where = f" downloaded from {url}," if url else ""
    return Claim(Role.BLOCKED, NAME, f"`{shown}` runs a script{where} whose effect on the image (what it installs, "
                                     "where) the tool cannot know")


# interpreters of other languages than the shell's, which the other passes leave when they run a script of the project
_INTERPRETERS = frozenset({"node", "nodejs", "php", "ruby", "perl"})
_SCRIPT_FILE = re.compile(r"[\w./-]+\.(js|mjs|cjs|php|rb|pl)|[\w.-]*/[\w./-]+")


def _project_script(cmd: Command, ctx: RunContext) -> Claim | None:
    """``node cdn.js``, ``php ./check_deps.php``, ``ruby bin/setup``: a script of the project run at build time."""
    edit = _perl_in_place(cmd, ctx)
    if edit is not None:
        return edit
    inline = next((a for a in cmd.args if a is not None and re.match(r"-[eEMr]", a)), None)
    if inline is not None:  # `perl -Mlocal::lib`, `ruby -e '...'`, `node -e '...'`
        return Claim(Role.BLOCKED, NAME, f"`{' '.join(w.text for w in cmd.argv)[:60]}` runs {cmd.name} code given on "
                                         f"its command line ({inline[:2]}), whose effect on the image the tool "
                                         "cannot know")
    words = positional(cmd.args)
    if not words or words[0] is None or not _SCRIPT_FILE.fullmatch(words[0]):
        return None
    return Claim(Role.BLOCKED, NAME, f"`{' '.join(w.text for w in cmd.argv)[:60]}` runs a script of the project at "
                                     "build time: what it writes, and whether the runtime needs it, is not known")


def _dynamic_script(cmd: Command) -> Claim | None:
    """``sh -c 'echo "yaml ...'$ROS_DISTRO'"'``: a script made at build time of variables' values or of what a
    command prints, which the tool cannot read as commands; None for a literal one the parser could not read."""
    at = next((k for k, w in enumerate(cmd.argv[1:], 1) if _string_option(w.value)), None)
    word = cmd.argv[at + 1] if at is not None and at + 1 < len(cmd.argv) else None
    if word is None or word.value is not None:
        return None
    made = "what a command prints" if "$(" in word.text or "`" in word.text else "variables' values"
    return Claim(Role.BLOCKED, NAME, f"`{' '.join(w.text for w in cmd.argv)[:60]}` runs a script made at build time "
                                     f"of {made}, which the tool does not read as commands: its effect is not known")


def _perl_in_place(cmd: Command, ctx: RunContext) -> Claim | None:
    """``perl -pi -e 's/^Port .*/Port 2222/' /etc/ssh/sshd_config``: sed's in-place edit, made by perl: setup of
    the files it names, which the runtime repeats (with perl). Options: clusters of -p -n -i -l -w (-i last,
    or alone with its backup suffix) and -e SCRIPT."""
    if cmd.name != "perl" or any(a is None for a in cmd.args):
        return None
    args = [a or "" for a in cmd.args]
    in_place, files, k = False, [], 0
    while k < len(args):
        a = args[k]
        if a in ("-e", "-E"):
            k += 2
            continue
        if re.fullmatch(r"-[pnlw]*i[.~\w]*|-[pnlw]+", a):
            in_place = in_place or "i" in a
        elif a.startswith("-"):
            return None
        else:
            files.append(a)
        k += 1
    if not in_place or not files or not any(a in ("-e", "-E") for a in args):
        return None
    paths, relative, unknown = _absolute(list(files), ctx)
    if unknown:
        return None
    if all(_scratch_setup(p, ctx) for p in paths):
        return Claim(Role.NEUTRAL, NAME, "edits scratch files")
    return Claim(Role.SETUP, NAME, "`perl -i` edits files in place; the runtime repeats it", paths=paths,
                 relative=relative, tools=("perl",))


def _variable_command(cmd: Command) -> Claim | None:
    """A command held in a variable (``$APT_INSTALL pkgs``, set to ``apt-get install -y``): which program
    it runs is known only once the shell splits its value."""
    first = cmd.argv[0].text if cmd.argv else ""
    if not re.fullmatch(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?", first):
        return None
    return Claim(Role.BLOCKED, NAME, f"`{first}` runs the command a variable holds, which the tool does not expand "
                                     "into the program it runs")


def _runs_string(cmd: Command) -> bool:
    """``-c``, alone or in a cluster of short options (``-lc``), or ``--command``."""
    return any(_string_option(a) for a in cmd.args)


def _string_option(a: str | None) -> bool:
    return a is not None and (a == "--command" or re.fullmatch(r"-[a-zA-Z]*c[a-zA-Z]*", a) is not None)


def _xargs(cmd: Command, ctx: RunContext) -> Claim | None:
    """``... | xargs rm -rf`` removes what the command before it lists: cleanup, like ``rm`` of files the tool
    does not know; any other command run by xargs gets arguments known only at build time."""
    words = [a for a in cmd.args]
    k = 0
    while k < len(words) and words[k] is not None and str(words[k]).startswith("-"):
        k += 2 if words[k] in ("-n", "-I", "-L", "-P", "-d", "-a", "-s", "-E") else 1
    rest = words[k:]
    if not rest:
        return Claim(Role.NEUTRAL, NAME)  # `tail -1 x | xargs` trims what it prints
    if rest[0] == "rm":
        return Claim(Role.NEUTRAL, NAME, "`xargs rm` removes files listed at build time")
    return Claim(Role.BLOCKED, NAME, f"`xargs {rest[0]}` runs `{rest[0]}` on arguments read at build time (from a "
                                     "pipe or a file), which the tool cannot know")


_SERVICE_ACTIONS = frozenset({"start", "stop", "restart", "reload", "force-reload", "status", "graceful",
                              "graceful-stop", "configtest", "-t", "-k"})


def _database(cmd: Command, ctx: RunContext) -> Claim | None:
    """A database server started at build time (``service postgresql start``, ``/etc/init.d/mysql start``,
    ``mysqld &``, ``pg_createcluster --start``) or a client that writes into it (``mysql -e``, ``psql -c``,
    ``createdb``): the database's files are written into the image by the build. The runtime, which installs the
    same server package (checked once the stage is read, :func:`finish`), repeats the RUN's database setup: its
    server makes the same database. A client that talks to a server the RUN does not start (one on another host)
    changes a database outside the image, and the file is left alone."""
    table = data("commands.json")["database_servers"]
    name = cmd.name or ""
    first = cmd.argv[0].value or ""
    if cmd.args in _QUERIES:
        return None
    if ctx.servers and name in _WAITS:  # `mysqld & sleep 5 && mysql ...`: waits for the server (or ends it)
        return Claim(Role.NEUTRAL, NAME, "waits for or ends the database server of the RUN",
                     housekeeping=Housekeeping.SHELL)
    service = cmd.args[0] if name == "service" and cmd.args else name if first.startswith("/etc/init.d/") else None
    if service is not None:
        action = cmd.args[1 if name == "service" else 0] if len(cmd.args) > (1 if name == "service" else 0) else None
        server = table["servers"].get(service or "")
        if server is None or action not in ("start", "restart", "stop"):
            return None
        shown = " ".join(w.text for w in cmd.argv)[:60]
        if action == "stop":
            return _stop(server, shown, ctx)
        return _start(server, server[1], f"`{shown}` starts the {server[0]} server",
                      ("service",) if name == "service" else ())
    if name in table["clients"]:
        return _client(cmd, table["clients"][name], ctx)
    if name in table["servers"]:
        server = table["servers"][name]
        if "stop" in cmd.args:  # `pg_ctlcluster 15 main stop`, `pg_ctl stop -D ...`
            return _stop(server, name, ctx)
        return _start(server, _data_folder(cmd) or server[1], f"`{name}` sets up or runs the {server[0]} server", ())
    return None


# commands that wait for the database server the RUN started, or end it: they go with the setup that needs it
_WAITS = frozenset({"sleep", "wait", "kill"})


def _start(server: list[str], folder: str, what: str, tools: tuple[str, ...]) -> Claim:
    """A database server started (or its files made) for the commands after it in the RUN: setup the runtime
    repeats with its own server, of the same package (:func:`finish` checks the runtime installs it)."""
    return Claim(Role.SETUP, NAME, f"{what} at build time: the database it writes (under {folder}) is made again by "
                                   "the runtime's own server, which repeats the RUN's database setup",
                 tools=tools, paths=(folder,), starts=server[1])


def _stop(server: list[str], shown: str, ctx: RunContext) -> Claim:
    """Stopping a database server the RUN started goes with the start the runtime repeats; one the RUN did not
    start is not running (a server lasts no longer than its RUN)."""
    if server[1] not in ctx.servers:
        return Claim(Role.NEUTRAL, NAME, f"`{shown}` stops a service for the RUN only")
    return Claim(Role.SETUP, NAME, f"`{shown}` stops the {server[0]} server the RUN started; the runtime repeats it",
                 tools=(), paths=(server[1],))


# the hosts of the image itself: a client that names one talks to the server the RUN started
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})
# the environment variables that name the host a client talks to
_HOST_VARIABLES = {"/var/lib/mysql": "MYSQL_HOST", "/var/lib/postgresql": "PGHOST"}
_URL_HOST = re.compile(r"^(?:mysql|mariadb|postgres(?:ql)?|mongodb(?:\+srv)?)://(?:[^@/]*@)?([^:/?]*)")


def _client_host(cmd: Command, folder: str, ctx: RunContext) -> str | None:
    """The host a database client talks to: its ``-h``/``--host`` option, a URL or ``host=`` among its arguments
    (PostgreSQL's connection string, given for the database too), the client's environment variable (PGHOST); None
    when none is named (the server of the image's own socket); ``?`` when a variable the file does not show gives
    PostgreSQL's or MongoDB's clients their database, which may be such a URL."""
    named = option_value(cmd.args, "-h", "--host")
    database = option_value(cmd.args, "-d", "--dbname")
    words = positional(cmd.args, _CLIENT_VALUES) + [database]
    for w in words:
        m = _URL_HOST.match(w or "")
        conninfo = re.search(r"(?:^|\s)host=(\S+)", w or "")
        named = named or (m.group(1) if m else None) or (conninfo.group(1) if conninfo else None)
    unknown = any(w is None for w in words[:-1]) or (database is None and has_flag(cmd.args, "-d", "--dbname"))
    if named is None and folder != "/var/lib/mysql" and unknown:
        return "?"
    variable = _HOST_VARIABLES.get(folder)
    return named or (ctx.getenv(variable) if variable else None) or None


# database clients' options that take a value (the words after them are no database, host or URL)
_CLIENT_VALUES = frozenset({"-c", "--command", "-f", "--file", "-U", "--username", "-u", "--user", "-p", "--port",
                            "-P", "-e", "--execute", "-v", "--variable", "-o", "--output", "-D", "--database", "-S",
                            "--socket", "-E", "--encoding", "-O", "--owner", "-T", "--template", "--eval", "-d",
                            "--dbname", "-h", "--host", "-L", "--log-file", "--db", "-l", "--locale"})


# clients that read the files their arguments name, with their options that take a value
_READERS = {"pg_restore": frozenset({"-d", "--dbname", "-U", "--username", "-h", "--host", "-p", "--port", "-n",
                                     "--schema", "-t", "--table", "-j", "--jobs", "-F", "--format", "-f", "--file",
                                     "-I", "--index", "-L", "--use-list", "-P", "--function", "-T", "--trigger",
                                     "-S", "--superuser", "--role"}),
            "mongorestore": frozenset({"-d", "--db", "-c", "--collection", "-h", "--host", "--port", "-u",
                                       "--username", "-p", "--password", "--uri", "--nsInclude", "--nsExclude",
                                       "--authenticationDatabase"})}


def _client_reads(cmd: Command, ctx: RunContext) -> tuple[str, ...] | None:
    """The files a database client reads (``mysql < schema.sql``, ``psql -f schema.sql``, ``cat x.sql | mysql``),
    absolute; None when a variable the file does not show names one."""
    words: list[str | None] = [r[1:].strip() for r in cmd.redirects if r.startswith("<") and not r.startswith("<<")]
    named = option_value(cmd.args, "-f", "--file") if cmd.name == "psql" else option_value(cmd.args, "--file")
    if named is not None or has_flag(cmd.args, "--file") or (cmd.name == "psql" and has_flag(cmd.args, "-f")):
        words.append(named)
    if cmd.name in _READERS:  # `pg_restore -d shop /tmp/shop.dump`, `mongorestore /dump`
        words += positional(cmd.args, _READERS[cmd.name])
    piped = ctx.piped_from
    if piped is not None and piped.name == "cat":
        words += positional(piped.args)
    if any(w is None or "$" in w for w in words):
        return None
    return tuple(ctx.abspath(str(w).strip("\"'")) for w in words)


def _client(cmd: Command, server: list[str], ctx: RunContext) -> Claim:
    shown = " ".join(w.text for w in cmd.argv)[:60]
    host = _client_host(cmd, server[1], ctx)
    if host == "?":
        return Claim(Role.BLOCKED, NAME, f"`{shown}` names its database with a variable whose value the file does "
                                         f"not show: a connection string there may name a {server[0]} server "
                                         "outside the image")
    if host is not None and host not in _LOCAL_HOSTS:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` changes the database of the {server[0]} server on {host}, "
                                         "outside the image, at build time: the tool leaves a build that writes "
                                         "into a database elsewhere alone")
    if server[1] not in ctx.servers:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` talks to a {server[0]} server that no command before it in the "
                                         "RUN starts (a server lasts no longer than its RUN): one outside the image, "
                                         "which a configuration the tool does not read names, so where its database "
                                         "lies is not known")
    reads = _client_reads(cmd, ctx)
    if reads is None:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` reads a file a variable names, whose value the file does not "
                                         "show: the tool cannot tell whether the runtime, which repeats the "
                                         "database setup, has it")
    return Claim(Role.SETUP, NAME, f"`{shown}` changes the database of the {server[0]} server the RUN started; the "
                                   "runtime repeats it", tools=(), paths=(server[1], *reads))


def _data_folder(cmd: Command) -> str | None:
    """The folder a database server run directly keeps its files in: the one its options name (``--dbpath``,
    ``--datadir``, ``-D``), or mongod's own default, /data/db, when no configuration file is named (the
    packages' configuration, which `service` reads, says /var/lib/mongodb)."""
    postgres = cmd.name in ("postgres", "pg_ctl", "initdb")  # mysqld's -D is --daemonize
    named = option_value(cmd.args, *(("-D", "--pgdata") if postgres else ("--dbpath", "--datadir")))
    if named is not None:
        return named
    if cmd.name == "mongod" and not has_flag(cmd.args, "--config", "-f"):
        return "/data/db"
    return None


def _init_script(cmd: Command) -> Claim | None:
    """``/etc/init.d/apache2 stop``, ``apachectl start``: a service started or stopped inside a RUN ends with
    the RUN; nothing of it lasts in the image."""
    first = cmd.argv[0].value or ""
    if not (first.startswith("/etc/init.d/") or cmd.name in ("apachectl", "apache2ctl")):
        return None
    if not cmd.args or cmd.args[0] not in _SERVICE_ACTIONS:
        return None
    return Claim(Role.NEUTRAL, NAME, f"`{cmd.name} {cmd.args[0]}` starts or stops a service for the RUN only")


def _foreign(cmd: Command) -> Claim | None:
    """An installer or build tool of an ecosystem the tool does not model (cpanm, mix, pacman...): named, so the
    reason says what it does instead of "not understood"."""
    why = data("commands.json")["foreign_installers"].get(cmd.name or "")
    if why is None or cmd.args in _QUERIES:
        return None
    return Claim(Role.BLOCKED, NAME, f"`{' '.join(w.text for w in cmd.argv)[:60]}`: `{cmd.name}` {why}")


def _scanelf(cmd: Command) -> Claim | None:
    """``scanelf --needed`` lists the libraries built programs link: Alpine builds feed the list to ``apk add``
    (the run-time packages), a list the build makes and the tool cannot know."""
    if cmd.name != "scanelf" or not has_flag(cmd.args, "--needed", "-n"):
        return None
    return Claim(Role.BLOCKED, NAME, "`scanelf --needed` lists the shared libraries of what the build made, to "
                                     "install the packages behind them (Alpine's run-time dependencies): a list "
                                     "made at build time, which the tool cannot know, so it cannot tell what the "
                                     "runtime must install")


class ScriptEffect(enum.Enum):
    """What a script of data/commands.json's ``known_scripts`` does to the image."""

    BUILD = "build"  # builds or changes only a build tool, which stays in the builder
    SETUP = "setup"  # configuration the runtime repeats (it starts from the same base image)


def _known_script(cmd: Command, ctx: RunContext) -> Claim | None:
    """A script a well-known project or base image ships, whose effect is documented (data/commands.json's
    ``known_scripts``): Go's ``src/make.bash`` builds the toolchain in its own tree (a build tool); phusion's
    ``/etc/my_init.d/00_regen_ssh_host_keys.sh`` makes the SSH host keys anew (setup the runtime repeats, on the
    same base image). Matched by its absolute path, or by its name in the folder its entry names."""
    path = (cmd.argv[0].value or "") if cmd.argv else ""
    if posixpath.basename(cmd.name or "") in SHELLS:  # `bash make.bash`: a file, even without a folder
        words = positional(cmd.args)
        path = posixpath.join(".", words[0] or "") if words and words[0] and not _runs_string(cmd) else ""
    if "/" not in path or "$" in path:  # a bare name is a command found on PATH
        return None
    table: dict[str, dict[str, object]] = data("commands.json")["known_scripts"]
    entry = table.get(ctx.abspath(path)) or table.get(posixpath.basename(path))
    if entry is None:
        return None
    images = entry.get("images")
    if isinstance(images, list) and not any(_image_name(ctx).startswith(str(i)) for i in images):
        return None
    folder = entry.get("folder")
    if isinstance(folder, str) and not re.fullmatch(folder, ctx.workdir):
        return None
    shown = " ".join(w.text for w in cmd.argv)[:60]
    if ScriptEffect(str(entry["effect"])) is ScriptEffect.SETUP:
        return Claim(Role.SETUP, NAME, f"`{shown}` {entry['what']}; the runtime, on the same base image, repeats it",
                     tools=())
    return Claim(Role.BUILD, NAME, f"`{shown}` {entry['what']}")


def _image_name(ctx: RunContext) -> str:
    """The base image's name as written on Docker Hub (``phusion/baseimage``), with its registry when it has one."""
    return f"{ctx.image.registry}/{ctx.image.repo}" if ctx.image.registry else ctx.image.repo


class Effect(enum.Enum):
    """What a command of data/commands.json's ``app_commands`` does to the image."""

    APP = "app"  # writes only into the folder it runs in (or the absolute folder it names)
    DATABASE = "database"  # changes the app's database
    NOTEBOOK = "notebook"  # sets up Jupyter
    BUILD = "build"  # changes only the build's own tools (a toolchain's parts), which stay in the builder
    OWN = "own"  # writes only the folders its entry lists (its own files under the user's home)
    BLOCKED = "blocked"  # cannot be placed, for the reason its description gives


def _app_effect(cmd: Command) -> tuple[Effect, str, tuple[str, ...]] | None:
    """The effect, description and other folders written (``~/.gitbook``) of an app tool's command, by its first
    argument (``prisma generate``)."""
    verbs = app_command_verbs(cmd.name or "")
    if verbs is None or cmd.args in _QUERIES:
        return None
    first = cmd.args[0] if cmd.args else None
    found = verbs.get(first) if first is not None else None
    if found is None and first is not None:
        found = next((v for k, v in verbs.items() if k.endswith(":") and first.startswith(k)), None)
    if found is None:
        found = verbs.get("")
    return (Effect(found[0]), found[1], tuple(found[2:])) if found is not None else None


def _app_command(cmd: Command, ctx: RunContext) -> Claim | None:
    """A command of the app's own tools whose effect is known: one that writes into the app's folder is part of
    the build (the folder is copied whole: an assumption the note states); a database change or Jupyter's setup
    cannot be placed, and the reason says so."""
    found = _app_effect(cmd)
    if found is None:
        return None
    effect, what, others = found
    shown = " ".join(w.text for w in cmd.argv)[:60]
    if effect is Effect.NOTEBOOK:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` {what}: a notebook image, whose users install packages and "
                                         "build at run time")
    if effect is Effect.BLOCKED:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` {what}")
    if effect is Effect.BUILD:
        return Claim(Role.BUILD, NAME, f"`{shown}` {what}")
    if effect is Effect.DATABASE:
        blocked = (f"`{shown}` {what}: it changes a database at build time, the one the app's configuration "
                   "names, which the tool does not read: a server outside the image, or a file whose place it does "
                   "not know")
        return database_task(NAME, cmd.name or shown, blocked, f"`{shown}` {what}", ctx)
    words = positional(cmd.args)
    if effect is Effect.APP and any(w is None or "$" in w for w in words):
        return Claim(Role.BLOCKED, NAME, f"`{shown}` {what}, here a folder named by a variable (or a command's "
                                         "output) whose value the file does not show: what the runtime would copy "
                                         "is not known")
    home = ctx.home()
    if others and home is None:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` {what}: the home folder of the user it runs as "
                                         f"({ctx.user or 'root'}) is not known, so neither is where it writes")
    folders = [] if effect is Effect.OWN else \
        [ctx.abspath(w) for w in words if w and w.startswith(("/", "~", "../"))] or [ctx.workdir]
    folders += [ctx.abspath(o) for o in others]
    mixed = next((f for f in folders if f in _SYSTEM_FOLDERS and f != "/"), None)
    if mixed is not None:  # (/ is the plan's to judge: an app may unpack there a folder a later step names)
        return Claim(Role.BLOCKED, NAME, f"`{shown}` {what}, here {mixed}, among the files of the system's packages: "
                                         "what it adds cannot be copied apart")
    named = ", ".join(folders)
    return Claim(Role.BUILD, NAME, f"`{shown}` {what}",
                 artifacts=tuple(Artifact(f, reason=f"what `{cmd.name}` writes", whole_dir=True) for f in folders),
                 note=f"`{cmd.name}` is taken to write only into {named}, which the runtime copies whole "
                      "(`msrefactor verify` shows whether it wrote elsewhere)")


# openssl's subcommands that write the files their -out/-keyout name (and print nothing else of use)
_OPENSSL_WRITERS = frozenset({"dhparam", "genrsa", "genpkey", "req", "rand", "ecparam", "gendsa", "dsaparam", "x509",
                              "rsa", "pkey", "pkcs12", "ca"})


def _openssl(cmd: Command, ctx: RunContext) -> Claim | None:
    """``openssl dhparam -out /etc/nginx/dhparam.pem 2048``, ``openssl req -x509 ... -keyout K -out C``: the files
    it makes are build outputs the runtime copies (the runtime needs no openssl; a key made once, not twice)."""
    if cmd.name != "openssl" or not cmd.args or cmd.args[0] not in _OPENSSL_WRITERS:
        return None
    outputs = [cmd.args[k + 1] for k, a in enumerate(cmd.args[:-1]) if a in ("-out", "-keyout")]
    if not outputs:
        return Claim(Role.NEUTRAL, NAME) if not _written(cmd) and has_flag(cmd.args, "-noout") else None
    if any(o is None or "$" in o for o in outputs) or _written(cmd):
        return None
    paths = [ctx.abspath(str(o)) for o in outputs]
    if all(_scratch(p) for p in paths):
        return Claim(Role.NEUTRAL, NAME, "writes scratch files")
    return Claim(Role.BUILD, NAME, f"`openssl {cmd.args[0]}` makes {', '.join(paths)}",
                 artifacts=tuple(Artifact(p, reason=f"made by openssl {cmd.args[0]}") for p in paths
                                 if not _scratch(p)))


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name
    if name is None:
        return _variable_command(cmd)
    found = _database(cmd, ctx) or _init_script(cmd) or _foreign(cmd) or _scanelf(cmd) or _known_script(cmd, ctx)
    if found is not None:
        return found
    if _own_program(cmd):  # `/app/setup/install` is the app's script, not coreutils' install
        if cmd.args in _QUERIES and not _written(cmd):
            return Claim(Role.NEUTRAL, NAME)  # `./bin/app --version`
        return _app_command(cmd, ctx) or _script(cmd, ctx)
    if name in _INSTRUCTIONS:  # `RUN apt-get install x && \\n RUN git clone ...`: the keyword is read as a command
        return Claim(Role.BLOCKED, NAME, f"`{name}` is a Dockerfile instruction, not a command: the RUN's line "
                                         f"continuation takes the next line's `{name}` into it, and the build "
                                         "fails there")
    handler = _BY_NAME.get(name)
    return handler(cmd, ctx) if handler is not None else _unnamed(cmd, ctx)


def _unnamed(cmd: Command, ctx: RunContext) -> Claim | None:
    """A command that ``_BY_NAME`` does not name (or that its handler hands back): known by its shape, by
    commands.json's rules, or as a program or script of the app."""
    name = cmd.name or ""
    table = data("commands.json")
    if _PLACEHOLDER.fullmatch(name):
        return Claim(Role.BLOCKED, NAME, f"`{name}` is a template's placeholder, not a command: the file is a "
                                         "template that a script fills in before it is built")
    if name.isdigit():  # `make -j$(nproc || 1)`: the fallback the shell cannot run
        return Claim(Role.NEUTRAL, NAME, f"`{name}` is no command: the shell reports it not found, and it changes "
                                         "nothing")
    if name in _SHELL_STATE:  # `export DEPS="gcc make"`: seen by the commands after it, as a bare assignment is
        known = tuple((k, v) for k, v in cmd.assignments if v is not None) if name == "export" else ()
        return Claim(Role.NEUTRAL, NAME, housekeeping=Housekeeping.SHELL, sets_env=known)
    if name in table["neutral"] and not _written(cmd):
        return Claim(Role.NEUTRAL, NAME)
    rule = table["setup"].get(name)
    if rule is not None:
        return _setup(cmd, ctx, rule)
    if cmd.args in _QUERIES and not _written(cmd):
        return Claim(Role.NEUTRAL, NAME)  # `ruby --version`: prints, changes nothing
    return _app_command(cmd, ctx) or _openssl(cmd, ctx) or _script(cmd, ctx) or _django_entry(cmd)


# manage.py commands only Django has: a program that runs one is a Django project's own entry point
_DJANGO_VERBS = frozenset({"collectstatic", "migrate", "makemigrations", "compilemessages", "createcachetable",
                           "syncdb"})


def _django_entry(cmd: Command) -> Claim | None:
    """``localshop collectstatic``, ``django-admin compilemessages``: Django's manage.py commands run by another
    name, with settings the tool does not find."""
    verb = cmd.args[0] if cmd.args else None
    if verb not in _DJANGO_VERBS:
        return None
    return Claim(Role.BLOCKED, NAME, f"`{cmd.name} {verb}` runs Django's {verb} (django-admin, or the project's "
                                     "manage.py under another name) with settings the tool does not find to read: "
                                     "where it writes is not known")


# a template's placeholder where a command would be (`RUN __DEPENDENCIES__`, `RUN {{ install }}`, `RUN @SETUP@`)
_PLACEHOLDER = re.compile(r"__[A-Z][A-Z0-9_]*__|\{\{.*\}\}|@[A-Z][A-Z0-9_]*@|%[A-Z][A-Z0-9_]*%")
# commands whose printed shell code only sets up the RUN's own shell (an agent's variables)
_SHELL_PRINTERS = frozenset({"ssh-agent"})
_SUBSTITUTION = re.compile(r"""^["']?(?:\$\((.*)\)|`(.*)`)["']?$""", re.S)


def _eval(cmd: Command) -> Claim:
    """``eval "$(ssh-agent -s)"`` sets the agent's variables in the RUN's shell; ``eval "$(pyenv init -)"`` is
    named by what the command that prints the code does; any other code ``eval`` runs is not read."""
    text = " ".join(w.text for w in cmd.argv[1:])
    shown = " ".join(w.text for w in cmd.argv)[:60]
    m = _SUBSTITUTION.match(text)
    inner = parse_shell(m.group(1) or m.group(2)).commands if m else ()
    printer = inner[0].name if inner else None
    if printer in _SHELL_PRINTERS:
        return Claim(Role.NEUTRAL, NAME, housekeeping=Housekeeping.SHELL)
    why = data("commands.json")["foreign_installers"].get(printer or "")
    if why is not None:
        return Claim(Role.BLOCKED, NAME, f"`{shown}`: `{printer}` {why}")
    what = f"the shell code `{printer}` prints at build time" if printer else "a string as shell code"
    return Claim(Role.BLOCKED, NAME, f"`{shown}` runs {what}, which the tool does not read: its effect is not known")


# the folders of the system's commands: a command named by a path elsewhere is a program of the app or the build
_BIN_FOLDERS = frozenset({"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"})


def _own_program(cmd: Command) -> bool:
    """Whether the command is named by a path outside the system's command folders (``/app/setup/install``,
    ``./build``): a program of its own, whatever its name shares with a known command."""
    path = cmd.argv[0].value or ""
    return "/" in path and posixpath.dirname(posixpath.normpath(path)) not in _BIN_FOLDERS and \
        not path.endswith("/")


# Dockerfile instructions (as written in upper case), which no image has as a command
_INSTRUCTIONS = frozenset({"RUN", "COPY", "ADD", "ENV", "WORKDIR", "CMD", "ENTRYPOINT", "EXPOSE", "USER", "FROM",
                           "ARG", "LABEL", "VOLUME"})


def _alternatives(cmd: Command) -> Claim:
    """``update-alternatives --install LINK NAME PATH PRIORITY`` (or ``--set NAME PATH``) links to the program at
    PATH: the runtime repeats it, and needs that program (``clang++-8``) as much as the command itself (it fails
    when PATH is missing: from a build-only package, the runtime must not repeat it). ``--config NAME`` and
    ``--auto NAME`` fail when no package gave the group NAME (``javac``, of the JDK the runtime leaves out: "no
    alternatives for javac"; dev file 0f8b905a0eea)."""
    words = [w.value for w in cmd.argv[1:]]
    targets: list[str] = []
    for k, w in enumerate(words):
        at = {"--install": 3, "--set": 2}.get(w or "")
        value = words[k + at] if at is not None and k + at < len(words) else None
        if value is not None and value.startswith("/"):
            targets.append(posixpath.basename(value))
        if w in ("--config", "--auto") and k + 1 < len(words) and words[k + 1]:
            targets.append(str(words[k + 1]))  # the group, named as its command (`javac`): it fails without it
    tools = tuple(dict.fromkeys(("update-alternatives", *targets)))
    return Claim(Role.SETUP, NAME, "`update-alternatives` links a command to a program; the runtime repeats it",
                 tools=tools)


# `ruby --version`, `tool --help`: print, change nothing
_QUERIES = frozenset({("--version",), ("-version",), ("-V",), ("-v",), ("version",), ("--help",), ("-h",),
                      ("help",)})


def _database_setup(d: DecisionFacts, kept: tuple[str, ...]) -> str | None:
    """Why the runtime cannot repeat the database setup of a RUN that starts a database server: the server is
    no package the runtime installs (the base image's, or one from a build-only or unknown source), or a build
    step runs while it is up (what it writes into the database, the runtime, which repeats only the setup,
    would miss)."""
    packages: dict[str, str] = data("commands.json")["database_servers"]["packages"]
    line = d.inst.start_line
    started: str | None = None
    for cmd, c in zip(d.commands, d.claims, strict=True):
        if c.starts:
            started = started or c.starts
            pattern = packages.get(c.starts)
            names = [p.split("=", 1)[0] for p in kept]
            if pattern is None or not any(re.fullmatch(pattern, n) for n in names):
                return (f"RUN at line {line}: {c.reason.split(' at build time')[0]} at build time, whose database "
                        f"(under {c.paths[0]}) the runtime could make again only with the same server, which is no "
                        "package the runtime installs (the base image's, or one the file does not install)")
        elif started is not None and c.role in (Role.BUILD, Role.TEST):
            shown = " ".join(w.text for w in cmd.argv)[:60]
            return (f"RUN at line {line}: `{shown}` runs while the database server the RUN started is up: what it "
                    "writes into the database the runtime would not get, as it repeats the database setup only")
    return None


def finish(facts: StageFacts) -> Finish | None:
    why = next((w for d in facts.decisions if (w := _database_setup(d, facts.kept_packages))), None)
    return Finish(skip=why) if why else None


PASS = Pass(NAME, "configuration the runtime repeats (users, folders, config files, locales, repositories), files "
            "put in place, and commands with no effect of their own", claim, finish)


def _su(cmd: Command, ctx: RunContext) -> Claim | None:
    """``su USER -c SCRIPT``, whose script is read in its place, as USER: blocked when it is not (a login shell,
    a script or user the tool does not know). A ``su`` that runs no script given as a string is like any other
    command."""
    if not _runs_string(cmd):
        return _unnamed(cmd, ctx)
    if any(a in ("-", "--login") or re.fullmatch(r"-[a-zA-Z]*l[a-zA-Z]*", a or "") for a in cmd.args):
        return Claim(Role.BLOCKED, NAME, "`su -l -c` runs commands in a login shell of another user, whose "
                                         "environment is made anew (without the image's ENV): the tool does "
                                         "not follow it")
    return Claim(Role.BLOCKED, NAME, "`su -c` runs commands as another user, whose environment (home folder, "
                                     "files it owns) the tool does not follow: its script or user is not "
                                     "known (a variable), or arguments follow the script")


def _install(cmd: Command, ctx: RunContext) -> Claim | None:
    """coreutils' ``install``: ``-d`` makes folders, as mkdir does; else it copies files, as cp does."""
    if has_flag(cmd.args, "-d", "--directory"):
        return _setup(cmd, ctx, "directories")
    return _copy(cmd, ctx)


def _ldconfig(cmd: Command, ctx: RunContext) -> Claim | None:
    """The loader's cache lists the libraries found on disk: the runtime repeats it (when its output is
    redirected, commands.json's rule for it applies)."""
    if _written(cmd):
        return _unnamed(cmd, ctx)
    return Claim(Role.SETUP, NAME, "`ldconfig` refreshes the loader's cache of libraries; the runtime repeats it",
                 reads_outputs=True)


# the commands known by their name, asked right after the project's own programs: a handler's answer is the
# claim (None included)
_BY_NAME: dict[str, Callable[[Command, RunContext], Claim | None]] = {
    **{name: _copy for name in _COPIERS},
    "install": _install,
    "xargs": _xargs,
    "patch": lambda cmd, ctx: Claim(Role.BUILD, NAME, "`patch` changes the sources before the build"),
    "strip": lambda cmd, ctx: Claim(Role.BUILD, NAME, "`strip` removes the symbols of built programs"),
    "su": _su,
    "eval": lambda cmd, ctx: _eval(cmd),
    "rm": _remove,
    "rmdir": _remove,
    "find": _find,
    "ldconfig": _ldconfig,
    "update-alternatives": lambda cmd, ctx: _alternatives(cmd),
}
