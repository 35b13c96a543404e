"""System packages: apt-get/apt, apk, yum/dnf/microdnf."""

from __future__ import annotations

from ..analysis import Claim, PackageOp, Role, RunContext, option_value, positional
from ..images import data
from ..shell import Command

NAME = "system"

_APT_VALUE_OPTS = frozenset({"-o", "-t", "-c", "--target-release", "--option", "--config-file"})
_APK_VALUE_OPTS = frozenset({"-t", "--virtual", "-X", "--repository", "--root", "-p", "--cache-dir"})
_RPM_VALUE_OPTS = frozenset({"--setopt", "--enablerepo", "--disablerepo", "-c", "--config", "--installroot"})


def _words(cmd: Command) -> tuple[str | None, ...]:
    return tuple(w.value if w.value is not None else w.text for w in cmd.argv[1:])


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    table = data("commands.json")
    name = cmd.name
    args = _words(cmd)
    if name in table["apt_managers"]:
        pos = positional(args, _APT_VALUE_OPTS)
        if not pos:
            return Claim(Role.NEUTRAL, NAME)
        action, pkgs = pos[0], tuple(p for p in pos[1:] if p)
        if action == "install":
            return Claim(Role.PACKAGES, NAME, packages=PackageOp("apt", "install", pkgs))
        if action in ("remove", "purge"):
            return Claim(Role.PACKAGES, NAME, packages=PackageOp("apt", "remove", pkgs))
        return Claim(Role.NEUTRAL, NAME)  # update, upgrade, clean, autoremove...
    if name in table["apk_managers"]:
        pos = positional(args, _APK_VALUE_OPTS)
        if not pos:
            return Claim(Role.NEUTRAL, NAME)
        action, pkgs = pos[0], tuple(p for p in pos[1:] if p)
        virtual = option_value(args, "--virtual", "-t")
        if action == "add":
            return Claim(Role.PACKAGES, NAME, packages=PackageOp("apk", "install", pkgs, virtual))
        if action == "del":
            return Claim(Role.PACKAGES, NAME, packages=PackageOp("apk", "remove", pkgs))
        return Claim(Role.NEUTRAL, NAME)  # update, upgrade, cache clean
    if name in table["rpm_managers"]:
        pos = positional(args, _RPM_VALUE_OPTS)
        if not pos:
            return Claim(Role.NEUTRAL, NAME)
        action, pkgs = pos[0], tuple(p for p in pos[1:] if p)
        if action == "install":
            return Claim(Role.PACKAGES, NAME, packages=PackageOp("rpm", "install", pkgs))
        if action in ("remove", "erase"):
            return Claim(Role.PACKAGES, NAME, packages=PackageOp("rpm", "remove", pkgs))
        return Claim(Role.NEUTRAL, NAME)  # clean, makecache, update
    return None
