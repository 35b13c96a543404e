"""Downloads and archives: curl/wget to a file, tar and unzip into a folder, checksum checks.

A file fetched to a lasting place (``curl -o /usr/local/bin/tini``) or an archive unpacked into a
folder (``tar -xzf x.tgz -C /opt``) is a build output the runtime copies, so the download tools
stay in the builder. What lands in /tmp is scratch. A download run by a shell (``curl | sh``)
is not claimed: what that script does is not known.
"""

from __future__ import annotations

import re

from ..analysis import Artifact, Claim, Role, RunContext, has_flag, option_value
from ..claims import Pass
from ..shell import Command

NAME = "fetch"

_SCRATCH = ("/tmp", "/var/tmp", "/dev")
_CONFIGURATION = ("/etc", "/usr/share/keyrings")
def _scratch(path: str) -> bool:
    return any(path == s or path.startswith(s + "/") for s in _SCRATCH)


def _kept(path: str, ctx: RunContext, reason: str, whole: bool = False) -> Claim | None:
    """A build output at ``path``: an artifact, or nothing to copy when it is scratch. Configuration
    (a package repository, a signing key under /etc or /usr/share/keyrings) is not claimed: the
    runtime's own package installs would need it before any copy."""
    if "$" in path or "*" in path:
        return None
    full = ctx.abspath(path)
    if any(full == c or full.startswith(c + "/") for c in _CONFIGURATION):
        return None
    if _scratch(full):
        return Claim(Role.BUILD, NAME, f"{reason} into {full} (scratch)")
    return Claim(Role.BUILD, NAME, f"{reason} into {full}",
                 artifacts=(Artifact(full, reason=reason, whole_dir=whole),))


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


def _download(cmd: Command, ctx: RunContext) -> Claim | None:
    name, args = cmd.name, cmd.args
    if name == "curl":
        out = option_value(args, "-o", "--output") or _cluster_value(args, "o")
        if out is None and (has_flag(args, "-O", "--remote-name") or _cluster(args, "O") is not None):
            return None  # named after the URL: where it lands is known only at build time
    else:
        out = option_value(args, "-O", "--output-document") or _cluster_value(args, "O")
        if out is None:
            return None  # named after the URL
    if out is None or out == "-":
        # to standard output: the next command of the pipe (tar) keeps what matters
        return Claim(Role.BUILD, NAME, f"`{name}` downloads into a pipe") if cmd.connector == "|" else None
    return _kept(out, ctx, f"`{name}` downloads a file")


def _unpack(cmd: Command, ctx: RunContext) -> Claim | None:
    args = cmd.args
    if cmd.name == "tar":
        first = next((a for a in args if a is not None), "")
        extracting = has_flag(args, "-x", "--extract", "--get") or (
            not first.startswith("--") and "x" in first.lstrip("-"))
        if not extracting:
            return None
        into = option_value(args, "-C", "--directory")
    else:  # unzip
        into = option_value(args, "-d")
    return _kept(into or ".", ctx, f"`{cmd.name}` unpacks an archive", whole=True)


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name in ("curl", "wget"):
        return _download(cmd, ctx)
    if name in ("tar", "unzip"):
        return _unpack(cmd, ctx)
    if name in ("sha256sum", "sha512sum", "sha1sum", "md5sum") and has_flag(cmd.args, "-c", "--check"):
        return Claim(Role.NEUTRAL, NAME)
    if name in ("gpg", "gpgv") and has_flag(cmd.args, "--verify"):
        return Claim(Role.NEUTRAL, NAME)
    return None


PASS = Pass(NAME, "downloads (curl/wget to a file, tar/unzip into a folder, checksum checks)", claim)
