"""Which system packages the runtime keeps.

A build-only package (compilers, headers, ``-dev`` packages) stays in the builder;
a ``-dev`` package's shared libraries (libpq-dev -> libpq5) go to the runtime.
The Debian/Ubuntu map is generated from the distributions' package indices by
scripts/gen_debian_runtime_map.py, per release (a codename: ``xenial``, ``bookworm``;
``transformer.distro.Release`` values are codenames); the Alpine map is curated by hand.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from .claims import LISTED_INSTALLED, PackageOp
from .distro import NEWEST_ALPINE, Release, alpine_release, buildpack_dev_base, package_providing
from .images import ImageRef, data


class LibrarySource(Enum):
    """Where the run-time part of a -dev package the build used comes from."""

    DATA = "data"  # the data name its libraries for the image's release (or it has none the data know)
    ALIKE = "alike"  # a release the data do not know, and they name them alike in every release they know: a guess
    DEV_KEPT = "dev-kept"  # a release the data do not know, and they name them differently: the -dev package stays
    LEFT = "left"  # ... but the -dev package pulls in a build tool or too much: the file is left alone
    LISTED = "listed"  # a release the data do not know: the builder lists them (ldd), in place of a guess
    # a -dev package that stands for many libraries (libboost-all-dev): the data name them all, where the outputs
    # link a few (none, built static): the builder lists those (ldd) where it can, else the runtime installs them all
    MANY = "many"
    UNCURATED = "uncurated"  # an apk -dev package alpine_runtime.json does not name: the builder lists them (ldd)
    # a -dev package the file removes whose library a compiler it keeps depends on (gmp-dev and g++): the original
    # keeps the library, the runtime leaves the compiler out; the builder lists what the outputs link (ldd)
    KEPT_BY_COMPILER = "kept-by-compiler"


_GUESSES = (LibrarySource.ALIKE, LibrarySource.DEV_KEPT, LibrarySource.MANY)
# how many run-time libraries make a -dev package one that stands for many (libboost1.58-all-dev: 27 on xenial)
_MANY_LIBRARIES = 10


@dataclass(frozen=True, slots=True)
class DevRuntime:
    """What the runtime installs for a -dev package the build used."""

    dev: str
    source: LibrarySource
    packages: tuple[str, ...]  # DATA, ALIKE: its run-time libraries; DEV_KEPT: the -dev package; LEFT, UNCURATED: none;
    # LISTED: a build tool's run-time part (python-dev -> python), no library
    why: str = ""  # DEV_KEPT: why the -dev package stays; LEFT: why the file is left alone; LISTED: what was guessed
    # LISTED: the guess it replaces (listed_instead), which says what the note tells; not part of what it is
    given_up: LibrarySource | None = field(default=None, compare=False)
    # LEFT on Alpine: the package the file installs that the image's release no longer has (:func:`alpine_dropped`)
    older: str = field(default="", compare=False)

    def explain(self) -> str:
        return self.why or f"the runtime installs {', '.join(self.packages)}"


class Obstacle(Enum):
    """Why a -dev package cannot stay in a runtime in place of its run-time libraries."""

    BUILD_TOOL = "build-tool"  # its dependencies pull in a compiler or build tool
    LARGE = "large"  # its dependencies add more than the data's dev_large_mb
    ABSENT = "absent"  # a known release has no such -dev package: the image's may lack it too


@dataclass(frozen=True, slots=True)
class Cost:
    """Why a -dev package cannot stay in a runtime, as the data found it in one release."""

    obstacle: Obstacle
    release: str
    toolchain: str = ""  # BUILD_TOOL: the compiler or build tool

    def explain(self, dev: str, image: str) -> str:
        label = _label(self.release)
        if self.obstacle is Obstacle.BUILD_TOOL:
            return f"it pulls in {self.toolchain}, a build tool, on {label}"
        if self.obstacle is Obstacle.LARGE:
            return f"it adds more than {data('debian_runtime.json')['dev_large_mb']} MB to an image on {label}"
        return f"the data know no {dev} on {label}, so {image or 'the image'}'s release may not have it either"


@dataclass(frozen=True, slots=True)
class PackageSet:
    keep: tuple[str, ...]  # installed in the runtime
    dropped: tuple[str, ...]  # build-only, left in the builder
    library_map: tuple[tuple[str, tuple[str, ...]], ...]  # -dev package -> its runtime libraries
    manager: str | None
    env: tuple[tuple[str, str], ...] = ()  # assignments the install commands ran with
    fallbacks: tuple[DevRuntime, ...] = ()  # -dev packages the data cannot name (DEV_KEPT, LEFT, LISTED, UNCURATED)
    guessed: tuple[DevRuntime, ...] = ()  # apt -dev packages whose libraries the runtime installs by a guess (ALIKE,
    # DEV_KEPT) on a release the data do not know: listed by the builder instead where it can (runtime_packages' listed)
    removed_later: tuple[str, ...] = ()  # installed by one RUN and removed by a later one: the first RUN's layer still
    # holds them, the runtime does not install them (the build-only ones are in ``dropped`` too, with their libraries)
    removed_in_place: tuple[str, ...] = ()  # build-only packages the RUN that installs them removes: in no layer
    deps_left: tuple[str, ...] = ()  # of those, apt's removed without the packages they depend on (no --auto-remove),
    # which stay (golang-go's golang-1.19-go, build-essential's gcc and g++): not library headers


def package_name(word: str) -> str:
    """The package name of ``pkg=1.2`` / ``pkg>=1`` / ``pkg~1`` / ``pkg@edge``."""
    for sep in ("=", "<", ">", "~", "@"):
        word = word.split(sep, 1)[0]
    return word


_name = package_name


def few(names: Sequence[str], most: int = 3) -> str:
    """Package names as a reason shows them: the first ``most``, then "..." where there are more."""
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")

# libcurl's run-time packages of every Debian and Ubuntu release (libcurl3, libcurl4, libcurl4t64, libcurl3-gnutls,
# libcurl3t64-gnutls, libcurl3-nss) recommend ca-certificates, as the curl command does: libcurl verifies a TLS peer
# against /etc/ssl/certs by default, and every https transfer fails without it
_LIBCURL = re.compile(r"^libcurl\d(t64)?(-gnutls|-nss)?$")


# the packages of Python 3's headers (python3-dev, python3.11-dev, python3-all-dev, libpython3-dev): group 1 the version
_PYTHON_HEADERS = re.compile(r"(?:lib)?python(3(?:\.\d+)?)(?:-all)?-dev")


def python_headers(installed: Iterable[str]) -> tuple[str, str] | None:
    """(package, the -dev package of the shared library its headers point to) for the packages of Python 3's headers
    among ``installed``: libpython3.X-dev for a versioned one (python3.11-dev), which wins, else the release's
    libpython3-dev; None when none of them installs Python's headers."""
    found = [(name, m.group(1)) for name in map(package_name, installed) if (m := _PYTHON_HEADERS.fullmatch(name))]
    versioned = [(name, version) for name, version in found if "." in version]
    if versioned:
        return versioned[0][0], f"libpython{versioned[0][1]}-dev"
    return (found[0][0], "libpython3-dev") if found else None


