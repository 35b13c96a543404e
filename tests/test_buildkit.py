"""BuildKit mode (issue #12): cache mounts for the package managers in the builder's RUNs, only with
``--buildkit`` (or ``buildkit = true``, or an input that already uses BuildKit syntax); without it the
output stays buildable by the classic builder. Also the builder's own lines: the steps after the build
chained to the last build RUN, and blank lines where the file puts them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import NODE_APP_FILES, context_of

from transformer import refactor
from transformer.cachemount import Mode, Tool, tool_of, uses_buildkit
from transformer.cli import main
from transformer.config import ConfigError, load_file
from transformer.fileio import context_reader
from transformer.parser import parse
from transformer.refactor import Options
from transformer.shell import parse_shell

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures" / "refactor").glob("*/Dockerfile")) + sorted(
    (ROOT / "fixtures" / "apps").glob("*/Dockerfile"))
ON = Options(buildkit=Mode.ON)

PSYCOPG = """\
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""

GO = """\
FROM golang:1.21
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /bin/app .
CMD ["/bin/app"]
"""


def _builder(text: str) -> str:
    return text.split("\nFROM ")[0]


def _out(text: str, options: Options | None = None, path: Path | None = None,
         files: dict[str, str] | None = None) -> str:
    reader = context_of(files) if files is not None else context_reader(str(path.parent if path else ROOT))
    result = refactor(text, read_context=reader, options=options)
    assert result.changed, result.reason
    return result.text


@pytest.mark.parametrize("path", FIXTURES, ids=[p.parent.name for p in FIXTURES])
def test_without_the_mode_the_output_has_no_buildkit_syntax(path: Path) -> None:
    text = path.read_text()
    result = refactor(text, read_context=context_reader(str(path.parent)))
    if result.changed and not uses_buildkit(parse(text)):
        assert "--mount" not in result.text and "--link" not in result.text


@pytest.mark.parametrize("path", FIXTURES, ids=[p.parent.name for p in FIXTURES])
def test_buildkit_output_parses_and_never_links_without_syntax(path: Path) -> None:
    dockerfile = pytest.importorskip("dockerfile")
    result = refactor(path.read_text(), read_context=context_reader(str(path.parent)), options=ON)
    if result.changed:
        dockerfile.parse_string(result.text)
        assert "--link" not in result.text or "# syntax=" in result.text


def test_pip_gets_its_cache_and_no_longer_turns_it_off() -> None:
    out = _out(PSYCOPG, ON)
    builder = _builder(out)
    assert "RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements.txt\n" in builder
    assert "--no-cache-dir" not in builder
    # the runtime is not the builder: no mounts there
    assert "--mount" not in out.split("AS runner")[1]


def test_apt_keeps_its_downloads_in_a_locked_cache() -> None:
    builder = _builder(_out(PSYCOPG, ON))
    assert "RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt," \
           "sharing=locked \\\n    apt-get update && apt-get install" in builder
    # the user's cleanup stays as written, and so do the package lists (a later apt-get may read them)
    assert "rm -rf /var/lib/apt/lists/*" in builder and "target=/var/lib/apt" not in builder


def test_the_virtual_environment_gets_a_pip_that_caches_wheels() -> None:
    """pip alone: --upgrade-deps would upgrade setuptools too, whose newest has no pkg_resources (rp9 serpbot/backend:
    gunicorn 20.1.0 imports it; the official python:3.10 image's setuptools 65.5.1 has it)."""
    builder = _builder(_out(PSYCOPG, ON))
    assert ("RUN --mount=type=cache,target=/root/.cache/pip python -m venv /opt/venv "
            "&& /opt/venv/bin/pip install --upgrade pip\n") in builder
    assert "setuptools" not in builder and "--upgrade-deps" not in builder
    old = _builder(_out(PSYCOPG.replace("3.11-slim", "3.8-slim"), ON))
    # before Python 3.9 the image's own pip
    assert "RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir \"pip==$(" in old


def test_go_modules_and_build_cache_on_every_go_run() -> None:
    builder = _builder(_out(GO, ON))
    mounts = "--mount=type=cache,target=/go/pkg/mod \\\n    --mount=type=cache,target=/root/.cache/go-build \\\n"
    assert f"RUN {mounts}    go mod download\n" in builder
    assert f"RUN {mounts}    go build -o /bin/app .\n" in builder


def test_downloads_a_later_step_reads_are_not_hidden_from_it() -> None:
    """`make` may run `go build` without the mount: the modules must stay in the image for it."""
    text = GO.replace("RUN go build -o /bin/app .", "RUN go build -o /bin/app . && make -C tools")
    text = text.replace("COPY . .\n", "COPY . .\nRUN make gen\n")
    builder = _builder(_out(text, ON))
    assert "target=/go/pkg/mod" not in builder
    assert "--mount=type=cache,target=/root/.cache/go-build" in builder  # a pure cache: go rebuilds what is missing


def test_test_stage_runs_get_the_same_mounts() -> None:
    path = ROOT / "fixtures" / "refactor" / "go-cli" / "Dockerfile"
    out = _out(path.read_text(), ON, path)
    test_stage = out.split("AS test\n")[1].split("\nFROM ")[0]
    assert "--mount=type=cache,target=/go/pkg/mod" in test_stage


def test_a_run_as_another_user_gets_no_mount() -> None:
    text = PSYCOPG.replace("WORKDIR /app\n", "WORKDIR /app\nUSER 1000\n")
    builder = _builder(_out(text, ON))
    assert "pip install --no-cache-dir -r requirements.txt" in builder
    assert "target=/root/.cache/pip \\" not in builder


