"""Scripts of the project a RUN runs, read from the build context, on a real engine: a C program built by
`sh build.sh` (gcc and strip: the builder's) and set up by `./scripts/setup.sh` (a system user and a config file:
setup the runtime repeats). The runtime, debian:bookworm-slim without the compiler, runs the setup script again
and copies the program, which reads the greeting the script wrote and finds its user. Skipped without a Docker
engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "context-scripts" / "c-build"


def test_a_build_script_stays_in_the_builder_and_a_setup_script_runs_again_in_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "RUN sh build.sh\n" in builder and "RUN sh build.sh" not in runtime
    assert "RUN ./scripts/setup.sh\n" in runtime
    assert "COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello" in runtime
    output = verified_default_output(APP, result.text)
    assert "greeting from the setup script" in output and "user hello: yes" in output