def verifies_with_system_certificates(name: str) -> bool:
    """Whether the run-time package ``name`` is a TLS client library that reads the system's CA certificates
    (/etc/ssl/certs) by default and recommends ca-certificates: libcurl's."""
    return bool(_LIBCURL.match(package_name(name)))


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
    build_only = (build_only | set(diff["build_only_added"])) - set(diff["build_only_removed"])
    return _patched(dev_map, diff["dev_to_runtime"]), build_only


@cache
def _recommended_map(release: str) -> dict[str, list[str]]:
    """data/debian_recommends.json's map for ``release``: the base release's with the release's differences."""
    doc = data("debian_recommends.json")
    return _patched(doc["packages"], doc["releases"].get(release, {}))


@cache
def _parts_map(release: str) -> dict[str, list[str]]:
    """debian_runtime.json's build_only_runtime for ``release``: its parent's with the release's differences."""
    doc = data("debian_runtime.json")
    if release == base_release():
        return dict(doc.get("build_only_runtime", {}))
    diff = doc["releases"][release]
    return _patched(_parts_map(diff["parent"]), diff.get("build_only_runtime", {}))


def _patched(table: dict[str, list[str]], diff: dict[str, list[str] | None]) -> dict[str, list[str]]:
    """``table`` with a release's differences applied: an entry of ``diff`` replaces the table's, None removes it."""
    out = dict(table)
    for name, value in diff.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


def build_only_parts(name: str, release: str | None) -> tuple[str, ...]:
    """The run-time parts of the build-only package ``name`` on ``release`` (debian_runtime.json's
    build_only_runtime: the packages of its own source it depends on that run in an image, gettext -> gettext-base,
    with envsubst); on a release the data do not know, those every known release that names some names alike."""
    if _known(release):
        return tuple(_parts_map(release or "").get(name, ()))
    named = {tuple(found[name]) for r in apt_releases() if name in (found := _parts_map(r))}
    return next(iter(named)) if len(named) == 1 else ()


def of_another_release(names: Iterable[str], release: str) -> str | None:
    """A -dev package of ``names`` that the data know on other releases but not on ``release``, one they know
    (python-dev, last in Ubuntu 18.04, on noble): a file written when its floating tag (ubuntu:latest) was an older
    release names it."""
    return next((name for name in names if name.endswith("-dev") and _of_other_releases(release, _named_by(name))),
                None)


