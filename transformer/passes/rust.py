"""Rust: cargo build --release, cargo install, cargo test."""

from __future__ import annotations

import posixpath
import re

from ..analysis import Artifact, Claim, Role, RunContext, has_flag, option_value, parse_toml, read_where_copied
from ..claims import Finish, Pass, StageFacts
from ..packages import DevRuntime, LibrarySource
from ..shell import Command

NAME = "rust"


# the crates through which a program loads the system's CA certificates (/etc/ssl/certs): OpenSSL's (native-tls,
# reqwest's default, and openssl-probe, which finds them) and rustls's readers of the platform's store; a Cargo.lock
# that names none of them makes no TLS connection with those roots (webpki-roots bundles its own)
_SYSTEM_ROOTS = ("openssl-sys", "native-tls", "openssl-probe", "rustls-native-certs", "rustls-platform-verifier")


def _without_crates(text: str | None) -> bool:
    """Whether Cargo.toml names no crate at all (no [dependencies], [build-dependencies], target or workspace
    dependencies): then nothing links a system library, Cargo.lock or not."""
    doc = parse_toml(text)
    if doc is None or "workspace" in doc:
        return False
    tables = [doc.get("dependencies"), doc.get("build-dependencies")]
    targets = doc.get("target")
    if targets:
        return False
    return all(not t for t in tables)


def _binary_name(ctx: RunContext) -> str | None:
    """The binary the crate of the folder cargo runs in makes, by its Cargo.toml: the one a COPY put there
    (rp24rust mlieberman85/rust-hello-world-demo: `COPY rust/ /tmp/`, `WORKDIR /tmp`), else the context's."""
    doc = parse_toml(ctx.read_file("Cargo.toml"))  # (read_file falls back to the context's root)
    if doc is None:
        return None
    bins = doc.get("bin") or []
    if len(bins) == 1 and isinstance(bins[0], dict) and "name" in bins[0]:
        return str(bins[0]["name"])
    name = (doc.get("package") or {}).get("name")
    return str(name) if name and re.match(r"^[\w.-]+$", str(name)) else None


def _installs_the_context(args: tuple[str | None, ...]) -> bool:
    """Whether ``cargo install`` builds the crate of the folder it runs in (``--path .``), whose Cargo.toml is the
    build context's, with one binary (``--bin``, ``--bins`` and ``--example`` pick others)."""
    picks = ("--bin", "--bins", "--example", "--examples", "--git", "--registry", "--index")
    return option_value(args, "--path") in (".", "./") and not any(a and a.split("=", 1)[0] in picks for a in args)


def _run_from(folder: str, ctx: RunContext) -> tuple[str, ...]:
    """The binaries of cargo's output folder the image's command runs (``CMD ./target/release/app``, in the
    folder the build ran in, or by its absolute path)."""
    words = [w for run in ctx.runs for w in run if w and "/" in w and "$" not in w]
    paths = [ctx.abspath(w) for w in words]
    return tuple(dict.fromkeys(posixpath.basename(p) for p in paths if posixpath.dirname(p) == folder
                               and re.match(r"^[\w.-]+$", posixpath.basename(p))))


def _unnamed_reason(ctx: RunContext) -> str:
    if any(run and posixpath.basename(run[0] or "") == "cargo" for run in ctx.runs):
        return ("the image's command runs cargo, which builds at run time and needs the Rust toolchain (and "
                "`cargo build` names the binary after Cargo.toml, which the build context does not hold)")
    return ("`cargo build` names the binary after Cargo.toml, which the build context does not hold or does not "
            "name plainly, and the image's command does not run it from cargo's output folder: what to copy is "
            "not known")


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name != "cargo" or not cmd.args:
        return None
    sub, args = cmd.args[0], cmd.args[1:]
    if sub == "build":
        profile = "release" if has_flag(args, "--release", "-r") else "debug"
        target_dir = option_value(args, "--target-dir") or "target"
        folder = ctx.abspath(f"{target_dir}/{profile}")
        name = _binary_name(ctx)
        names = (name,) if name is not None else _run_from(folder, ctx)
        if not names:
            return Claim(Role.BLOCKED, NAME, _unnamed_reason(ctx))
        return Claim(Role.BUILD, NAME, "`cargo build` compiles the binary",
                     artifacts=tuple(Artifact(f"{folder}/{n}", reason="the Rust binary") for n in names),
                     needs_libc=True)
    if sub == "install":
        root = option_value(args, "--root") or ctx.getenv("CARGO_HOME") or "/usr/local/cargo"
        name = _binary_name(ctx) if _installs_the_context(args) else None
        if name is not None:  # CARGO_HOME/bin holds cargo and rustc too: only the app's binary is copied
            return Claim(Role.BUILD, NAME, f"`cargo install` compiles {name} into {root}/bin",
                         artifacts=(Artifact(f"{root}/bin/{name}", reason="the Rust binary cargo installed"),),
                         needs_libc=True)
        return Claim(Role.BUILD, NAME, "`cargo install` compiles into " + root + "/bin",
                     artifacts=(Artifact(f"{root}/bin", reason="installed Rust binaries", whole_dir=True),),
                     needs_libc=True)
    if sub in ("test", "clippy", "check", "fmt"):
        return Claim(Role.TEST, NAME, f"`cargo {sub}` checks the code")
    if sub in ("fetch", "vendor", "update", "generate-lockfile"):
        return Claim(Role.BUILD, NAME, f"`cargo {sub}` prepares the build")
    return None


_LISTED = DevRuntime(
    "the Rust binary", LibrarySource.LEFT, (),
    why="a Rust binary may link system libraries (openssl-sys links libssl, which a slim image lacks), and Cargo.lock, "
        "which names the crates that do, is not in the build context; the builder cannot list them for the runtime")


def finish(facts: StageFacts) -> Finish | None:
    """Binaries cargo builds link the C library (the gnu target): a runtime that has it. What else they link
    (``openssl-sys`` links libssl) the builder lists with ldd, unless Cargo.lock shows no crate that links a
    system library."""
    if not any(c.needs_libc for d in facts.decisions for c in d.claims if c.ecosystem == NAME):
        return None
    lock = _crate_file(facts, "Cargo.lock")
    no_roots = lock is not None and not any(f'name = "{c}"' in lock for c in _SYSTEM_ROOTS)
    if lock is not None and not re.search(r'^name = "[\w-]+-sys"$', lock, re.M):
        return Finish(needs_libc=True, no_tls_roots=no_roots)
    if lock is None and facts.read_context and _without_crates(_crate_file(facts, "Cargo.toml")):
        return Finish(needs_libc=True, no_tls_roots=True)
    why = "names crates that link system libraries (-sys)" if lock is not None else "is not in the build context"
    return Finish(needs_libc=True, by_ldd=(_LISTED,), no_tls_roots=no_roots, notes=(
        f"Cargo.lock {why}: the builder lists the packages whose shared libraries the Rust binary links to (ldd), "
        "and the runtime installs them",))


def _crate_file(facts: StageFacts, name: str) -> str | None:
    """A file of the crate cargo built (Cargo.lock, Cargo.toml), from the build context: where a COPY put it in the
    folder of the first cargo step (`COPY rust/ /tmp/`, `WORKDIR /tmp`: rust/Cargo.lock), else at the context's
    root."""
    if facts.read_context is None:
        return None
    folder = next((d.workdir for d in facts.decisions if any(c.ecosystem == NAME and c.needs_libc
                                                               for c in d.claims)), "/")
    return read_where_copied(facts.read_context, facts.copied, folder, name)


PASS = Pass(NAME, "cargo build / install / test", claim, finish)
