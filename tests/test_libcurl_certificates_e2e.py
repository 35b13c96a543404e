"""A C program that links libcurl, built on gcc:12 after `apt-get install -y libcurl4-openssl-dev` (with recommends,
as bocianowski1/cpp-api installs it on ubuntu before its https calls to accounts.spotify.com), on a real engine. apt
brought ca-certificates as a package libcurl4 recommends; the runtime installed libcurl4 with
--no-install-recommends and so without the CA bundle libcurl verifies every https peer against. Now it installs
ca-certificates beside libcurl. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-libcurl-certificates"


def test_a_libcurl_program_keeps_its_ca_bundle() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "ca-certificates" in runtime, result.text
    assert "readable: yes" in verified_default_output(APP, result.text)
