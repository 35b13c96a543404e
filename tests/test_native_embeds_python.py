"""A C or C++ build on an image where the file installs Debian's Python headers (python3-dev) may embed Python: the
program links libpython3.X, which Debian's python3 does not bring (read19: `embed: error while loading shared
libraries: libpython3.11.so.1.0` once python3-dev moved to the builder). The runtime installs the library. Engine:
fixtures/apps/c-embeds-python (test_e2e)."""

from __future__ import annotations

from pathlib import Path

from conftest import rewrite_app

from transformer import refactor

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-embeds-python"


def test_the_runtime_installs_the_python_library() -> None:
    result, _, runtime = rewrite_app(APP)
    assert " libpython3.11 " in runtime and "python3-dev" not in runtime, runtime
    assert any("the C or C++ build may embed the Python whose headers python3-dev installs" in str(c)
               for c in result.changes)


def test_without_python_headers_nothing_is_added() -> None:
    text = (APP / "Dockerfile").read_text().replace(" python3-dev", "")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "libpython3.11 " not in result.text.partition(" AS runner\n")[2]


def test_python3_all_dev_counts_among_the_headers() -> None:
    """python3-all-dev (the headers of every Python of the release) points to libpython3.X as python3-dev does, as
    the python pass already counted it (adv-s38 2b)."""
    text = (APP / "Dockerfile").read_text().replace(" python3-dev", " python3-all-dev")
    result = refactor(text)
    assert result.changed, result.skipped
    assert " libpython3.11 " in result.text.partition(" AS runner\n")[2], result.text
