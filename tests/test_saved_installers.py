"""Known installer scripts saved to a file before they run (``curl -o nodesource_setup.sh URL && bash
nodesource_setup.sh``, ``ADD URL /cmake.sh``), as the piped form (``curl URL | bash``) is read: a package
repository's setup is repeated by the runtime with its download; a build tool's installer (CMake, Bazel, rustup)
stays in the builder with its ``chmod`` and ``rm``. Any other downloaded script is named by its URL."""

from __future__ import annotations

import pytest
from conftest import runner_stage, stages

from transformer import refactor

PY_TAIL = "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"
NODESOURCE = "https://deb.nodesource.com/setup_18.x"


@pytest.mark.parametrize("run", [
    f"curl -sL {NODESOURCE} -o nodesource_setup.sh && bash nodesource_setup.sh",
    f"curl -sL -o /tmp/ns.sh {NODESOURCE} && bash /tmp/ns.sh && rm /tmp/ns.sh",
    f"wget -q {NODESOURCE} && bash setup_18.x",
    f"curl -fsSL {NODESOURCE} > /opt/ns.sh && chmod +x /opt/ns.sh && /opt/ns.sh && rm /opt/ns.sh",
])
def test_a_saved_setup_script_is_repeated_with_its_download(run: str) -> None:
    text = (f"FROM python:3.11\nRUN apt-get update && apt-get install -y curl\nRUN {run}\n"
                    f"RUN apt-get install -y nodejs\n{PY_TAIL}")
    runner = runner_stage(text)
    assert f"RUN {run}\n" in runner  # the download, the run, and its chmod and rm, in their order
    assert "COPY --from=builder" not in runner.replace("COPY --from=builder /opt/venv", "")
    assert "nodejs" in runner


def test_a_saved_setup_script_run_in_a_later_run_is_repeated_too() -> None:
    text = (f"FROM python:3.11\nRUN apt-get update && apt-get install -y curl\n"
                    f"RUN curl -sL {NODESOURCE} -o nodesource_setup.sh\nRUN bash nodesource_setup.sh\n"
                    f"RUN apt-get install -y nodejs\n{PY_TAIL}")
    runner = runner_stage(text)
    assert f"RUN curl -sL {NODESOURCE} -o nodesource_setup.sh\nRUN bash nodesource_setup.sh\n" in runner


@pytest.mark.parametrize(("run", "tool"), [
    ("wget https://github.com/bazelbuild/bazel/releases/download/1.1.0/bazel-1.1.0-installer-linux-x86_64.sh "
     "&& chmod u+x bazel-1.1.0-installer-linux-x86_64.sh && ./bazel-1.1.0-installer-linux-x86_64.sh --user "
     "&& rm bazel-1.1.0-installer-linux-x86_64.sh", "bazel"),
    ("curl https://sh.rustup.rs -sSf > /install_rust.sh && /bin/bash /install_rust.sh -y", "rust"),
    ("curl -sO https://static.rust-lang.org/rustup.sh && bash rustup.sh --yes", "rustup"),
    ("curl -fsSLO https://github.com/Kitware/CMake/releases/download/v3.27.0/cmake-3.27.0-linux-x86_64.sh "
     "&& sh cmake-3.27.0-linux-x86_64.sh --prefix=/usr/local --skip-license", "cmake"),
])
def test_a_saved_build_tool_installer_stays_in_the_builder(run: str, tool: str) -> None:
    text = (f"FROM python:3.11\nRUN {run}\n{PY_TAIL}")
    builder, runner = stages(text)
    assert f"RUN {run}\n" in builder
    assert tool not in runner.lower() and ".sh" not in runner


def test_a_build_tool_installer_added_by_url_stays_in_the_builder() -> None:
    url = "https://cmake.org/files/v3.13/cmake-3.13.0-Linux-x86_64.sh"
    text = (f"FROM python:3.11\nADD {url} /cmake.sh\nRUN mkdir /opt/cmake\n"
                    f"RUN sh /cmake.sh --prefix=/opt/cmake --skip-license\n{PY_TAIL}")
    builder, runner = stages(text)
    assert f"ADD {url} /cmake.sh\n" in builder and "RUN sh /cmake.sh" in builder
    assert "cmake.sh" not in runner


def test_a_build_tool_the_program_runs_is_not_left_in_the_builder() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl gcc\n"
                      "RUN curl -sO https://static.rust-lang.org/rustup.sh && bash rustup.sh --yes\n"
                      "COPY . /app\nWORKDIR /app\nCMD [\"rustc\", \"main.rs\"]\n")
    assert not result.changed
    assert "installs the Rust toolchain (a build tool), but the program runs `rustc`" in (result.skipped or "")


@pytest.mark.parametrize(("run", "url"), [
    ("curl -o install.sh https://example.com/install.sh && bash install.sh", "https://example.com/install.sh"),
    ("wget https://example.com/setup.sh && chmod +x setup.sh && ./setup.sh", "https://example.com/setup.sh"),
])
def test_another_saved_script_is_named_by_its_url(run: str, url: str) -> None:
    result = refactor(f"FROM python:3.11\nRUN {run}\n{PY_TAIL}")
    assert not result.changed
    assert f"runs a script downloaded from {url}, whose effect" in (result.skipped or "")


