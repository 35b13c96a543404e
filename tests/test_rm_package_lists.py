"""Cleanup of apt's lists (or another package manager's caches) in an `rm` the runtime repeats. The runtime's lists are
empty (the slim image's, and the runtime's own installs remove theirs), so a pattern there matches nothing and an `rm`
without -f fails the runtime's build ("rm: cannot remove '/var/lib/apt/lists/*': No such file or directory"; built:
main's output of fixtures/apps/c-rm-package-lists fails at that RUN):

- ``rm -r app /var/lib/apt/lists/*``, the build's folder and the lists, was setup the runtime repeated whole, for the
  lists alone: it also failed on `app`, which only the builder had. The lists are housekeeping, never the image's
  files: the `rm` is the build's cleanup, and the runtime leaves it out.
- ``rm /etc/motd /var/lib/apt/lists/*_*`` removes a file of the image too: the runtime repeats it without the lists'
  pattern where no package command runs before it in its RUN (with one, the lists are there, and it stays whole)."""

from __future__ import annotations

from pathlib import Path

from transformer import refactor
from transformer.analysis import RunContext
from transformer.claims import Role
from transformer.images import ImageRef
from transformer.passes.shell import claim as shell_claim
from transformer.shell import parse_shell

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-rm-package-lists"


def _claim(text: str, workdir: str = "/usr/local/src") -> Role:
    cmd = parse_shell(text).commands[0]
    found = shell_claim(cmd, RunContext(ImageRef.parse("debian:bookworm"), "", workdir, (), None))
    assert found is not None
    return found.role


def test_the_build_s_folder_and_the_lists_are_cleanup() -> None:
    assert _claim("rm -r app /var/lib/apt/lists/*") is Role.NEUTRAL
    assert _claim("rm -r app /var/cache/apk/*") is Role.NEUTRAL


def test_a_file_of_the_image_beside_them_is_still_setup() -> None:
    assert _claim("rm /etc/motd /var/lib/apt/lists/*") is Role.SETUP


RUNNER_AFTER = """\
FROM debian:bookworm-slim AS runner

WORKDIR /usr/local/src
RUN rm /etc/motd

COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello
CMD ["sh", "-c", "hello && if [ -e /etc/motd ]; then echo motd kept; else echo motd removed; fi"]
"""


def test_the_runtime_repeats_the_image_s_file_without_the_lists() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=lambda p: None)
    assert result.changed, result.skipped
    assert result.text.split("\n\nFROM ", 1)[1] == RUNNER_AFTER.removeprefix("FROM "), result.text
    assert ("the runtime repeats `rm` of the RUN at line 7 without /var/lib/apt/lists/*_*: the runtime has no package "
            "lists or caches there, so the pattern would match nothing and `rm` fail") in [c.message for c in
                                                                                          result.changes]


BUILD = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\n"
         "WORKDIR /src\nCOPY . .\nRUN apt-get update && apt-get install -y gcc make && make && cp app /usr/local/bin/"
         " && {rm}\nCMD [\"app\"]\n")


def _runtime(rm: str) -> str:
    result = refactor(BUILD.format(rm=rm))
    assert result.changed, result.skipped
    return result.text.split(" AS runner\n", 1)[1]


def test_an_earlier_run_s_lists_are_gone_too() -> None:
    runtime = _runtime("rm /var/lib/apt/lists/* /etc/nginx/sites-enabled/default")
    assert "\nRUN rm /etc/nginx/sites-enabled/default\n" in runtime


def test_with_f_it_stays_as_written() -> None:
    runtime = _runtime("rm -f /var/lib/apt/lists/* /etc/nginx/sites-enabled/default")
    assert "\nRUN rm -f /var/lib/apt/lists/* /etc/nginx/sites-enabled/default\n" in runtime


def test_after_an_install_of_its_own_the_lists_are_there() -> None:
    result = refactor("FROM debian:bookworm\nWORKDIR /src\nCOPY . .\nRUN apt-get update && apt-get install -y gcc make "
                      "nginx && make && cp app /usr/local/bin/ && rm /var/lib/apt/lists/* "
                      "/etc/nginx/sites-enabled/default\nCMD [\"app\"]\n")
    runtime = result.text.split(" AS runner\n", 1)[1]
    assert ("\nRUN apt-get update && apt-get install -y --no-install-recommends nginx && rm /var/lib/apt/lists/* "
            "/etc/nginx/sites-enabled/default\n") in runtime


def test_the_install_s_cleanup_with_scratch_stays_with_it() -> None:
    """``rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/*`` (-f: nothing to fail on) is the install's cleanup: the runtime
    keeps it as written with the install it repeats, and leaves it out where it repeats none."""
    result = refactor("FROM debian:bookworm\nWORKDIR /src\nCOPY . .\nRUN apt-get update && apt-get install -y gcc make "
                      "curl && make && cp app /usr/local/bin/ && rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/*\n"
                      "RUN rm -rf /var/lib/apt/lists/* /tmp/*\nCMD [\"app\"]\n")
    runtime = result.text.split(" AS runner\n", 1)[1]
    assert ("\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf "
            "/var/lib/apt/lists/* /tmp/* /var/tmp/*\n") in runtime
    assert runtime.count("rm -rf") == 1
