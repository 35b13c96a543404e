"""A folder made by one RUN (`mkdir /app`) and a folder inside it by the next (`mkdir /app/server`), with
node_modules copied into /app, on a real engine: the runtime used to drop the first `mkdir` (the copy makes /app)
but repeat the second before the copies, and its build failed ("mkdir: cannot create directory '/app/server'"; dev
file 5460ecd82b7d). Now the runtime makes /app first, and the app runs. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-parent-mkdir"


def test_the_runtime_makes_the_parent_folder_before_the_folder_inside_it() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN mkdir /app\nRUN mkdir /app/server\n" in runtime, runtime
    assert "server up, typescript 5.4.5" in verified_default_output(APP, result.text)