@pytest.mark.parametrize("url", ["https://get.docker.com/", "https://get.docker.com", "https://get.docker.io/ubuntu/"])
def test_docker_s_install_script_is_setup_the_runtime_repeats(url: str) -> None:
    run = f"curl -fsSL {url} | sh"
    text = (f"FROM python:3.11\nRUN {run}\n{PY_TAIL}")
    assert f"RUN {run}\n" in runner_stage(text)


def test_an_alternative_linked_to_a_build_only_program_is_not_repeated() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc-12 make\n"
                      "RUN update-alternatives --install /usr/bin/cc cc /usr/bin/gcc-12 100\n"
                      "COPY . /src\nRUN make -C /src PREFIX=/opt/app install\nCMD [\"/opt/app/bin/app\"]\n")
    assert not result.changed
    assert "`gcc-12`, which only a build-only package (gcc-12) provides" in (result.skipped or "")


@pytest.mark.parametrize("setup", [f"curl -sL {NODESOURCE} | bash -",
                                   f"curl -sL {NODESOURCE} -o ns.sh && bash ns.sh"])
def test_npm_comes_with_nodesource_s_nodejs_not_from_debian(setup: str) -> None:
    # NodeSource's nodejs has npm (and conflicts with Debian's npm): the runtime that repeats `npm install -g`
    # after the repository's nodejs does not install Debian's npm first
    text = (f"FROM python:3.11\nRUN apt-get update && apt-get install -y curl gcc\nRUN {setup}\n"
            f"RUN apt-get install -y nodejs\nRUN npm install -g pm2\n"
            "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"pm2-runtime\", \"app.py\"]\n")
    runner = runner_stage(text)
    assert f"RUN {setup}\n" in runner and "RUN npm install -g pm2\n" in runner
    assert " npm " not in runner.replace("RUN npm install", "") and not runner.count("npm &&")


def test_an_address_without_its_scheme_names_the_script_too() -> None:
    result = refactor(f"FROM python:3.11\nRUN wget -nv bit.ly/iojs-dev -O /tmp/iojs-dev.sh\n"
                      f"RUN bash /tmp/iojs-dev.sh\n{PY_TAIL}")
    assert "`bash /tmp/iojs-dev.sh` runs a script downloaded from bit.ly/iojs-dev, whose" in (result.skipped or "")


def test_the_file_a_download_writes_is_not_taken_for_its_address() -> None:
    result = refactor(f"FROM python:3.11\nARG URL\nRUN curl -fsSL $URL -o setup.sh && bash setup.sh\n{PY_TAIL}")
    assert "`bash setup.sh` runs a script whose effect" in (result.skipped or "")


def test_a_build_tool_the_slim_image_has_may_be_run_by_the_program() -> None:
    # yarn's installer leaves yarn in the builder, and node:18-slim has its own yarn for `yarn start`
    runner = runner_stage("FROM node:18\nRUN curl -o- -L https://yarnpkg.com/install.sh | bash\nWORKDIR /app\n"
                          "COPY . .\nRUN yarn install\nCMD [\"yarn\", \"start\"]\n")
    assert runner.startswith("FROM node:18-slim AS runner") and "yarnpkg" not in runner


def test_a_repository_setup_whose_packages_the_file_never_installs_is_kept() -> None:
    """The setup is configuration of its own (an apt source the program or its users read): the runtime drops a
    repository's setup only when the file installs its packages for the build alone."""
    run = f"curl -sL {NODESOURCE} -o nodesource_setup.sh && bash nodesource_setup.sh && rm nodesource_setup.sh"
    runner = runner_stage(f"FROM python:3.11\nRUN apt-get update && apt-get install -y curl\nRUN {run}\n{PY_TAIL}")
    assert f"RUN {run}\n" in runner, runner


def test_a_download_and_its_run_in_one_run_say_what_the_script_does_once() -> None:
    """4c4b7df3: `curl -sL URL -o nodesource_setup.sh && bash nodesource_setup.sh`, explained as '`curl` downloads the
    script from URL, which adds the NodeSource package repository; the runtime repeats it; the script from URL adds
    the NodeSource package repository; the runtime repeats it'."""
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n"
                      "RUN curl -sL https://deb.nodesource.com/setup_18.x -o nodesource_setup.sh "
                      "&& bash nodesource_setup.sh\nRUN apt-get install -y nodejs\nWORKDIR /app\nCOPY . .\n"
                      'RUN npm ci\nCMD ["node", "index.js"]\n')
    said = [c.message for c in result.changes if "repeats the RUN at line 3" in c.message]
    assert len(said) == 1 and said[0].count("adds the NodeSource package repository") == 1, said
    assert "saves the script from https://deb.nodesource.com/setup_18.x as /nodesource_setup.sh" in said[0], said
