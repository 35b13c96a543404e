"""The Debian packages whose shared libraries a build's outputs link to, found in the builder itself.

Where the data cannot name a ``-dev`` package's run-time library for the image's release (a release
too old for the archives the data were read from), the builder names them: it runs ``ldd`` on the
files of the folders the runtime copies, asks ``dpkg-query --search`` which package owns each library
they link to, and writes those packages, one a line, into :data:`LIST`; the runtime, on the same
release, copies the list and installs it with apt-get. Libraries inside the copied folders come with
the copy and are not looked up; neither are those under a folder the image fills itself
(``/usr/local`` of the language images: libruby, libpython, which its slim variant has too), nor those a staged
tree the runtime copies to / brings (a ``make install`` into /usr, staged under /opt/staged: the builder, which
ran the install too, finds its library at /usr/lib, where the runtime gets the staged copy). A library no
package owns and the runtime does not copy makes ``dpkg-query`` fail, and with it the build.

On Alpine (:func:`apk_builder_commands`), whose package names change between releases (libssl1.0, libssl1.1,
libssl3), the list holds apk's names for the libraries themselves, ``so:libssl.so.1.1``, which every package
that ships a library provides on every release: musl's ``ldd`` (musl-utils, in every Alpine image) names the
libraries, and nothing needs to own them in the builder; but one no package provides makes the runtime's
``apk add`` fail, so those a staged tree brings are left out there too, by the path ldd found them at. The
libraries a -dev package only points to (loaded with dlopen) are not listed there.

The shell is written for ``sh`` (dash, busybox's ash) without pipes (hadolint's DL4006 asks for pipefail, which dash
lacks): each step reads and writes a file under ``/tmp``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LIST = "/opt/runtime-packages"  # the packages the runtime installs, one a line
LIBRARIES = "/opt/runtime-libraries"  # the libraries the runtime copies to /, at their paths (copy_commands)
_SCRATCH = "/tmp/runtime-libraries"  # the builder's working files (removed once the list is written)
_SAFE = re.compile(r"^/[A-Za-z0-9._@+/-]*$")
_PACKAGE = re.compile(r"^[a-z0-9][a-z0-9+.-]+$")


def can_scan(folder: str) -> bool:
    """Whether ``folder`` can be written into the scan as it is (no quoting, no sed or glob character)."""
    return bool(_SAFE.match(folder)) and "//" not in folder


def builder_commands(folders: Sequence[str], skipped: Sequence[str] = (), devs: Sequence[str] = (),
                     staged: Sequence[str] = ()) -> tuple[str, ...]:
    """The builder's commands (to chain with ``&&``) that write :data:`LIST` from what the files of
    ``folders`` link to, leaving out the libraries inside ``folders`` and ``skipped``, and those the runtime gets
    from the ``staged`` folders, which it copies to / (each file at its path under the folder). The libraries the
    ``-dev`` packages ``devs`` (which the file installs) point to are listed too, as a program may load them
    without linking them (dlopen, Python's ctypes); a -dev package the build removed has none to give."""
    assert all(_PACKAGE.match(d) for d in devs), devs
    assert all(can_scan(f) and f.rstrip("/") for f in staged), staged
    roots, drop = _scan(folders, skipped)
    # `libpq.so.5 => /lib/x86_64-linux-gnu/libpq.so.5 (0x...)` -> /lib/x86_64-linux-gnu/libpq.so.5, the file it
    # links to (a link update-alternatives made, libblas.so.3, belongs to no package: the file it names does),
    # -> `*/lib/x86_64-linux-gnu/libpq.so.5.16`: with /usr or without, as dpkg may list it under either on a
    # merged /usr
    pattern = r"-e 's|.*=> \(/[^ ]*\) (0x.*|\1|p'"
    own = (
        *_dev_libraries(devs),
        f"sed -n 's|^\\(/usr\\)\\{{0,1\\}}\\(/.*\\)|*\\2|p' {_SCRATCH}/dev-libraries >> {_SCRATCH}/libraries",
    ) if devs else ()
    return (
        *_ldd(roots),
        f"sed -n {drop} {pattern} {_SCRATCH}/ldd > {_SCRATCH}/linked",
        f"xargs -r readlink -f < {_SCRATCH}/linked > {_SCRATCH}/resolved",
        f"sed -n 's|^\\(/usr\\)\\{{0,1\\}}\\(/.*\\)|*\\2|p' {_SCRATCH}/resolved > {_SCRATCH}/libraries",
        *own,
        f"sort -u -o {_SCRATCH}/libraries {_SCRATCH}/libraries",
        *_without_staged(staged),
        f"xargs -r dpkg-query --search < {_SCRATCH}/{'unstaged' if staged else 'libraries'} > {_SCRATCH}/owners",
        # `libpq5:amd64: /usr/lib/...` -> libpq5; no -dev package (a linker script such as libc.so is one's), and
        # dpkg's `diversion by ...` lines do not match
        f"sed -n -e '/^[^ :,]*-dev[:,]/d' -e 's/^\\([^ :,]*\\)[:,].*/\\1/p' {_SCRATCH}/owners > {_SCRATCH}/packages",
        f"sort -u -o {LIST} {_SCRATCH}/packages",
        f"rm -rf {_SCRATCH}",
    )


# the C library's own files and the C++ runtime, which every Debian image has (apt links them): a copy from the
# builder, whose point release may differ, would replace the runtime's own loader's libc
_BASE_LIBRARIES = (r"-e '/\/ld-linux[^/]*$/d' "
                   r"-e '/\/lib\(c\|m\|dl\|pthread\|rt\|resolv\|util\|nsl\|anl\|crypt\|gcc_s\|stdc++\)\.so[^/]*$/d'")


def copy_commands(folders: Sequence[str], skipped: Sequence[str] = (), devs: Sequence[str] = ()) -> tuple[str, ...]:
    """The builder's commands (to chain with ``&&``) that copy into :data:`LIBRARIES` the packages of the shared
    libraries the files of ``folders`` link to, and of those the ``-dev`` packages ``devs`` point to with what they
    link to: every file and link of each package that owns one (``dpkg-query --search``: libmariadb3's plugins,
    libmagickcore's modules come along), and of its data packages (-common, -data, -config, -mgc: libmagic1's
    magic.mgc), each at its folder's real path (``/lib/x86_64-linux-gnu`` on a merged /usr is
    ``/usr/lib/x86_64-linux-gnu``), documentation left out; a library no package owns, itself. Not those inside
    ``folders`` and ``skipped``, nor the C library's and C++ runtime's, which the runtime has of its own. For a
    runtime whose release apt no longer finds: it copies the folder to / and runs ldconfig, instead of installing
    the packages (:func:`builder_commands`)."""
    assert all(_PACKAGE.match(d) for d in devs), devs
    roots, drop = _scan(folders, skipped)
    pattern = r"-e 's|.*=> \(/[^ ]*\) (0x.*|\1|p'"
    own = (
        *_dev_libraries(devs),
        f"{{ xargs -r ldd < {_SCRATCH}/dev-libraries >> {_SCRATCH}/ldd 2>/dev/null || true; }}",
    ) if devs else ()
    s = _SCRATCH
    return (
        f"mkdir -p {LIBRARIES}",
        *_ldd(roots),
        *own,
        f"sed -n {drop} {pattern} {s}/ldd > {s}/linked",
        *((f"cat {s}/dev-libraries >> {s}/linked",) if devs else ()),
        f"sed -i {_BASE_LIBRARIES} {s}/linked",
        f"xargs -r readlink -f < {s}/linked > {s}/resolved",
        f"sort -u -o {s}/resolved {s}/resolved",
        # each library's package (dpkg may list it under /usr or without it, on a merged /usr), and those no package
        # owns, by their paths
        f"sed -n 's|^\\(/usr\\)\\{{0,1\\}}\\(/.*\\)|*\\2|p' {s}/resolved > {s}/patterns",
        f"{{ xargs -r -n 1 dpkg-query --search < {s}/patterns > {s}/owners 2>/dev/null || true; }}",
        f"sed -n -e '/^[^ :,]*-dev[:,]/d' -e 's/^\\([^ :,]*\\)[:,].*/\\1/p' {s}/owners > {s}/packages",
        f"sed -n 's/^.*: //p' {s}/owners > {s}/owned",
        f"sed 's|^/usr/|/|' {s}/resolved > {s}/bare",
        f"sed 's|^/usr/|/|' {s}/owned > {s}/owned-bare",
        f"{{ grep -v -x -F -f {s}/owned-bare {s}/bare > {s}/unowned || test $? -eq 1; }}",
        # their data packages, which they depend on
        f"{{ xargs -r dpkg-query -W -f \"\\${{Depends}}\\n\" < {s}/packages > {s}/depends 2>/dev/null || true; }}",
        f"sed -e 's/([^)]*)//g' -e 's/:any//g' -e 's/[,|]/\\n/g' {s}/depends > {s}/wanted",
        f"sed -n 's/^ *\\([a-z0-9][a-z0-9+.-]*-\\(common\\|data\\|config\\|mgc\\)\\) *$/\\1/p' {s}/wanted "
        f">> {s}/packages",
        f"sed -i -e '/^libc6$/d' -e '/^libgcc-s1$/d' -e '/^libgcc1$/d' -e '/^libstdc++6$/d' -e '/^libcrypt1$/d' "
        f"{s}/packages",
        f"sort -u -o {s}/packages {s}/packages",
        f"{{ xargs -r dpkg-query --listfiles < {s}/packages > {s}/files 2>/dev/null || true; }}",
        f"sed -i -e '\\|^/usr/share/doc/|d' -e '\\|^/usr/share/man/|d' -e '\\|^/usr/share/lintian/|d' {s}/files",
        f"cat {s}/unowned >> {s}/files",
        f"while read -r f; do test -d \"$f\" && continue; "
        f"test -e \"$f\" || test -L \"$f\" || continue; d=$(readlink -f \"${{f%/*}}\") "
        f"&& mkdir -p \"{LIBRARIES}$d\" && cp -P \"$f\" \"{LIBRARIES}$d/\" || exit 1; done < {s}/files",
        f"rm -rf {s}",
    )


def _dev_libraries(devs: Sequence[str]) -> tuple[str, ...]:
    """The commands that write to the scratch's ``dev-libraries`` the files the unversioned .so links of the ``-dev``
    packages ``devs`` (and of the packages that provide them by a virtual name) point to."""
    return (
        f"{{ dpkg-query --listfiles {' '.join(devs)} > {_SCRATCH}/dev-files 2>/dev/null || true; }}",
        *_providers(devs),
        f"sed -n '/\\.so$/p' {_SCRATCH}/dev-files > {_SCRATCH}/dev-links",
        f"xargs -r readlink -f < {_SCRATCH}/dev-links > {_SCRATCH}/dev-libraries",
    )


def _providers(devs: Sequence[str]) -> tuple[str, ...]:
    """The commands that add the files of the packages that provide ``devs`` by a virtual name (libcairo-dev, which
    libcairo2-dev provides, has no files of its own: read26 3d8ff4fb, whose cairocffi loads libcairo2 with dlopen),
    read from dpkg's status file: each ``Provides:`` line, versions dropped, as ``, a, b,``, after its stanza's
    ``Package:`` line, kept in sed's hold space."""
    # in sed's basic expressions a package name's + is itself, its . any character
    found = " ".join(f"-e '/, {d.replace('.', chr(92) + '.')},/{{x;s/^Package: //p;x;}}'" for d in devs)
    return (
        f"sed -n -e '/^Package: /h' -e '/^Provides: /!d' -e 's/ ([^)]*)//g' -e 's/^Provides:/,/' -e 's/$/,/' "
        f"{found} /var/lib/dpkg/status > {_SCRATCH}/providers",
        f"{{ xargs -r dpkg-query --listfiles < {_SCRATCH}/providers >> {_SCRATCH}/dev-files 2>/dev/null || true; }}",
    )


def _scan(folders: Sequence[str], skipped: Sequence[str]) -> tuple[str, str]:
    """(the folders to scan, the sed expressions that drop the libraries inside them or ``skipped``)."""
    inside = [f.rstrip("/") or "/" for f in (*folders, *skipped)]
    assert all(can_scan(f) for f in inside), inside
    roots = " ".join(inside[: len(folders)])
    # a library inside a copied folder, or one the runtime copies as a file (a build's /usr/local/lib/libgreet.so,
    # which no package owns: dpkg-query stopped the build on it, adv-s38 3a)
    drop = " ".join(f"-e '\\|=> {f}/|d'" + (f" -e '\\|=> {f} (|d'" if _LIBRARY.search(f) else "") for f in inside
                    if not any(f.startswith(o + "/") for o in inside))
    return roots, drop


_LIBRARY = re.compile(r"\.so(\.\d+)*$")


def _without_staged(staged: Sequence[str]) -> tuple[str, ...]:
    """The commands that write the scratch's sorted list without the libraries the runtime gets from the ``staged``
    folders (to ``unstaged``): their files and links, at their paths under / in the list's form
    (``/opt/staged/usr/lib/libwim.so.15`` -> ``*/lib/libwim.so.15``), sorted too, and the lines only the list has
    (comm: coreutils', on every system dpkg runs on; ``grep -v -x -F -f`` would end with status 1 where no line is
    left, and busybox's, given an empty file with -x, drops every line)."""
    if not staged:
        return ()
    return (*_staged_files(staged, "\\(/usr\\)\\{0,1\\}\\(/.*\\)", "*\\2"),
            f"sort -u -o {_SCRATCH}/staged {_SCRATCH}/staged",
            f"comm -23 {_SCRATCH}/libraries {_SCRATCH}/staged > {_SCRATCH}/unstaged")


def _apk_without_staged(staged: Sequence[str]) -> tuple[str, ...]:
    """The commands that write ldd's lines without those of the libraries the runtime gets from the ``staged``
    folders (to ``unstaged``): their files and links, at their paths under /, in ldd's words
    (``/opt/staged/usr/lib/libvips.so.42`` -> ``=> /usr/lib/libvips.so.42 (``), found anywhere in a line (grep's
    status 1: no line is left; busybox's grep, given an empty file, keeps every line, as GNU's)."""
    if not staged:
        return ()
    return (*_staged_files(staged, "\\(/.*\\)", "=> \\1 ("),
            f"{{ grep -v -F -f {_SCRATCH}/staged {_SCRATCH}/ldd > {_SCRATCH}/unstaged || test $? -eq 1; }}")


def _staged_files(staged: Sequence[str], rest: str, written: str) -> tuple[str, str]:
    """The commands that write the files and links of the ``staged`` folders to the scratch's ``staged``, each as
    sed writes ``written`` of the path below its folder that ``rest`` matches."""
    folders = [f.rstrip("/") for f in staged]
    exprs = " ".join(f"-e 's|^{f}{rest}|{written}|p'" for f in folders)
    return (f"find {' '.join(folders)} ! -type d > {_SCRATCH}/staged-files",
            f"sed -n {exprs} {_SCRATCH}/staged-files > {_SCRATCH}/staged")


def _ldd(roots: str) -> tuple[str, str]:
    """The commands that write what ldd says of every library and executable under ``roots`` to the scratch."""
    return (f"mkdir -p {_SCRATCH}",
            f"find {roots} -type f \\( -name '*.so' -o -name '*.so.*' -o -perm -u+x \\) -exec ldd {{}} ';' "
            f"> {_SCRATCH}/ldd 2>/dev/null")


def apk_builder_commands(folders: Sequence[str], skipped: Sequence[str] = (),
                         staged: Sequence[str] = ()) -> tuple[str, ...]:
    """The Alpine builder's commands (to chain with ``&&``) that write :data:`LIST`: apk's ``so:`` name of each
    shared library the files of ``folders`` link to, leaving out those inside ``folders`` and ``skipped``, and
    those the runtime gets from the ``staged`` folders, which it copies to /."""
    assert all(can_scan(f) and f.rstrip("/") for f in staged), staged
    roots, drop = _scan(folders, skipped)
    # musl's ldd: `\tlibssl.so.1.1 => /lib/libssl.so.1.1 (0x7f...)` -> `so:libssl.so.1.1` (the loader's own line,
    # with no `=>`, does not match)
    pattern = r"-e 's|^[[:space:]]*\([^ /]*\) => /.* (0x.*|so:\1|p'"
    return (
        *_ldd(roots),
        *_apk_without_staged(staged),
        f"sed -n {drop} {pattern} {_SCRATCH}/{'unstaged' if staged else 'ldd'} > {_SCRATCH}/libraries",
        f"sort -u -o {LIST} {_SCRATCH}/libraries",
        f"rm -rf {_SCRATCH}",
    )


def apk_runtime_install(packages: Sequence[str] = (), env: str = "") -> str:
    """The Alpine runtime's shell command that installs :data:`LIST` (and ``packages``) with no index cache."""
    named = f"{env}apk add --no-cache {' '.join(packages)} && " if packages else ""
    return f"{named}{env}xargs -r apk add --no-cache < {LIST}"


def runtime_install(packages: Sequence[str] = (), env: str = "") -> str:
    """The runtime's shell command that installs :data:`LIST` (and ``packages``), with apt's lists removed;
    ``env``: assignments for apt-get (``DEBIAN_FRONTEND=noninteractive ``). ``--no-upgrade``: a listed package
    the image already has (libc6, libgcc-s1) stays the image's own, not a newer build in a layer of its own."""
    named = f"{env}apt-get install -y --no-install-recommends {' '.join(packages)} && " if packages else ""
    return (f"apt-get update && {named}{env}xargs -r apt-get install -y --no-install-recommends --no-upgrade < {LIST} "
            "&& rm -rf /var/lib/apt/lists/*")