def _named_by(dev: str) -> dict[str, tuple[str, ...]]:
    """The run-time libraries the data name for the apt -dev package ``dev``, by the releases that have it."""
    return {r: tuple(found[dev]) for r in apt_releases() if dev in (found := maps("apt", r)[0])}


def _of_other_releases(release: str | None, named: dict[str, tuple[str, ...]]) -> bool:
    """Whether a -dev package the data name (``named``: :func:`_named_by`) for some releases is not one of
    ``release``'s: a file that installs it was written for another release (libmysqlclient-dev on debian:stable,
    which names trixie; dev file 443f1b42)."""
    return bool(named) and release not in named


def has_run_time_part(name: str) -> bool:
    """Whether the build-only package ``name`` has a run-time part (a build tool's run-time replacement, a part of
    its source that runs in an image) rather than shared libraries."""
    return build_tool(name) is not None or any(name in _parts_map(r) for r in apt_releases())


def recommended_parts(name: str, release: str | None) -> tuple[str, ...]:
    """The packages apt installs as ``name``'s recommended ones that are built from its own source (its own
    parts: imagemagick's extra coders, libmagickcore-6.q16-6-extra on bookworm) on ``release``; none on a
    release the data do not know (their names change: -2-, -3-, -6-, -7-extra)."""
    doc = data("debian_recommends.json")
    if release is None or (release != doc["base"] and release not in doc["releases"]):
        return ()
    return tuple(_recommended_map(release).get(name, ()))


# GTK's library packages (GTK 2, 3 and 4; Debian's and Ubuntu's t64 names), as an apt install names them
_GTK = re.compile(r"libgtk(2\.0-0|-3-0|-4-1)(t64)?")


def gtk_named(packages: Iterable[str]) -> str | None:
    """The GTK library package among ``packages`` (libgtk-3-0), as named. A file names it for a graphical program
    apt does not know of, which links it (a prebuilt Electron, Chromium, Cypress): a package of the archive depends on
    it itself. GTK's recommended packages bring libraries such programs load: with them, libgtk-3-0 brings
    at-spi2-core, which depends on libxtst6 (Electron links libXtst.so.6), and librsvg2-common, gdk-pixbuf's SVG
    loader; without them apt installs neither."""
    return next((p for p in packages if _GTK.fullmatch(package_name(p).split(":")[0].lower())), None)


# TeX Live's packages, whose recommended packages are the fonts and packages documents use (texlive-latex-extra
# recommends texlive-fonts-recommended: without it, a document with T1 Times fails, "ptmr8t ... not loadable")
_TEXLIVE = re.compile(r"texlive(-[a-z0-9-]+)?")


def texlive_named(packages: Iterable[str]) -> str | None:
    """The TeX Live package among ``packages`` (texlive-latex-extra), as named."""
    return next((p for p in packages if _TEXLIVE.fullmatch(package_name(p).split(":")[0].lower())), None)


# ImageMagick's program packages, whose recommended packages bring the delegates it converts with (ghostscript, which
# libmagickcore recommends: a PDF, PostScript or EPS fails without it) and its extra coders (SVG, OpenEXR...)
_IMAGEMAGICK = re.compile(r"imagemagick(-[67]\.q16(hdri)?)?")


def imagemagick_named(packages: Iterable[str]) -> str | None:
    """The ImageMagick package among ``packages`` (imagemagick), as named."""
    return next((p for p in packages if _IMAGEMAGICK.fullmatch(package_name(p).split(":")[0].lower())), None)


def is_build_only(name: str, manager: str, release: str | None = None) -> bool:
    dev_map, build_only = maps(manager, release)
    return name in build_only or name in dev_map or name.endswith("-dev") or name.endswith("-devel") or (
        manager == "apt" and build_tool(name) is not None and _run_time_part_serves(name, release))


def _run_time_part_serves(name: str, release: str | None) -> bool:
    """Whether the run-time part of the build tool ``name`` provides the command commands.json's
    build_tools_needing names for it on ``release`` (always, for a tool it names none for; never on a release the
    data do not know, None)."""
    command = data("commands.json")["build_tools_needing"].get(name)
    if command is None:
        return True
    known = next((r for r in Release if r.codename == release), None)
    return known is not None and package_providing(command, known) in (build_tool(name) or ())


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




def _runtime_of(name: str, manager: str, release: str | None, image: str, older: str | None = None) -> DevRuntime:
    """What the runtime installs for the build-only package ``name``: a -dev package's libraries, a build
    tool's run-time replacement (commands.json), or (apt, unknown release) the -dev package itself."""
    if manager == "rpm" and name.endswith("-devel") and name not in _rpm_build_only():
        return DevRuntime(name, LibrarySource.DEV_KEPT, (name,),
                          f"the runtime keeps {name} itself: the tool has no map of rpm's -devel packages to the "
                          "run-time libraries they depend on")
    if manager == "apk":
        return apk_dev_runtime(name, image, older)
    if manager != "apt":
        return DevRuntime(name, LibrarySource.DATA, tuple(maps(manager, release)[0].get(name, ())))
    found = dev_runtime(name, release, image)
    if found.source not in (LibrarySource.DATA, LibrarySource.ALIKE):
        return found
    tool = build_tool(name)  # commands.json's choice first (php-dev: none, the php image has its own)
    part = tuple(tool) if tool is not None else build_only_parts(name, release)
    extra = tuple(p for p in part if p not in found.packages)
    return dataclasses.replace(found, packages=found.packages + extra)


