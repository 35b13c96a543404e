"""System packages: apt-get/apt, apk, yum/dnf/microdnf."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import Claim, PackageOp, Role, RunContext, option_value, positional
from ..claims import Pass
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
            frozenset({"install"}), frozenset({"remove", "erase"})),
)


def _words(cmd: Command) -> tuple[str | None, ...]:
    return tuple(w.value if w.value is not None else w.text for w in cmd.argv[1:])


def _manager(cmd: Command) -> Manager | None:
    table = data("commands.json")
    return next((m for m in MANAGERS if cmd.name in table[m.commands_key]), None)


def packages_of(cmd: Command) -> PackageOp | None:
    """The packages a package-manager command installs or removes (None for update, clean...)."""
    m = _manager(cmd)
    if m is None:
        return None
    args = _words(cmd)
    pos = positional(args, m.value_options)
    if not pos:
        return None
    action, pkgs = pos[0], tuple(p for p in pos[1:] if p)
    if action in m.install:
        virtual = option_value(args, "--virtual", "-t") if m.name == "apk" else None
        env = tuple((k, v) for k, v in cmd.assignments if v is not None)
        return PackageOp(m.name, "install", pkgs, virtual, env)
    if action in m.remove:
        return PackageOp(m.name, "remove", pkgs)
    return None


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if _manager(cmd) is None:
        return None
    op = packages_of(cmd)
    if op is None:
        return Claim(Role.NEUTRAL, NAME)  # update, upgrade, clean, autoremove, makecache...
    return Claim(Role.PACKAGES, NAME, packages=op)


PASS = Pass(NAME, "system packages: apt-get/apt, apk, yum/dnf/microdnf", claim)
