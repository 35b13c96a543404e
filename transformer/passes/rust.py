"""Rust: cargo build --release, cargo install, cargo test."""

from __future__ import annotations

import re
import sys

from ..analysis import Artifact, Claim, Role, RunContext, has_flag, option_value
from ..claims import Finish, Pass, StageFacts
from ..shell import Command

NAME = "rust"


def _binary_name(ctx: RunContext) -> str | None:
    toml = ctx.read_context("Cargo.toml")
    if toml is None:
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        doc = tomllib.loads(toml)
    except Exception:
        return None
    bins = doc.get("bin") or []
    if len(bins) == 1 and isinstance(bins[0], dict) and "name" in bins[0]:
        return str(bins[0]["name"])
    name = (doc.get("package") or {}).get("name")
    return str(name) if name and re.match(r"^[\w.-]+$", str(name)) else None


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name != "cargo" or not cmd.args:
        return None
    sub, args = cmd.args[0], cmd.args[1:]
    if sub == "build":
        profile = "release" if has_flag(args, "--release", "-r") else "debug"
        target_dir = option_value(args, "--target-dir") or "target"
        name = _binary_name(ctx)
        if name is None:
            return Claim(Role.BLOCKED, NAME, "`cargo build` names the binary after Cargo.toml, which the build "
                         "context does not hold or does not name plainly: what to copy is not known")
        path = ctx.abspath(f"{target_dir}/{profile}/{name}")
        return Claim(Role.BUILD, NAME, "`cargo build` compiles the binary",
                     artifacts=(Artifact(path, reason="the Rust binary"),), needs_libc=True)
    if sub == "install":
        root = option_value(args, "--root") or ctx.getenv("CARGO_HOME") or "/usr/local/cargo"
        return Claim(Role.BUILD, NAME, "`cargo install` compiles into " + root + "/bin",
                     artifacts=(Artifact(f"{root}/bin", reason="installed Rust binaries", whole_dir=True),),
                     needs_libc=True)
    if sub in ("test", "clippy", "check", "fmt"):
        return Claim(Role.TEST, NAME, f"`cargo {sub}` checks the code")
    if sub in ("fetch", "vendor"):
        return Claim(Role.BUILD, NAME, f"`cargo {sub}` prepares the build")
    return None


def finish(facts: StageFacts) -> Finish | None:
    """Binaries cargo builds link the C library (the gnu target): a runtime that has it."""
    if any(c.needs_libc for d in facts.decisions for c in d.claims if c.ecosystem == NAME):
        return Finish(needs_libc=True)
    return None


PASS = Pass(NAME, "cargo build / install / test", claim, finish)
