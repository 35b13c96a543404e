"""Which system packages the runtime keeps.

A build-only package (compilers, headers, ``-dev`` packages) stays in the builder;
a ``-dev`` package's shared libraries (libpq-dev -> libpq5) go to the runtime.
The Debian/Ubuntu map is generated from the distributions' package indices by
scripts/gen_debian_runtime_map.py, per release (a codename: ``xenial``, ``bookworm``;
``transformer.distro.Release`` values are codenames); the Alpine map is curated by hand.
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


Maps = tuple[dict[str, list[str]], set[str]]


def maps(manager: str, release: str | None = None) -> Maps:
    """(-dev package -> runtime libraries, build-only packages) for a package manager.

    ``release`` (a Debian or Ubuntu codename) picks that release's apt map; ``None``, or a
    release the data does not know, gives the base release's (Debian 12 bookworm)."""
    if manager == "rpm":
        return {}, _rpm_build_only()
    if manager == "apk":
        return _base_maps("alpine_runtime.json")
    if release is None or release not in data("debian_runtime.json")["releases"]:
        return _base_maps("debian_runtime.json")
    return _release_maps(release)


def apt_releases() -> tuple[str, ...]:
    """The codenames the apt map knows, the base release first."""
    doc = data("debian_runtime.json")
    return (base_release(), *sorted(doc["releases"]))


def base_release() -> str:
    """The codename of the release stored whole (``bookworm``)."""
    return str(data("debian_runtime.json")["_release"]).split()[-1]


@cache
def _rpm_build_only() -> set[str]:
    return set(data("commands.json")["rpm_build_only"])


@cache
def _base_maps(name: str) -> Maps:
    doc = data(name)
    return doc["dev_to_runtime"], set(doc["build_only"])


@cache
def _release_maps(release: str) -> Maps:
    """A release's maps: its parent's with the release's differences applied."""
    diff = data("debian_runtime.json")["releases"][release]
    parent = diff["parent"]
    dev_map, build_only = maps("apt", None if parent == base_release() else parent)
    dev_map = dict(dev_map)
    for dev, libs in diff["dev_to_runtime"].items():
        if libs is None:
            dev_map.pop(dev, None)
        else:
            dev_map[dev] = libs
    return dev_map, (build_only | set(diff["build_only_added"])) - set(diff["build_only_removed"])


def is_build_only(name: str, manager: str, release: str | None = None) -> bool:
    dev_map, build_only = maps(manager, release)
    return name in build_only or name in dev_map or name.endswith("-dev") or name.endswith("-devel") or (
        manager == "apt" and build_tool(name) is not None)


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




def _runtime_of(name: str, manager: str, dev_map: dict[str, list[str]]) -> tuple[str, ...]:
    libs = list(dev_map.get(name, ()))
    if manager == "apt":
        libs += [p for p in build_tool(name) or () if p not in libs]
    return tuple(libs)


def runtime_packages(ops: Iterable[PackageOp], release: str | None = None) -> PackageSet:
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
    dev_map, _ = maps(manager, release)
    base = set(data("commands.json")["base_libraries"].get(manager, ()))
    keep: list[str] = []
    dropped: list[str] = []
    lib_map: list[tuple[str, tuple[str, ...]]] = []
    for word in installed:
        name = _name(word)
        if is_build_only(name, manager, release):
            dropped.append(word)
            libs = _runtime_of(name, manager, dev_map)
            if libs:
                lib_map.append((name, libs))
                present = {_name(k) for k in keep} | {_name(w) for w in installed} | base
                keep += [lib for lib in libs if lib not in present and lib not in keep]
        elif word not in keep:
            keep.append(word)
    env = tuple(dict.fromkeys(e for op in ops_seen if op.action == "install" for e in op.env))
    return PackageSet(tuple(keep), tuple(dropped), tuple(lib_map), manager, env)


def unsure_libraries(devs: Iterable[str], release: str | None) -> str | None:
    """On an image whose release the data do not know, a -dev package's run-time library is taken only
    when every known release names it alike (libpq5); else the reason why the file is left alone."""
    if release is not None:
        return None
    for dev in devs:
        names = {tuple(found[dev]) for r in apt_releases() if dev in (found := maps("apt", r)[0])}
        if len(names) > 1:
            return (f"the run-time library behind {dev} differs between Debian/Ubuntu releases "
                    f"({', '.join(sorted({n for ns in names for n in ns}))}), and the image's release is not "
                    "one the tool knows")
    return None


def runtime_libraries(
    needs: Iterable[tuple[str, str]], kept: list[str], release: str | None = None
) -> list[tuple[str, str, list[str]]]:
    """(what, -dev package, its Debian run-time libraries) for each (what, -dev package) built against,
    leaving out the libraries in ``kept`` (extended here), in the slim image, or named already."""
    dev_map, _ = maps("apt", release)
    base = set(data("commands.json")["base_libraries"].get("apt", ()))
    out: list[tuple[str, str, list[str]]] = []
    for what, dev in needs:
        libs = [lib for lib in dev_map.get(dev, ()) if lib not in kept and lib not in base]
        kept += libs
        if libs:
            out.append((what, dev, libs))
    return out
