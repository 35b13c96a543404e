"""Downloads and archives: what lands in a lasting place is copied; /tmp is scratch; `curl | sh` is not guessed."""

from __future__ import annotations

import pytest

from transformer import refactor

TAIL = "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"


def copies(run: str) -> list[str]:
    result = refactor(f"FROM python:3.11\nRUN {run}\n{TAIL}")
    assert result.changed, result.skipped
    return [line.split()[2] for line in result.text.splitlines() if line.startswith("COPY --from=builder")]


@pytest.mark.parametrize(("run", "path"), [
    ("curl -fsSL -o /opt/bin/tool https://example.com/tool && chmod +x /opt/bin/tool", "/opt/bin/tool"),
    ("wget -q -O /srv/data.json https://example.com/data.json", "/srv/data.json"),
    ("curl -fsSL https://example.com/x.tgz | tar -xz -C /opt/x", "/opt/x"),
    ("wget -qO- https://example.com/x.tgz | tar xzf - -C /opt/x", "/opt/x"),
    ("curl -o /tmp/x.zip https://example.com/x.zip && unzip /tmp/x.zip -d /opt/x && rm /tmp/x.zip", "/opt/x"),
])
def test_what_is_fetched_is_copied(run: str, path: str) -> None:
    assert path in copies(run)


@pytest.mark.parametrize(("run", "path"), [
    ("curl -O https://example.com/dl/tool?version=2", "/tool"),  # named after the URL's path
    ("wget https://example.com/tool.tgz", "/tool.tgz"),
    ("wget -P /opt https://example.com/tool.tgz", "/opt/tool.tgz"),
    ("curl -O --output-dir /opt/bin https://example.com/x/tool", "/opt/bin/tool"),
])
def test_named_after_the_url(run: str, path: str) -> None:
    assert path in copies(run)


def test_scratch_and_checks_copy_nothing_more() -> None:
    run = ('curl -o /tmp/a.tgz https://example.com/a.tgz && echo "x  /tmp/a.tgz" | sha256sum -c - '
           "&& rm /tmp/a.tgz")
    assert copies(run) == ["/opt/venv"]


@pytest.mark.parametrize("run", [
    "curl -OJ https://example.com/tool",  # named by the server's Content-Disposition
    "curl -o /opt/$NAME https://example.com/x",
])
def test_not_guessed(run: str) -> None:
    result = refactor(f"FROM python:3.11\nRUN {run}\n{TAIL}")
    assert not result.changed
    assert "is not understood" in (result.skipped or "")


@pytest.mark.parametrize(("run", "why"), [
    ("curl -sSL https://example.com/install.sh | sh", "`sh` runs a script downloaded from https://example.com/"),
    ("curl -sSL https://get.example.org | bash -s stable", "`bash` runs a script downloaded from https://get.example.org"),
    ("echo 'nvm install 8' | bash -l", "`bash` runs the script `echo` pipes into it"),
])
def test_a_script_on_a_pipe_is_named_as_the_cause(run: str, why: str) -> None:
    result = refactor(f"FROM python:3.11\nRUN {run}\n{TAIL}")
    assert not result.changed
    assert why in (result.skipped or "") and "is not understood" not in (result.skipped or "")


@pytest.mark.parametrize(("run", "path"), [
    ("curl -fsSL https://example.com/tool > /usr/local/bin/tool && chmod +x /usr/local/bin/tool",
     "/usr/local/bin/tool"),
    ("wget -O - https://example.com/tool > /opt/bin/tool", "/opt/bin/tool"),
    ("wget -qO- ${!TOOL_URL} > /opt/bin/tool", "/opt/bin/tool"),  # the URL is not known; where it lands is
])
def test_a_download_written_by_a_redirection_is_copied(run: str, path: str) -> None:
    assert path in copies(run)


@pytest.mark.parametrize(("run", "path"), [
    ("curl -fsSLo /opt/bin/tool https://example.com/tool", "/opt/bin/tool"),
    ("wget -qO /opt/bin/tool https://example.com/tool", "/opt/bin/tool"),
])
def test_output_inside_a_cluster_of_flags(run: str, path: str) -> None:
    assert path in copies(run)


def test_remote_name_inside_a_cluster() -> None:
    assert "/tool" in copies("curl -fsSLO https://example.com/tool")


def test_a_package_repository_downloaded_is_configuration_the_runtime_repeats() -> None:
    """Not a build output: the runtime's own package install needs it first, so the runtime downloads it
    again, with curl and (over https) the CA certificates its install without recommends would lack."""
    result = refactor("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl python3-pip\n"
                      "RUN curl -o /etc/apt/sources.list.d/x.list https://example.com/x.list "
                      f"&& apt-get update && apt-get install -y gcc libpq-dev\n{TAIL.replace('pip ', 'pip3 ')}")
    assert result.changed, result.skipped
    runner = result.text.split("AS runner")[1]
    assert "RUN curl -o /etc/apt/sources.list.d/x.list https://example.com/x.list && apt-get update" in runner
    installs = " ".join(line for line in runner.splitlines() if "apt-get install" in line)
    assert "ca-certificates" in installs and " curl" in installs and "libpq5" in installs
    assert "COPY --from=builder /etc" not in result.text


def test_the_runtime_package_install_keeps_the_assignments() -> None:
    text = ("FROM python:3.11\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y gcc "
            f"libpq-dev tzdata && pip install psycopg2\n{TAIL}")
    runner = refactor(text).text.split("AS runner")[1]
    assert "&& DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libpq5 tzdata " in runner
