"""A gem made from its sources without Ruby, as `gem build` makes it: no gem registry is reachable here, so the e2e
tests install gems of their own with ``gem install --local``."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

# the gem's specification, as `gem build` writes it into metadata.gz (the files are listed at build time)
_SPEC = """\
--- !ruby/object:Gem::Specification
name: hello
version: !ruby/object:Gem::Version
  version: 0.1.0
platform: ruby
authors:
- msrefactor
bindir: bin
date: 2024-01-01 00:00:00.000000000 Z
dependencies: []
executables:
- hello
extensions:
- ext/hello/extconf.rb
files:
{files}require_paths:
- lib
required_ruby_version: !ruby/object:Gem::Requirement
  requirements:
  - - ">="
    - !ruby/object:Gem::Version
      version: '0'
required_rubygems_version: !ruby/object:Gem::Requirement
  requirements:
  - - ">="
    - !ruby/object:Gem::Version
      version: '0'
specification_version: 4
summary: A gem with a C extension, for the tests
"""


def _add(tar: tarfile.TarFile, name: str, data: bytes, mode: int = 0o644) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, 1704067200
    tar.addfile(info, io.BytesIO(data))


def build_gem(source: Path, out: Path) -> None:
    """A .gem as `gem build` makes it: a tar of metadata.gz (the specification) and data.tar.gz (the files)."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    names = [p.relative_to(source).as_posix() for p in files]
    data = io.BytesIO()
    with gzip.GzipFile(fileobj=data, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        for path, name in zip(files, names, strict=True):
            _add(tar, name, path.read_bytes(), 0o755 if name.startswith("bin/") else 0o644)
    meta = io.BytesIO()
    with gzip.GzipFile(fileobj=meta, mode="wb", mtime=0) as gz:
        gz.write(_SPEC.format(files="".join(f"- {n}\n" for n in names)).encode())
    with tarfile.open(out, "w") as tar:
        _add(tar, "metadata.gz", meta.getvalue())
        _add(tar, "data.tar.gz", data.getvalue())