def test_an_artifact_inside_a_cache_folder_is_not_mounted_over() -> None:
    text = ("FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\n"
            "CMD [\"java\", \"-jar\", \"target/app.jar\"]\n")
    assert "target=/root/.m2/repository \\\n    mvn -B package" in _builder(_out(text, ON))
    copied = text.replace("COPY . .\n", "COPY . .\nCOPY settings/ /root/.m2/repository/\n")
    assert "--mount" not in _builder(_out(copied, ON))


@pytest.mark.parametrize(("line", "tool"), [
    ("pip install -r r.txt", Tool.PIP), ("python3 -m pip install x", Tool.PIP), ("pip3.11 wheel .", Tool.PIP),
    ("pip freeze", None), ("npm ci", Tool.NPM), ("npm run build", None), ("yarn", Tool.YARN),
    ("yarn --frozen-lockfile", Tool.YARN), ("yarn build", None), ("pnpm install", Tool.PNPM),
    ("apt-get install -y gcc", Tool.APT), ("apt-get update", None), ("go build ./...", Tool.GO),
    ("go version", None), ("cargo build --release", Tool.CARGO), ("./mvnw -B package", Tool.MAVEN),
    ("./gradlew bootJar", Tool.GRADLE), ("make", None),
])
def test_which_commands_download(line: str, tool: Tool | None) -> None:
    cmd, = parse_shell(line).commands
    assert tool_of(cmd) is tool


@pytest.mark.parametrize(("text", "uses"), [
    ("FROM python:3.11\nRUN pip install x\n", False),
    ("# syntax=docker/dockerfile:1\nFROM python:3.11\nRUN pip install x\n", True),
    ("FROM python:3.11\nRUN --mount=type=secret,id=t pip install x\n", True),
    ("FROM python:3.11\nRUN <<EOF\npip install x\nEOF\n", True),
])
def test_the_mode_is_on_when_the_input_uses_buildkit(text: str, uses: bool) -> None:
    assert uses_buildkit(parse(text)) is uses


def test_a_folder_the_run_mounts_already_is_not_mounted_again() -> None:
    text = PSYCOPG.replace("RUN pip install", "RUN --mount=type=cache,target=/root/.cache/pip pip install")
    builder = _builder(_out(text))  # the input uses BuildKit: the mode is on
    assert builder.count("target=/root/.cache/pip") == 2  # the venv's, and the user's own once
    assert "--mount=type=cache,target=/var/cache/apt" in builder


def test_auto_mode_follows_the_input() -> None:
    assert "--mount=type=cache" not in _out(PSYCOPG)
    syntax = "# syntax=docker/dockerfile:1\n" + PSYCOPG
    assert "--mount=type=cache" in _out(syntax)
    assert "--mount=type=cache" not in _out(syntax, Options(buildkit=Mode.OFF))


def test_config_key_and_flags(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(PSYCOPG)
    (tmp_path / "requirements.txt").write_text("psycopg2==2.9.9\n")
    (tmp_path / ".msrefactor.toml").write_text("buildkit = true\n")
    assert load_file(tmp_path / ".msrefactor.toml").options().buildkit is Mode.ON
    run = CliRunner().invoke(main, [str(tmp_path / "Dockerfile")])
    assert run.exit_code == 0 and "--mount=type=cache" in run.output
    run = CliRunner().invoke(main, [str(tmp_path / "Dockerfile"), "--no-buildkit"])
    assert run.exit_code == 0 and "--mount" not in run.output
    (tmp_path / ".msrefactor.toml").write_text("buildkit = \"yes\"\n")
    with pytest.raises(ConfigError, match="buildkit must be true or false"):
        load_file(tmp_path / ".msrefactor.toml")
    run = CliRunner().invoke(main, [str(tmp_path / "Dockerfile"), "--buildkit"])
    assert run.exit_code == 2 and "buildkit must be true or false" in run.output


# the builder's own lines ----------------------------------------------------------------------------------

NODE = """\
FROM node:20
WORKDIR /app
COPY . .
RUN npm ci && npm run build{end}
CMD ["node", "dist/a.js"]
"""


def test_the_step_after_the_build_joins_the_last_build_run() -> None:
    builder = _builder(_out(NODE.format(end=""), files=NODE_APP_FILES))
    assert "RUN npm ci && npm run build \\\n    && npm prune --omit=dev\n" in builder
    assert builder.count("RUN ") == 1  # no second RUN right after it (hadolint DL3059)


@pytest.mark.parametrize("end", ["  # build it", " &&\\\n    true;"])
def test_a_run_that_cannot_take_more_keeps_the_step_apart(end: str) -> None:
    builder = _builder(_out(NODE.format(end=end), files=NODE_APP_FILES))
    assert builder.rstrip().endswith("\nRUN npm prune --omit=dev")


def test_lines_the_builder_writes_follow_the_file_s_blank_lines() -> None:
    grouped = ("FROM python:3.11\n\nWORKDIR /app\n\nCOPY requirements.txt .\n\nRUN pip install -r requirements.txt\n\n"
               "COPY . .\n\nCMD [\"python\", \"app.py\"]\n")
    builder = _builder(_out(grouped))
    assert "COPY requirements.txt .\n\nRUN python -m venv /opt/venv\n\nENV VIRTUAL_ENV=/opt/venv" in builder
    assert "\n\nRUN pip install" in builder
    tight = grouped.replace("\n\n", "\n")
    assert "COPY requirements.txt .\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV" in _builder(_out(tight))
