"""A file copied by the name of the folder a RUN made (`RUN mkdir -p /home/app`, `COPY package.json $HOME` with
HOME=/home/app), on a real engine: the runtime used to drop the `mkdir` (the copy of node_modules makes the
folder), so its COPY made a file /home/app and its build failed ("Cannot mkdir: /home/app is not a directory";
dev file 4ca481960622). Now the `mkdir` stays before the COPY, and the app runs. Skipped without a Docker
engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-copy-into-made-folder"


def test_the_folder_a_file_is_copied_into_is_made_before_the_copy() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN mkdir -p /home/app\nENV HOME=/home/app\nCOPY package.json $HOME\n" in runtime, runtime
    assert "app 86400000 /home/app true" in verified_default_output(APP, result.text)