@dataclass
class _Ledger:
    """The packages a stage's package commands leave installed, in the order first installed."""

    installed: list[str] = field(default_factory=list)
    later: list[str] = field(default_factory=list)  # removed by a later RUN than the one that installed them
    orphaned: set[str] = field(default_factory=set)  # of those, the ones whose removal left their dependencies
    in_place: list[str] = field(default_factory=list)  # removed by the RUN that installed them
    deps_left: set[str] = field(default_factory=set)  # of those, apt's removed without their dependencies
    from_edge: set[str] = field(default_factory=set)  # apk packages from Alpine's edge repository: the newest names
    manager: str | None = None


def _ledger(ops: Sequence[PackageOp]) -> _Ledger:
    """What ``ops`` leave installed. apk keeps a package while something asked for it: the world (``apk add
    wget``) or a virtual package (``apk add --virtual .deps wget``); ``apk del .deps`` takes only what nothing
    else asked for, ``apk del wget`` not what a virtual package still needs. apt and rpm remove by name."""
    out = _Ledger()
    owners: dict[str, set[str]] = {}  # package -> the world ("") and the virtual packages that asked for it
    groups: dict[str, list[str]] = {}  # virtual package -> its packages
    layer_of: dict[str, int] = {}  # package -> the RUN that installed it
    for op in ops:
        out.manager = out.manager or op.manager
        if op.action == "install":
            owner = op.virtual or ""
            if op.virtual:
                for n in groups.get(op.virtual, []):
                    owners.get(n, set()).discard(op.virtual)
                groups[op.virtual] = list(op.packages)
            for n in op.packages:
                owners.setdefault(n, set()).add(owner)
                out.installed += [] if n in out.installed else [n]
                layer_of[n] = op.layer
            out.later = [n for n in out.later if n not in op.packages]
            if op.repository is not None and "/edge/" in op.repository:
                out.from_edge.update(op.packages)
        elif op.action == "remove":
            for n in op.packages:
                asked = owners.get(n, set())
                if n in groups:
                    touched = groups.pop(n)
                    for m in touched:
                        owners.get(m, set()).discard(n)
                elif op.manager == "apk":
                    touched = [n]
                    asked.discard("")
                else:
                    touched = [n]
                    asked.clear()
                for m in touched:
                    if m in out.installed and not owners.get(m):
                        out.installed.remove(m)
                        if 0 <= layer_of.get(m, -1) < op.layer:
                            out.later.append(m)
                            out.orphaned.update([] if op.autoremove else [m])
                        elif layer_of.get(m, -1) == op.layer >= 0:
                            out.in_place += [] if m in out.in_place else [m]
                            out.deps_left.update([] if op.autoremove or op.manager != "apt" else [m])
    return out


# Debian's Pythons, the run-time part of python3-dev and python-dev (commands.json's build_tools): on the official
# python image they are a second Python the app does not run (pip builds against the image's own, in /usr/local,
# whose bin/ comes first on PATH), so a -dev package installed for headers brings none into the runtime
_DEBIAN_PYTHONS = frozenset({"python", "python3"})


def _official_python(image: str) -> bool:
    ref = ImageRef.parse(image) if image else None
    return ref is not None and ref.repo == "python" and not ref.registry


def runtime_packages(ops: Iterable[PackageOp], release: str | None = None, image: str = "",
                     listed: bool = False, kept: frozenset[str] = frozenset(),
                     left_out: frozenset[str] = frozenset()) -> PackageSet:
    """What the runtime keeps of the packages ``ops`` install on ``image`` (of ``release``; None: unknown).
    ``listed``: the builder lists the run-time libraries of the -dev packages the data can only guess for an
    unknown release (:func:`dev_runtime`), so the runtime does not install the guess. ``kept``: packages the
    runtime installs as written although they build (the file's settings name their files). ``left_out``: packages
    that are not build-only which the runtime leaves out all the same (a git only the build runs)."""
    ops_seen = list(ops)
    ledger = _ledger(ops_seen)
    installed, later = ledger.installed, ledger.later
    in_place = tuple(_name(w) for w in ledger.in_place
                     if w not in installed and is_build_only(_name(w), ledger.manager or "apt", release))
    left = tuple(w for w in in_place if w in map(_name, ledger.deps_left) and not headers_only([w]))
    tally = _Tally(ledger, ledger.manager or "apt", release, image, listed, kept, left_out)
    if not installed and not later:
        return PackageSet((), (), (), ledger.manager, fallbacks=tuple(_kept_by_compiler(ledger, tally)),
                          removed_in_place=in_place, deps_left=left)
    for word in installed + later:
        tally.add(word)
    tally.fallbacks += _kept_by_compiler(ledger, tally)
    env = tuple(dict.fromkeys(e for op in ops_seen if op.action == "install" for e in op.env))
    return PackageSet(tuple(tally.keep), tuple(tally.dropped), tuple(tally.lib_map), tally.manager, env,
                      tuple(tally.fallbacks), tuple(tally.guessed), tuple(later), in_place, left)


