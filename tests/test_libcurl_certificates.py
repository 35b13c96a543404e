"""libcurl verifies TLS peers against /etc/ssl/certs, and its packages recommend ca-certificates: a runtime that
installs libcurl without recommends installs ca-certificates too where the original had them (an install with
recommends, or a gcc/golang/rust image, built on buildpack-deps); not where it had none."""

from __future__ import annotations

import pytest

from transformer import refactor

C = ("FROM {image}\nRUN apt-get update && apt-get install -y {options}gcc libc6-dev libcurl4-openssl-dev\n"
     "WORKDIR /app\nCOPY main.c .\nRUN gcc -o fetch main.c -lcurl\nCMD [\"./fetch\"]\n")


def _runtime(image: str, options: str) -> tuple[str, list[str]]:
    result = refactor(C.format(image=image, options=options))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2], [c.message for c in result.changes]


@pytest.mark.parametrize("image, options", [
    ("debian:bookworm", ""),  # apt brought it as a package libcurl4 recommends
    ("gcc:12", "--no-install-recommends "),  # the image has it
    ("gcc:12", ""),
])
def test_libcurl_keeps_the_ca_certificates_the_original_had(image: str, options: str) -> None:
    runtime, messages = _runtime(image, options)
    # on gcc, whose buildpack-deps -dev packages the builder lists (ldd), ca-certificates joins that list's install
    installs = [line for line in runtime.splitlines() if "apt-get install" in line]
    assert any("ca-certificates" in line for line in installs) and any(" libcurl4 " in line for line in installs), \
        runtime
    assert any("ca-certificates" in m and "libcurl4" in m and "verifies TLS peers" in m for m in messages), messages


def test_no_ca_certificates_where_the_original_had_none() -> None:
    runtime, _ = _runtime("debian:bookworm", "--no-install-recommends ")
    assert "libcurl4" in runtime and "ca-certificates" not in runtime


def test_another_library_s_install_gets_no_ca_certificates() -> None:
    """git installed without recommends, then libpq-dev with them (a Dockerfile of the dev set on ubuntu:16.04
    does so with python-pip): libpq5 recommends no ca-certificates, and git's install had none."""
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends git gcc "
            "&& apt-get install -y libpq-dev\nWORKDIR /app\nCOPY main.c .\nRUN gcc -o app main.c -lpq\n"
            'CMD ["./app"]\n')
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "libpq5" in runtime and "ca-certificates" not in runtime, runtime
