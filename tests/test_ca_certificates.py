"""golang images have the CA certificates (buildpack-deps installs ca-certificates); debian and ubuntu have
none. A runtime the tool starts from debian:*-slim for a Go program installs ca-certificates, so that its
crypto/tls still finds /etc/ssl/certs, and so does one for a Rust program (native-tls, reqwest's default, links
OpenSSL and loads the system's roots, from /etc/ssl/certs: not checked on an engine here, as crates.io is not
reachable);
distroless has them, and a C program of gcc's connects through a library it links, found as a run-time package."""

from __future__ import annotations

import pytest
from conftest import runner_stage

GO = "FROM {image}\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD {cmd}\n"


def test_a_go_program_on_debian_slim_gets_the_ca_certificates() -> None:
    runner = runner_stage(GO.format(image="golang:1.21", cmd="/app"))  # shell form: the runtime needs a shell
    assert runner.startswith("FROM debian:bookworm-slim AS runner\n"), runner
    assert "apt-get install -y --no-install-recommends ca-certificates" in runner, runner


def test_a_rust_program_on_debian_slim_gets_the_ca_certificates() -> None:
    text = "FROM rust:1.75\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n"
    runner = runner_stage(text)
    assert runner.startswith("FROM debian:bookworm-slim AS runner\n"), runner
    assert "apt-get install -y --no-install-recommends ca-certificates" in runner, runner


def test_a_rust_program_whose_lock_loads_no_system_roots_gets_none() -> None:
    """Cargo.lock shows the crates: none that loads the system's roots (a sqlite app), or none at all."""
    from conftest import context_of

    from transformer import refactor

    text = "FROM rust:1.75\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n"
    lock = 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n'
    sqlite = lock + '\n[[package]]\nname = "libsqlite3-sys"\nversion = "0.27.0"\n'
    tls = sqlite + '\n[[package]]\nname = "native-tls"\nversion = "0.2.11"\n'
    runners = {name: refactor(text, read_context=context_of({"Cargo.lock": lock_text})).text.partition(" AS runner")[2]
               for name, lock_text in (("plain", lock), ("sqlite", sqlite), ("tls", tls))}
    assert "ca-certificates" not in runners["plain"] and "ca-certificates" not in runners["sqlite"], runners
    assert "ca-certificates" in runners["tls"], runners["tls"]


def test_distroless_has_them_already() -> None:
    runner = runner_stage(GO.format(image="golang:1.21", cmd='["/app"]'))
    assert runner.startswith("FROM gcr.io/distroless/static-debian12 AS runner\n"), runner
    assert "ca-certificates" not in runner


def test_a_c_program_of_gcc_gets_none() -> None:
    assert "ca-certificates" not in runner_stage("FROM gcc:12\nWORKDIR /src\nCOPY . .\nRUN make\nCMD [\"./app\"]\n")


@pytest.mark.parametrize("image", ["debian:bookworm", "python:3.11"])
def test_a_builder_without_them_or_a_runtime_with_them_gets_none(image: str) -> None:
    text = (f"FROM {image}\nRUN apt-get update && apt-get install -y gcc libpq-dev\nWORKDIR /app\nCOPY . .\n"
            "RUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    assert "ca-certificates" not in runner_stage(text)


def _messages(text: str) -> list[str]:
    from transformer import refactor

    result = refactor(text)
    assert result.changed, result.skipped
    return [c.message for c in result.changes]


NODE_KEY = ("FROM node:18\nRUN curl -fsSL https://example.com/key.gpg -o /usr/share/keyrings/x.gpg\nWORKDIR /app\n"
            "COPY package.json .\nRUN npm install\nCOPY . .\nCMD [\"node\", \"index.js\"]\n")


def test_a_download_over_https_is_said_to_need_them_not_to_run_update_ca_certificates() -> None:
    # the explanation said 'the RUN at line 2 it repeats runs `update-ca-certificates`' of a plain `curl -o`
    messages = _messages(NODE_KEY)
    assert "the runtime installs ca-certificates: the RUN at line 2 it repeats downloads over https, which checks " \
           "the server against the CA certificates" in messages, messages
    assert not any("`update-ca-certificates`" in m for m in messages), messages


def test_a_run_of_update_ca_certificates_is_still_named() -> None:
    messages = _messages(NODE_KEY.replace("x.gpg\n", "x.gpg && update-ca-certificates\n"))
    assert "the runtime installs ca-certificates: the RUN at line 2 it repeats runs `update-ca-certificates`" \
        in messages, messages
