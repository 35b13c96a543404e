"""poetry's virtualenvs.create false from the project's poetry.toml, on a real engine: the same app as
test_poetry_e2e's, with the setting in the file a COPY brings instead of `poetry config`. python:3.11 becomes
python:3.11-slim, the runtime copies the environment the tool makes and the project, without poetry (rp20py
KirillPoke/ChatgptForumDjango was left alone). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "poetry" / "project-local-config"


def test_poetry_toml_installs_into_the_tools_environment() -> None:
    result, _, runtime = rewrite_app(APP)
    assert [line for line in runtime.splitlines() if line.startswith("COPY")] == [
        "COPY --from=builder /opt/venv /opt/venv", "COPY --from=builder /srv/greeter /srv/greeter"]
    output = verified_default_output(APP, result.text)
    assert "&lt;poetry&gt; greeted by greeter 0.1.0 with markupsafe 2.1.5" in output
