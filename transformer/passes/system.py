"""System packages: apt-get/apt, apk, yum/dnf/microdnf."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import Claim, PackageOp, Role, RunContext, option_value, positional
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


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    table = data("commands.json")
    for m in MANAGERS:
        if cmd.name not in table[m.commands_key]:
            continue
        args = _words(cmd)
        pos = positional(args, m.value_options)
        if not pos:
            return Claim(Role.NEUTRAL, NAME)
        action, pkgs = pos[0], tuple(p for p in pos[1:] if p)
        if action in m.install:
            virtual = option_value(args, "--virtual", "-t") if m.name == "apk" else None
            return Claim(Role.PACKAGES, NAME, packages=PackageOp(m.name, "install", pkgs, virtual))
        if action in m.remove:
            return Claim(Role.PACKAGES, NAME, packages=PackageOp(m.name, "remove", pkgs))
        return Claim(Role.NEUTRAL, NAME)  # update, upgrade, clean, autoremove, makecache...
    return None
