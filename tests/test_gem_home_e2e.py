"""pip's user base and a gem home in one stage, on a real engine: the zoo's debian:bookworm-slim tagged
acme/os-base:1 (``zoo.sh alias acme/os-base:1=debian:bookworm-slim``) stands for an organisation's own Debian
image. The file installs Debian's Ruby and Python with the build tools, a package from PyPI and a gem with a C
extension (no gem registry is reachable here: the gem is made by the test from fixtures/gem-home's sources and
installed with ``gem install --local``). The refactoring sets up both folders in the builder, /opt/python
(PIP_USER) before the pip install and /opt/gems (GEM_HOME) before the gem install, and the runtime, the same
image with ruby and python3 but no compiler or headers, copies both and sets both in its ENV: the gem's command
loads its C extension and Python imports the package. Skipped without a Docker engine (or without the alias).
"""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from conftest import USER_BASE_BUILDER_ENV, USER_BASE_COPY, USER_BASE_RUNTIME_ENV, verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "gem-home" / "unknown-image-pip-and-gem"
IMAGE = "acme/os-base:1"
GEM_ENV = 'ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"'

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


def _has_image(name: str) -> bool:
    try:
        return subprocess.run(["docker", "image", "inspect", name], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def test_the_user_base_and_the_gem_home_share_a_stage(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(APP, app)
    build_gem(app / "hello", app / "hello-0.1.0.gem")
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert f"{USER_BASE_BUILDER_ENV}\nRUN pip install" in builder and f"{GEM_ENV}\nRUN gem install" in builder
    assert f"{USER_BASE_RUNTIME_ENV}\n" in runtime and f"{GEM_ENV}\n" in runtime
    assert f"{USER_BASE_COPY}\nCOPY --from=builder /opt/gems /opt/gems\n" in runtime
    assert "apt-get install -y --no-install-recommends ruby python3 " in runtime
    assert "gcc" not in runtime and "ruby-dev" not in runtime
    if not _has_image(IMAGE):
        pytest.skip(f"no {IMAGE}: run /work/shared/e2e/zoo.sh alias {IMAGE}=debian:bookworm-slim")
    assert "hello from C, and six 1.16.0" in verified_default_output(app, result.text)