def _kept_by_compiler(ledger: _Ledger, tally: _Tally) -> list[DevRuntime]:
    """The -dev packages whose libraries the original keeps though the file removes them, for the builder to list
    what the outputs link: those of the libraries GCC runs with (commands.json's compiler_libraries: gmp-dev,
    mpfr-dev) where a compiler stays, one the file installs and the runtime drops or the image's own (the full
    python, node and ruby images'), as the compiler's dependencies (read18 dev 69b61880: prepair, after `apk del
    .build-deps`, found libgmp and libmpfr through g++; the runtime had neither); and any apt removes in the RUN that
    installs it without --auto-remove, which leaves its dependencies."""
    table = data("commands.json")["compiler_libraries"]
    compilers = [_name(w) for w in tally.dropped if w in ledger.installed and _compiler(_name(w), table["compilers"])]
    # (the full python, node and ruby images' GCC, gcc's: adv-s38 3b, python:3.11)
    compilers += [f"the gcc {tally.image} has"] if tally.image and buildpack_dev_base(tally.image) else []
    devs = table.get(tally.manager, ())
    removed = dict.fromkeys(n for n in map(_name, (*ledger.in_place, *ledger.later)) if n in devs)
    out = [DevRuntime(dev, LibrarySource.KEPT_BY_COMPILER, (), f"the file removes {dev}, but its library stays in "
                      f"the original as a dependency of {compilers[0]}, which the runtime leaves out")
           for dev in removed] if compilers else []
    left = [_name(w) for w in ledger.in_place if w in ledger.deps_left and _name(w).endswith("-dev")]
    out += [DevRuntime(dev, LibrarySource.KEPT_BY_COMPILER, (), f"the file removes {dev} without the packages it "
                       "depends on (no --auto-remove): its library stays in the original")
            for dev in left if dev not in removed or not compilers]
    return out


def _compiler(name: str, compilers: Sequence[str]) -> bool:
    return name in compilers or any(c.startswith("re:") and re.match(c[3:], name) for c in compilers)


def left_installed(ops: Iterable[PackageOp]) -> set[str]:
    """The names of the packages ``ops`` leave installed: not those a later command removes (apt's and rpm's by
    name, apk's with the virtual package that asked for them)."""
    return {_name(w) for w in _ledger(list(ops)).installed}


def _base_libraries(manager: str, image: str) -> set[str]:
    """The packages of the base image that -dev packages' run-time parts need not install again."""
    base = set(data("commands.json")["base_libraries"].get(manager, ()))
    if manager == "apt" and _official_python(image):
        base |= _DEBIAN_PYTHONS  # python3-dev's run-time part: the image runs its own Python, in /usr/local
    return base


@dataclass
class _Tally:
    """The runtime's share of the packages, word by word (:func:`runtime_packages`)."""

    ledger: _Ledger
    manager: str
    release: str | None
    image: str
    listed: bool
    kept: frozenset[str]
    left_out: frozenset[str]
    keep: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    lib_map: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    fallbacks: list[DevRuntime] = field(default_factory=list)
    guessed: list[DevRuntime] = field(default_factory=list)

    def add(self, word: str) -> None:
        name, later = _name(word), self.ledger.later
        if name in self.left_out:
            self.dropped += [word] if word not in self.dropped else []
        elif name in self.kept or not is_build_only(name, self.manager, self.release):
            self.keep += [word] if word not in self.keep and word not in later else []
        elif word in later and word not in self.ledger.orphaned:  # removed with its libraries: the original has neither
            self.dropped.append(word)
        else:
            self._build_only(word, name)

    def _build_only(self, word: str, name: str) -> None:
        """A build-only package the runtime drops, installing the libraries it leaves (or keeps, as DEV_KEPT)."""
        image = "alpine:edge" if word in self.ledger.from_edge else self.image
        older = alpine_dropped(map(_name, self.ledger.installed), image) if self.manager == "apk" else None
        found = self._guess_checked(name, _runtime_of(name, self.manager, self.release, image, older))
        if found.source not in (LibrarySource.DATA, LibrarySource.ALIKE, LibrarySource.MANY):
            self.fallbacks.append(found)
        if found.source is LibrarySource.DEV_KEPT:
            self.keep += [word] if word not in self.keep else []
            return
        self.dropped.append(word)
        if found.packages:
            self.lib_map.append((name, found.packages))
            present = self._present()
            self.keep += [lib for lib in found.packages if lib not in present and lib not in self.keep]

    def _present(self) -> set[str]:
        return {_name(k) for k in self.keep} | {_name(w) for w in self.ledger.installed} | \
            _base_libraries(self.manager, self.image)

    def _guess_checked(self, name: str, found: DevRuntime) -> DevRuntime:
        """An apt guess that would install something: listed by the builder instead (``listed``), or noted."""
        present = self._present()
        if self.manager == "apt" and is_guess(found) and (found.source is LibrarySource.DEV_KEPT or any(
                lib not in present and lib not in self.keep for lib in found.packages)):
            if not self.listed:
                self.guessed.append(found)
                return found
            # a build tool's run-time part (python-dev -> python) is no library ldd can find: it stays named
            return dataclasses.replace(listed_instead(found), packages=tuple(build_tool(name) or ()))
        return found


