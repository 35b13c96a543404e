"""Reading and writing Dockerfiles without losing a byte, and reading the build context.

Text is decoded as UTF-8 with ``surrogateescape``, so bytes that are not UTF-8
survive a round trip; writes are atomic (a temporary file in the same folder,
then ``os.replace``) and keep the file's mode. :func:`context_reader` gives
``refactor()`` the files of a build context folder.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .analysis import ContextReader, no_context

ENCODING = "utf-8"
ERRORS = "surrogateescape"


def decode(data: bytes) -> str:
    return data.decode(ENCODING, ERRORS)


def encode(text: str) -> bytes:
    return text.encode(ENCODING, ERRORS)


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text; ``-`` reads standard input."""
    if str(path) == "-":
        return decode(sys.stdin.buffer.read())
    return decode(Path(path).read_bytes())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Replace ``path`` with ``text`` (a string, or pieces written one after another) in one step;
    its mode is kept."""
    target = Path(path)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:  # a new file gets the usual mode (mkstemp's would be 0600)
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".msrefactor.tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in (text,) if isinstance(text, str) else text:
                f.write(encode(piece))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def context_reader(root: str | os.PathLike[str] | None) -> ContextReader:
    """A reader for the build context folder ``root`` (None: no context).

    Paths are relative to ``root``; one that leads out of it (``..``, a symlink) reads as
    missing. A path ending in ``/`` lists the folder: its entries, one per line, folders
    with a trailing ``/`` (symlinks left out).
    """
    if root is None:
        return no_context
    top = root
    # the context does not change while one file is refactored: each path is read once (a pass may ask for a
    # folder's listing many times, and a context may hold thousands of files)
    seen: dict[str, str | None] = {}

    def read(rel: str) -> str | None:
        if rel not in seen:
            seen[rel] = _read_context(Path(top), rel)
        return seen[rel]

    return read


def _read_context(top: Path, rel: str) -> str | None:
    """The file ``rel`` of the context folder ``top``, or its listing (``rel`` ending in ``/``); None when it is
    missing, unreadable or leads out of ``top``."""
    base = top.resolve()  # resolved only when a file is read: most refactorings read none
    path = (base / rel).resolve()
    if base not in path.parents and path != base:
        return None
    try:
        if rel.endswith("/"):
            # scandir's entries know their type from the folder itself: no stat of each entry
            with os.scandir(path) as entries:
                kept = sorted((e for e in entries if not e.is_symlink()), key=lambda e: e.name)
            return "".join(f"{e.name}/\n" if e.is_dir() else f"{e.name}\n" for e in kept)
        return decode(path.read_bytes())
    except OSError:
        return None
