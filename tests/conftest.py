"""Shared test setup: Hypothesis profiles and the fixture folders.

HYPOTHESIS_PROFILE=ci (default) keeps the suite fast; HYPOTHESIS_PROFILE=long
runs many more examples.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from transformer.refactor import Result
    from transformer.verify import VerifyReport

sys.path.insert(0, str(Path(__file__).parent))  # tests/strategies.py

ROOT = Path(__file__).resolve().parent.parent
SYNTAX_FIXTURES = ROOT / "fixtures" / "syntax"
ERROR_FIXTURES = ROOT / "fixtures" / "syntax-errors"

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def read_fixture(path: Path) -> str:
    """A fixture's exact text (bytes decoded as msrefactor decodes files)."""
    return path.read_bytes().decode("utf-8", "surrogateescape")


def load_script(name: str) -> ModuleType:
    """A generator script of scripts/ imported as a module (registered, as its dataclasses need)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def context_of(files: dict[str, str]) -> Callable[[str], str | None]:
    """A build context as the CLI reads it: files, and folders (``dir/``) as listings."""
    def read(rel: str) -> str | None:
        if rel.endswith("/"):
            folder = "" if rel in ("./", "/") else rel
            names = sorted({p[len(folder):].split("/")[0] + ("/" if "/" in p[len(folder):] else "")
                            for p in files if p.startswith(folder)})
            return "".join(n + "\n" for n in names) if names else None
        return files.get(rel)
    return read


def verified(app: Path, result_text: str, **options: Any) -> VerifyReport:
    """Build the app's Dockerfile and ``result_text`` on the engine (skip without one; ``options`` go to
    verify_file: ``http=(port, path)``, ``timeout``), and assert the result verifies and is smaller."""
    report = _verify(app, result_text, **options)
    _assert_verified(report)
    return report


@contextmanager
def verified_images(app: Path, result_text: str, **options: Any) -> Iterator[VerifyReport]:
    """:func:`verified`, with the original's and the result's images kept for the test to run (``report.images``:
    ``original``, ``result``), removed after it."""
    report = _verify(app, result_text, keep_images=True, **options)
    try:
        _assert_verified(report)
        yield report
    finally:
        for tag in report.images.values():
            docker("rmi", "-f", tag, timeout=120)


def _verify(app: Path, result_text: str, **options: Any) -> VerifyReport:
    import pytest

    from transformer.verify import NoEngine, verify_file

    for name, stand_in in app_aliases(app):
        zoo_alias(name, stand_in)
    try:
        return verify_file(app / "Dockerfile", app, result_text=result_text, **{"timeout": 90, **options})
    except NoEngine as e:
        pytest.skip(f"no Docker engine: {e}")


def _assert_verified(report: VerifyReport) -> None:
    from transformer.verify import render_table

    table = render_table(report)
    print(table)
    assert report.ok, table
    assert report.size_result is not None and report.size_original is not None
    assert report.size_result < report.size_original, table


def app_aliases(app: Path) -> list[tuple[str, str]]:
    """The (name, zoo image) pairs of an app's smoke.json ``aliases`` (``debian:bullseye-slim=debian:bookworm-slim``):
    images its file or its rewrite names that the zoo builds under another name."""
    import json

    spec = app / "smoke.json"
    pairs = json.loads(spec.read_text()).get("aliases", []) if spec.is_file() else []
    return [(pair.partition("=")[0], pair.partition("=")[2]) for pair in pairs]


def docker(*args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """``docker ARGS``, its output captured as text."""
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout)


def engine_reachable() -> bool:
    """Whether ``docker info`` answers (an e2e test that drives docker itself skips when it does not)."""
    try:
        return docker("info", timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def zoo_alias(name: str, stand_in: str) -> None:
    """Tag the zoo's ``stand_in`` as ``name`` (``zoo.sh alias name=stand_in``), an image a fixture names that the
    zoo does not build: the test then builds on it wherever the engine runs (CI's too). Skipped without an engine
    or without the stand-in."""
    import pytest

    try:
        found = subprocess.run(["docker", "image", "inspect", stand_in], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        pytest.skip(f"no Docker engine: {e}")
    if found.returncode != 0:
        pytest.skip(f"no {stand_in} to stand for {name}: run ../shared/e2e/zoo.sh up")
    subprocess.run(["docker", "tag", stand_in, name], check=True, capture_output=True, timeout=30)


def verified_default_output(app: Path, result_text: str) -> str:
    """What the result's own command printed, once :func:`verified`."""
    report = verified(app, result_text)
    outputs = [ms.output for orig, ms in report.smoke if orig.kind == "default"]
    assert outputs, report
    return outputs[0]


def rewrite_app(app: Path) -> tuple[Result, str, str]:
    """The tool's output for a fixture app, its Dockerfile read with its folder as the build context (the file must
    change): the result, the builder's text (up to the runtime's FROM image) and the runtime's (after it)."""
    from transformer import refactor
    from transformer.fileio import context_reader

    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, sep, runtime = result.text.partition(" AS runner")
    assert sep, result.text
    return result, builder, runtime


def stand_in_server(directory: Path, port: int) -> Iterator[None]:
    """An HTTP server on 127.0.0.1:port serving ``directory`` while a test runs (builds use the host's network, so
    a fixture's Dockerfile reaches it for a host the engine cannot); the test is skipped when the port is taken."""
    import functools
    import http.server
    import threading

    import pytest

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as e:
        pytest.skip(f"port {port} for the stand-in is taken: {e}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


# --- refactoring results as the before/after tests read them ---------------------------------------------------

# pip's user base (PIP_USER): what the builder and the runtime set, and the runtime's copy of it
USER_BASE_BUILDER_ENV = 'ENV PIP_USER=1 PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"'
USER_BASE_RUNTIME_ENV = 'ENV PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"'
USER_BASE_COPY = "COPY --from=builder /opt/python /opt/python"
# what the builder adds to the RUN of a user-base install, whose commands the runtime copies to the distribution's own
# folder for them too (the folder must be there when no package installs a command)
USER_BASE_BIN = " \\\n    && mkdir -p /opt/python/bin/"


def without_bin_folder(text: str) -> str:
    """The text without the builder's ``mkdir`` of the user base's bin folder (USER_BASE_BIN)."""
    return text.replace(USER_BASE_BIN, "")


# a node app's build context: a package.json whose dependencies (JavaScript only) the tool reads, as it does in a
# project (without it, an install of packages the tool does not know has the builder list what they link, ldd)
NODE_APP_FILES = {"package.json": '{"name": "app", "dependencies": {"express": "4.18.2"}}'}


def stages(text: str, files: dict[str, str] | None = None) -> tuple[str, str]:
    """The builder's text and the runtime's (after its FROM image) of a file the tool must change, read with a build
    context of ``files`` (none without)."""
    from transformer import refactor

    result = refactor(text) if files is None else refactor(text, read_context=context_of(files))
    assert result.changed, result.skipped
    builder, sep, runtime = result.text.partition(" AS runner")
    assert sep, result.text
    return builder, runtime


def runner_stage(text: str, files: dict[str, str] | None = None) -> str:
    """The runtime stage of a file the tool must change, its FROM line included (``files``: as :func:`stages`)."""
    builder, runtime = stages(text, files)
    return builder.rsplit("\n", 1)[1] + " AS runner" + runtime


def skip_reason(text: str) -> str:
    """Why the tool leaves a file alone (it must)."""
    from transformer import refactor

    result = refactor(text)
    assert not result.changed, result.text
    return result.skipped or ""