def alpine_data_release() -> tuple[int, int]:
    """The oldest Alpine release whose package names alpine_runtime.json gives (3.17: libssl3, libcrypto3)."""
    major, minor = str(data("alpine_runtime.json")["release"]).split(".")
    return int(major), int(minor)


def alpine_label(image: str) -> str:
    """``Alpine 3.15`` / ``an Alpine release the data do not know`` for the image's release."""
    found = alpine_release(image)
    if found is None:
        return "an Alpine release the tool does not know"
    return "the newest Alpine" if found == NEWEST_ALPINE else f"Alpine {found[0]}.{found[1]}"


def _written_for_older(older: str, image: str) -> str:
    """Why a file is taken for an older Alpine release than its image's today (:func:`alpine_dropped`)."""
    return f"the file installs {older}: it was written for an older release than {image}'s today " \
        f"({alpine_label(image)})"


def alpine_dropped(names: Iterable[str], image: str) -> str | None:
    """A package of ``names`` that Alpine no longer has on the image's release (``python``, which Alpine 3.12
    dropped, on python:3.7-alpine, last built on 3.18): the file was written for an older release (read26
    1b06d906); None when none is."""
    found = alpine_release(image)
    dropped: dict[str, str] = data("alpine_runtime.json")["dropped"]
    for name in names:
        since = dropped.get(name)
        if found is not None and since is not None and found >= tuple(int(p) for p in since.split(".")):
            return f"{name} (Alpine {since} dropped it)"
    return None


def apk_dev_runtime(dev: str, image: str, older: str | None = None) -> DevRuntime:
    """What the runtime installs for the apk package ``dev`` on ``image``: the data's run-time packages when the
    image is on the data's release or newer (and for a compiler's library, libstdc++ and libgfortran, named alike
    on every release); on an older release, or one not known, the -dev package's libraries are not named (LEFT:
    the builder lists the libraries the outputs link to, by apk's release-independent ``so:`` names)."""
    table, build_only = maps("apk")
    if dev.endswith("-dev") and dev not in table and dev not in build_only:  # not curated (hdf5-dev): its
        # libraries are not known to be none
        return DevRuntime(dev, LibrarySource.UNCURATED, (),
                          f"the tool's data do not name the run-time packages of {dev}")
    libs = tuple(table.get(dev, ()))
    found = alpine_release(image)
    since = ".".join(map(str, alpine_data_release()))
    if libs and dev.endswith("-dev") and older is not None:
        return DevRuntime(dev, LibrarySource.LEFT, (), (
            f"the tool knows the run-time packages of {dev} ({', '.join(libs)}) as Alpine {since} and later names "
            f"them, but {_written_for_older(older, image)}, where they may be named otherwise"), older=older)
    if not libs or not dev.endswith("-dev") or (found is not None and found >= alpine_data_release()):
        return DevRuntime(dev, LibrarySource.DATA, libs)
    why = (f"the tool knows the run-time packages of {dev} ({', '.join(libs)}) as Alpine {since} and later names "
           f"them, and {image or 'the image'} is on {alpine_label(image)}, where they may be named otherwise")
    return DevRuntime(dev, LibrarySource.LEFT, (), why)


def _known(release: str | None) -> bool:
    return release is not None and (release == base_release() or release in data("debian_runtime.json")["releases"])


