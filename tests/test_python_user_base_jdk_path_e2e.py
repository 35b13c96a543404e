"""pip of the distribution's Python on eclipse-temurin, whose PATH starts with its JAVA_HOME's bin
(/opt/java/openjdk/bin, in the tag's data), on a real engine: the tool read that folder as a virtual environment and
left the file alone ("the build installs a toolchain (/opt/java/openjdk)"); pip installs into the user base, which the
runtime copies. The zoo's eclipse-temurin:17-jre is a Debian look-alike (bookworm, hence --break-system-packages on
both sides). Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import USER_BASE_COPY, rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-user-base-jdk-path"


def test_pip_under_a_jdk_on_path_installs_into_the_user_base() -> None:
    result, _, runtime = rewrite_app(APP)
    assert USER_BASE_COPY in runtime and "/opt/java" not in runtime and "gcc" not in runtime, runtime
    assert verified_default_output(APP, result.text).strip() == "app: markupsafe 2.1.5 &lt;b&gt;"
