"""Which system packages the runtime keeps.

A build-only package (compilers, headers, ``-dev`` packages) stays in the builder;
a ``-dev`` package's shared libraries (libpq-dev -> libpq5) go to the runtime.
The Debian map is generated from Debian's package metadata by
scripts/gen_debian_runtime_map.py; the Alpine map is curated by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .claims import PackageOp
from .images import data


@dataclass(frozen=True, slots=True)
class PackageSet:
    keep: tuple[str, ...]  # installed in the runtime
    dropped: tuple[str, ...]  # build-only, left in the builder
    library_map: tuple[tuple[str, tuple[str, ...]], ...]  # -dev package -> its runtime libraries
    manager: str | None
    env: tuple[tuple[str, str], ...] = ()  # assignments the install commands ran with


def _name(word: str) -> str:
    """The package name of ``pkg=1.2`` / ``pkg>=1`` / ``pkg~1`` / ``pkg@edge``."""
    for sep in ("=", "<", ">", "~", "@"):
        word = word.split(sep, 1)[0]
    return word


def maps(manager: str) -> tuple[dict[str, list[str]], set[str]]:
    """(-dev package -> runtime libraries, build-only packages) for a package manager."""
    if manager == "rpm":
        return {}, set(data("commands.json")["rpm_build_only"])
    doc = data("alpine_runtime.json" if manager == "apk" else "debian_runtime.json")
    return doc["dev_to_runtime"], set(doc["build_only"])


@cache
def _build_tools() -> tuple[dict[str, list[str]], tuple[tuple[re.Pattern[str], list[str]], ...]]:
    table = {k: v for k, v in data("commands.json")["build_tools"].items() if not k.startswith("_")}
    exact = {k: v for k, v in table.items() if not k.startswith("re:")}
    patterns = tuple((re.compile(k[3:]), v) for k, v in table.items() if k.startswith("re:"))
    return exact, patterns


def build_tool(name: str) -> list[str] | None:
    """The run-time packages that replace a Debian build tool (commands.json's build_tools: a compiler of
    another language, an installer), or None when ``name`` is not one."""
    exact, patterns = _build_tools()
    if name in exact:
        return exact[name]
    for pattern, runtime in patterns:
        m = pattern.match(name)
        if m:
            return [r.replace("{1}", m.group(1) or "") if m.groups() else r for r in runtime]
    return None


def is_build_only(name: str, manager: str) -> bool:
    dev_map, build_only = maps(manager)
    return name in build_only or name in dev_map or name.endswith("-dev") or name.endswith("-devel") or (
        manager == "apt" and build_tool(name) is not None)


def _runtime_of(name: str, manager: str, dev_map: dict[str, list[str]]) -> tuple[str, ...]:
    libs = list(dev_map.get(name, ()))
    if manager == "apt":
        libs += [p for p in build_tool(name) or () if p not in libs]
    return tuple(libs)


def runtime_packages(ops: Iterable[PackageOp]) -> PackageSet:
    installed: list[str] = []
    virtual_groups: dict[str, list[str]] = {}
    manager: str | None = None
    ops_seen = list(ops)
    for op in ops_seen:
        manager = manager or op.manager
        if op.action == "install":
            names = list(op.packages)
            if op.virtual:
                virtual_groups[op.virtual] = names
            installed += [n for n in names if n not in installed]
        else:
            for n in op.packages:
                for removed in virtual_groups.pop(n, [n]):
                    if removed in installed:
                        installed.remove(removed)
    if not installed:
        return PackageSet((), (), (), manager)
    manager = manager or "apt"
    dev_map, _ = maps(manager)
    base = set(data("commands.json")["base_libraries"].get(manager, ()))
    keep: list[str] = []
    dropped: list[str] = []
    lib_map: list[tuple[str, tuple[str, ...]]] = []
    for word in installed:
        name = _name(word)
        if is_build_only(name, manager):
            dropped.append(word)
            libs = _runtime_of(name, manager, dev_map)
            if libs:
                lib_map.append((name, libs))
                names = {_name(k) for k in keep} | {_name(w) for w in installed} | base
                keep += [lib for lib in libs if lib not in names and lib not in keep]
        elif word not in keep:
            keep.append(word)
    env = tuple(dict.fromkeys(e for op in ops_seen if op.action == "install" for e in op.env))
    return PackageSet(tuple(keep), tuple(dropped), tuple(lib_map), manager, env)


def runtime_libraries(needs: Iterable[tuple[str, str]], kept: list[str]) -> list[tuple[str, str, list[str]]]:
    """(what, -dev package, its Debian run-time libraries) for each (what, -dev package) built against,
    leaving out the libraries in ``kept`` (extended here), in the slim image, or named already."""
    dev_map, _ = maps("apt")
    base = set(data("commands.json")["base_libraries"].get("apt", ()))
    out: list[tuple[str, str, list[str]]] = []
    for what, dev in needs:
        libs = [lib for lib in dev_map.get(dev, ()) if lib not in kept and lib not in base]
        kept += libs
        if libs:
            out.append((what, dev, libs))
    return out