def dev_runtime(dev: str, release: str | None, image: str = "", *, named_by_file: bool = True,
                listed: bool = False) -> DevRuntime:
    """What the runtime installs for the apt -dev package ``dev`` on ``image`` of ``release``. On a release the
    data do not know (too old, a custom image), they can only guess: the libraries the known releases name alike
    (libzmq5, which jessie calls libzmq3; ALIKE); if they name them differently (libssl1.1, libssl3), the -dev
    package itself, which depends on the right ones on any release (DEV_KEPT), unless it cannot stay
    (:func:`cost_of`): then the file is left alone (LEFT). ``listed``: the builder lists the libraries the outputs
    link to, in place of either guess (LISTED: :func:`listed_instead`). ``named_by_file``: the file installs ``dev``
    itself, so the image's release has it."""
    named = _named_by(dev)
    # a package of other releases (_of_other_releases): its libraries are a guess, as on an unknown release
    if _known(release) and not _of_other_releases(release, named):
        libs = named.get(release or "", ())
        many = len(libs) >= _MANY_LIBRARIES
        data_named = DevRuntime(dev, LibrarySource.MANY if many else LibrarySource.DATA, libs)
        return listed_instead(data_named) if listed and many else data_named
    names = set(named.values())
    if len(names) <= 1:
        libs = next(iter(names), ())
        alike = DevRuntime(dev, LibrarySource.ALIKE if libs else LibrarySource.DATA, libs)
        return listed_instead(alike) if listed and libs else alike
    differ = f"named differently across releases ({_some(sorted({n for ns in names for n in ns}))}) and " \
             f"{image or 'the image'}'s release is not in the data"
    cost = cost_of(dev, named_by_file)
    if cost is None:
        kept = DevRuntime(dev, LibrarySource.DEV_KEPT, (dev,),
                          f"the runtime keeps {dev} itself, as its run-time library is {differ}")
        return listed_instead(kept) if listed else kept
    return DevRuntime(dev, LibrarySource.LEFT, (), f"the run-time library behind {dev} is {differ}; {dev} itself "
                                                   f"cannot stay in the runtime: {cost.explain(dev, image)}")


def is_guess(found: DevRuntime) -> bool:
    """Whether ``found`` names run-time libraries (or keeps the -dev package) by a guess, on a release the data do
    not know: the builder lists them instead, where it can."""
    return found.source in _GUESSES


def listed_instead(found: DevRuntime) -> DevRuntime:
    """The guess ``found`` (:func:`is_guess`) given up for the list the builder makes (LISTED), saying what it was."""
    assert is_guess(found), found
    if found.source is LibrarySource.ALIKE:
        guess = f"{', '.join(found.packages)} in every release the data know, which may not be its name there"
    elif found.source is LibrarySource.MANY:
        guess = f"the {len(found.packages)} libraries it stands for, of which the outputs may link a few"
    else:
        guess = "named differently across the releases the data know"
    return DevRuntime(found.dev, LibrarySource.LISTED, (), guess, given_up=found.source)


def _some(names: list[str], most: int = 4) -> str:
    """``a, b, c, d and 12 more``."""
    return ", ".join(names) if len(names) <= most else f"{', '.join(names[:most])} and {len(names) - most} more"


def _label(codename: str) -> str:
    release = Release(codename)
    return f"{release.distribution.value.capitalize()} {release.version} ({codename})"


def cost_of(dev: str, named_by_file: bool = True) -> Cost | None:
    """Why the -dev package ``dev`` cannot stay in a runtime of an unknown release: the first known release (in
    the data's order) where its dependencies pull in a compiler or build tool, else where they add too much,
    else (when the file does not install it) a known release without it; None when none of these."""
    releases = apt_releases()
    found = [(r, *_costs(r)) for r in releases if dev in maps("apt", r)[0]]
    tool = next((Cost(Obstacle.BUILD_TOOL, r, tools[dev]) for r, tools, _ in found if dev in tools), None)
    large = next((Cost(Obstacle.LARGE, r) for r, _, large in found if dev in large), None)
    absent = None if named_by_file else next(
        (Cost(Obstacle.ABSENT, r) for r in releases if dev not in maps("apt", r)[0]), None)
    return tool or large or absent


def headers_only(names: Sequence[str]) -> bool:
    """Whether every package of ``names`` is a library's -dev package (Debian's) the data count as small in the base
    release: none adds more than dev_large_mb to an image or pulls in a build tool (libpq-dev: its headers,
    libssl-dev's). Not an interpreter's (python3-dev brings Debian's python3 with it)."""
    tools, large = _costs(base_release())
    return bool(names) and all(n.startswith("lib") and n.endswith("-dev") and n not in large and n not in tools
                               for n in (package_name(x) for x in names))


@cache
def _costs(release: str) -> tuple[dict[str, str], frozenset[str]]:
    """A release's (-dev package -> the build tool it pulls in, -dev packages that add too much): the base
    release's with the differences of the release and its parents applied."""
    doc = data("debian_runtime.json")
    if release == base_release():
        return dict(doc["dev_toolchain"]), frozenset(doc["dev_large"])
    diff = doc["releases"][release]
    tools, large = _costs(diff["parent"])
    tools = {k: v for k, v in {**tools, **diff["dev_toolchain"]}.items() if v is not None}
    return tools, (large | set(diff["dev_large_added"])) - set(diff["dev_large_removed"])


