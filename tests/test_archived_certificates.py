"""A Go program moved to Debian's slim image of an old release (golang:1.10 -> debian:stretch-slim) needs the CA
certificates, which the rewrite installed with apt: stretch, jessie and buster left deb.debian.org, so that
`apt-get update` fails where the original, which ran no apt, built (dev 4458fb91 and 7 more; a reviewer's find).
The builder's CA bundle is copied instead; on a current release apt installs the package as before."""

from __future__ import annotations

import pytest

from transformer import refactor

BUNDLE = "COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n"


def _runner(image: str) -> str:
    text = f'FROM {image}\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD /out/app\n'
    result = refactor(text)  # a shell-form CMD needs a shell: the runtime is Debian's slim image
    assert result.changed, result.skipped
    return result.text.split("\nFROM ", 1)[1]


@pytest.mark.parametrize(("image", "runtime"), [("golang:1.10", "stretch"), ("golang:1.8", "jessie"),
                                                ("golang:1.15-buster", "buster")])
def test_an_archived_release_gets_the_builder_s_bundle(image: str, runtime: str) -> None:
    runner = _runner(image)
    assert runner.startswith(f"debian:{runtime}-slim AS runner"), runner
    assert BUNDLE in runner and "apt-get" not in runner, runner


def test_a_current_release_installs_the_package() -> None:
    runner = _runner("golang:1.21-bookworm")
    assert runner.startswith("debian:bookworm-slim AS runner"), runner
    assert "apt-get install -y --no-install-recommends ca-certificates" in runner and BUNDLE not in runner, runner
