"""A Ruby a distribution installs through its versioned -dev package (ruby3.1-dev on bookworm, ruby2.7-dev on
focal, ruby1.9.1-dev on precise), which brings the interpreter as a dependency: the runtime installs that
interpreter (ruby3.1), as ruby-dev's gives ruby. Before, it installed nothing in its place and the copied gems'
commands (`#!/usr/bin/ruby3.1`) could not start (dev 0e5d67dc; engine: `exec /usr/local/bin/hi: no such file or
directory` on main, verify OK x0.248 now)."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = ("FROM {image}\nRUN apt-get update && apt-get install -y build-essential {dev}\nCOPY hi-0.1.gem /tmp/\n"
        "RUN gem install --local /tmp/hi-0.1.gem\nCMD [\"hi\"]\n")


@pytest.mark.parametrize(("image", "dev", "ruby"), [("debian:bookworm", "ruby3.1-dev", "ruby3.1"),
                                                    ("ubuntu:20.04", "ruby2.7-dev", "ruby2.7"),
                                                    ("ubuntu:22.04", "ruby3.0-dev", "ruby3.0")])
def test_the_runtime_installs_the_versioned_ruby(image: str, dev: str, ruby: str) -> None:
    result = refactor(FILE.format(image=image, dev=dev))
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner", 1)[1]
    assert f"apt-get install -y --no-install-recommends {ruby} " in runner, runner
    assert dev not in runner and "build-essential" not in runner, runner
