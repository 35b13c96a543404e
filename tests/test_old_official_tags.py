"""An old tag of an official image is built on the release its chain of official bases ends on (the data of
official images give each tag's last published build), not on the data's default release.

Before: distro.release_of("node:10-slim") was bookworm (images.json's default for a tag naming no release), though
node 10's images were built on stretch, and plan's apt release took python:2.7.7's base, ``buildpack-deps:latest``
(its Dockerfile of 2014), as today's latest. Dev 0684ba9f (python:2.7.7) got bookworm's names for its run-time
libraries (libpcap0.8, libcurl3-nss), and 10d8937f, 159ccb03 (node:8.10.0-slim, node:10-slim), 25034a6a
(ruby:2.4.1-slim), 3bcd3b6d (node:12-slim) an install of the commands bookworm's node-slim lacks (wget, gnupg, curl)
on a runtime that is the builder's own image, which has what the original ran.
"""

from __future__ import annotations

from conftest import runner_stage

from transformer.plan import _release

PCAP = ("FROM python:2.7.7\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN apt-get update && apt-get install -y libpcap-dev libcurl4-nss-dev\nRUN pip install -r requirements.txt\n"
        "COPY . .\nCMD [\"python\", \"app.py\"]\n")
CHROME = ("FROM node:10-slim\nWORKDIR /app\nCOPY package.json .\nRUN npm install --production\n"
          "RUN wget -q -O - https://dl-ssl.google.com/linux/linux_signing_key.pub | apt-key add - "
          "&& echo \"deb http://dl.google.com/linux/chrome/deb/ stable main\" > /etc/apt/sources.list.d/google.list "
          "&& apt-get update && apt-get install -y --no-install-recommends google-chrome-stable "
          "&& rm -rf /var/lib/apt/lists/*\nCOPY . .\nCMD [\"npm\", \"start\"]\n")


def test_a_2014_tag_built_from_buildpack_deps_latest_has_no_known_release() -> None:
    assert _release("python:2.7.7") is None


def test_its_run_time_libraries_are_listed_by_the_builder_not_named_by_bookworm() -> None:
    runtime = runner_stage(PCAP)
    assert "libpcap0.8" not in runtime and "libcurl3-nss" not in runtime, runtime
    assert "xargs -r apt-get install" in runtime, runtime


def test_a_runtime_on_the_builder_s_own_old_image_installs_no_command_it_had() -> None:
    runtime = runner_stage(CHROME)
    assert runtime.startswith("FROM node:10-slim"), runtime
    assert "gnupg wget" not in runtime, runtime