def unnamed(found: Iterable[DevRuntime]) -> tuple[DevRuntime, ...]:
    """The -dev packages of ``found`` whose run-time libraries the data cannot name, and that cannot stay
    (LEFT: the builder finds their libraries with ldd, or the file is left alone), or that the builder lists in
    place of a guess (LISTED)."""
    return tuple(d for d in found if d.source in (LibrarySource.LEFT, LibrarySource.LISTED, LibrarySource.UNCURATED,
                                                  LibrarySource.KEPT_BY_COMPILER))


def by_ldd_note(found: Iterable[DevRuntime], image: str, outputs: str = "the copied build outputs",
                manager: str | None = "apt") -> str:
    """Why the runtime installs what the builder lists, for the -dev packages ``found`` (LEFT, UNCURATED)."""
    found = tuple(found)
    devs = ", ".join(dict.fromkeys(d.dev for d in found))
    kept = [d for d in found if d.source is LibrarySource.KEPT_BY_COMPILER]
    if kept and len(kept) == len(found):
        return (f"{'; '.join(d.why for d in kept)}: the builder lists the packages whose shared libraries {outputs} "
                "link to (ldd)" + LISTED_INSTALLED)
    if manager == "apk":
        since = ".".join(map(str, alpine_data_release()))
        unknown = [d.dev for d in found if d.source is LibrarySource.UNCURATED]
        older = next((d.older for d in found if d.older), None)
        known = f"the tool knows the run-time packages behind {devs} as Alpine {since} and later names them"
        if unknown:
            why = f"the tool's data do not name the run-time packages behind {', '.join(dict.fromkeys(unknown))}"
        elif older:
            why = f"{known}, but {_written_for_older(older, image)}"
        else:
            why = f"{known}, and {image or 'the image'} is on {alpine_label(image)}"
        return (f"{why}: so the builder lists the shared libraries {outputs} link to (ldd), by apk's names for them "
                "(so:libssl.so.1.1)" + LISTED_INSTALLED)
    if found and all(d.source is LibrarySource.LISTED and d.given_up is LibrarySource.MANY for d in found):
        return (f"the data name every run-time library behind {devs} ({'; '.join(f'{d.dev}: {d.why}' for d in found)})"
                f": the builder lists the packages whose shared libraries {outputs} link to (ldd)" + LISTED_INSTALLED)
    if any(d.source is LibrarySource.LISTED for d in found):
        guesses = "; ".join(f"{d.dev}: " + (d.why if d.source is LibrarySource.LISTED else
                                            "named differently across the releases the data know") for d in found)
        return (f"{image or 'the image'}'s release is not in the data, so the data's names for the run-time libraries "
                f"behind {devs} are only guesses there ({guesses}): the builder lists the packages whose shared "
                f"libraries {outputs} link to (ldd)" + LISTED_INSTALLED)
    return (f"the run-time libraries behind {devs} are named differently across releases and {image or 'the image'}"
            f"'s release is not in the data, so they are found in the builder by ldd: it lists the packages whose "
            f"shared libraries {outputs} link to" + LISTED_INSTALLED)


def runtime_libraries(
    needs: Iterable[tuple[str, str]], kept: list[str], release: str | None = None, image: str = ""
) -> list[tuple[str, DevRuntime]]:
    """(what, what the runtime installs for its -dev package) for each (what, -dev package) built against,
    leaving out the packages in ``kept`` (extended here), in the slim image, or named already; a -dev package
    the runtime cannot be given (LEFT) is always there."""
    base = set(data("commands.json")["base_libraries"].get("apt", ()))
    out: list[tuple[str, DevRuntime]] = []
    for what, dev in needs:
        if dev in {_name(k) for k in kept}:  # the file installs it, and the runtime keeps it
            continue
        found = dev_runtime(dev, release, image, named_by_file=False)
        packages = tuple(p for p in found.packages if p not in kept and p not in base)
        kept += packages
        if packages or found.source is LibrarySource.LEFT:
            out.append((what, dataclasses.replace(found, packages=packages)))
    return out


def programs_run(names: Iterable[str], table: dict[str, list[str]], kept: Iterable[str]) -> list[tuple[str, str]]:
    """(name, Debian package) for the programs the named projects run (a data file's commands: GitPython, git),
    one per package and without those in ``kept``: what the slim runtime of a full image, which has them, installs."""
    have = set(kept)
    found = [(n, p) for n in names for p in table.get(n, ()) if p not in have]
    return list({p: (n, p) for n, p in found}.values())


def program_note(what: str, package: str, image: str) -> str:
    """The note of a package :func:`programs_run` gives the runtime."""
    return f"{what} runs a program of {package}, which {image} has and its slim variant lacks: the runtime installs it"
