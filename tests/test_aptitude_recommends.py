"""aptitude has no --no-install-recommends (apt-get's option): `aptitude install -y --no-install-recommends x`
stops with "aptitude: unrecognized option '--no-install-recommends'" (aptitude 0.8.13, debian:bookworm-slim), so
a runtime that repeats an aptitude install leaves the recommended packages out with aptitude's own
--without-recommends. Found on dev 2d629af356d3 (ruby:2.6.2, `RUN aptitude install -y libxml2 imagemagick ...`;
ImageMagick's install now takes its recommended packages, so these tests install ffmpeg)."""

from __future__ import annotations

import pytest
from conftest import runner_stage


def _runtime(install: str) -> str:
    return runner_stage(f"FROM ruby:3.2\nRUN apt-get update && apt-get install -y aptitude\nRUN {install}\n"
                        "WORKDIR /app\nCOPY . .\nRUN bundle install\nCMD [\"ruby\", \"app.rb\"]\n")


def test_an_aptitude_install_is_made_lean_with_aptitudes_own_option() -> None:
    runtime = _runtime("aptitude install -y ffmpeg")
    assert "aptitude install -y --without-recommends ffmpeg" in runtime
    assert "aptitude install -y --no-install-recommends" not in runtime


@pytest.mark.parametrize("option", ["--without-recommends", "-R"])
def test_an_aptitude_install_already_lean_is_left_as_it_is(option: str) -> None:
    runtime = _runtime(f"aptitude install -y {option} ffmpeg")
    line = next(ln for ln in runtime.splitlines() if "aptitude install" in ln)
    assert f"aptitude install -y {option} ffmpeg" in line
    assert "install-recommends" not in line and line.count("recommends") == (option != "-R")


def test_apt_get_keeps_no_install_recommends() -> None:
    runtime = _runtime("apt-get update && apt-get install -y ffmpeg")
    assert "apt-get install -y --no-install-recommends ffmpeg" in runtime
