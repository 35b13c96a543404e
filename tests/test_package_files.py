"""Package files the build installs (``dpkg -i x.deb``, ``apt-get install ./x.deb``, ``gdebi``, ``rpm -i``).

The runtime installs them too, with the same command: the builder keeps a copy of each file in
/opt/package-files right before its install, and the runtime reads it there. With BuildKit the runtime's RUN
binds that folder from the builder (no layer holds the file); with the classic builder it is copied right
before the RUN, which removes it after (the COPY's layer still holds it). A fix-up after a ``dpkg -i``
(``apt-get -f install``) is kept with it: it installs the dependencies the runtime lacks.
"""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason, stages

from transformer import refactor
from transformer.cachemount import Mode
from transformer.refactor import Options

BIND = "--mount=type=bind,from=builder,source=/opt/package-files,target=/opt/package-files"


def _app(run: str, base: str = "python:3.11", user: str = "") -> str:
    return (f"FROM {base}\nRUN apt-get update && apt-get install -y gcc libpq-dev\n{user}RUN {run}\n"
            "COPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"python\", \"/app/app.py\"]\n")


def test_a_downloaded_deb_is_installed_in_the_runtime_from_the_builders_copy() -> None:
    before = _app("curl -fsSL -o /tmp/tini.deb https://example.com/tini_0.19.0_amd64.deb \\\n"
                  "    && dpkg -i /tmp/tini.deb \\\n    && rm /tmp/tini.deb")
    result = refactor(before)
    assert result.changed, result.skipped
    assert result.text == (
        "FROM python:3.11 AS builder\n"
        "RUN apt-get update && apt-get install -y gcc libpq-dev\n"
        "RUN curl -fsSL -o /tmp/tini.deb https://example.com/tini_0.19.0_amd64.deb \\\n"
        "    && mkdir -p /opt/package-files && cp /tmp/tini.deb /opt/package-files/ && dpkg -i /tmp/tini.deb \\\n"
        "    && rm /tmp/tini.deb\n"
        "COPY . /app\n"
        "RUN python -m venv /opt/venv\n"
        "ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\n"
        "RUN pip install -r /app/requirements.txt\n"
        "\n"
        "FROM python:3.11-slim AS runner\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n"
        "COPY --from=builder /opt/package-files/tini.deb /opt/package-files/\n"
        "RUN dpkg -i /opt/package-files/tini.deb \\\n"
        "    && rm -rf /opt/package-files\n"
        "COPY . /app\n"
        "ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\n"
        "COPY --from=builder /opt/venv /opt/venv\n"
        "CMD [\"python\", \"/app/app.py\"]\n")
    changes = "\n".join(str(c) for c in result.changes)
    assert "the layer of the COPY still holds the file (with --buildkit" in changes
    assert "`dpkg` installs a package from a file (/tmp/tini.deb); the builder keeps a copy" in changes


def test_with_buildkit_the_runtime_binds_the_files_from_the_builder() -> None:
    before = _app("curl -fsSL -o /tmp/tini.deb https://e.com/tini.deb && dpkg -i /tmp/tini.deb && rm /tmp/tini.deb")
    result = refactor(before, options=Options(buildkit=Mode.ON))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert f"RUN {BIND} \\\n    dpkg -i /opt/package-files/tini.deb\n" in runtime
    assert "COPY --from=builder /opt/package-files" not in runtime and "rm -rf /opt/package-files" not in runtime
    assert "no layer holds the file" in "\n".join(str(c) for c in result.changes)


def test_a_fix_up_after_dpkg_is_kept_and_reads_the_package_lists() -> None:
    runtime = runner_stage(_app("wget -O /tmp/x.deb https://example.com/x.deb && (dpkg -i /tmp/x.deb || "
                                "apt-get install -f -y) && rm /tmp/x.deb"))
    assert ("RUN apt-get update && (dpkg -i /opt/package-files/x.deb || apt-get install -f -y "
            "--no-install-recommends) && rm -rf /var/lib/apt/lists/* && rm -rf /opt/package-files\n") in runtime
    # a fix-up in a RUN of its own, after the RUN that installs the file
    runtime = runner_stage(_app("wget -O /tmp/x.deb https://example.com/x.deb && dpkg -i /tmp/x.deb; "
                                "apt-get -yf install").replace("RUN wget", "RUN wget", 1))
    assert "dpkg -i /opt/package-files/x.deb; apt-get -yf install --no-install-recommends" in runtime


def test_dpkg_alone_does_not_fetch_the_package_lists() -> None:
    runtime = runner_stage(_app("wget -O /tmp/x.deb https://example.com/x.deb && dpkg -i /tmp/x.deb"))
    assert "RUN dpkg -i /opt/package-files/x.deb && rm -rf /opt/package-files\n" in runtime
    assert runtime.count("apt-get update") == 1  # the libpq5 install's


def test_apt_get_install_of_a_file_keeps_the_file_and_drops_the_build_only_packages() -> None:
    builder, runtime = stages(_app("apt-get update && apt-get download hello && apt-get install -y ./hello_*.deb "
                                   "libssl-dev && rm -f hello_*.deb && rm -rf /var/lib/apt/lists/*"))
    assert ("&& mkdir -p /opt/package-files && cp ./hello_*.deb /opt/package-files/ && apt-get install -y "
            "./hello_*.deb libssl-dev") in builder
    # libssl3, or libssl3t64 on trixie
    assert "RUN apt-get update && apt-get install -y --no-install-recommends /opt/package-files/hello_*.deb libssl3" \
        in runtime
    assert " && rm -rf /var/lib/apt/lists/* && rm -rf /opt/package-files\n" in runtime
    assert "apt-get download" not in runtime  # a fetch for the build: the builder's copy serves the runtime


def test_gdebi_gets_the_package_lists_and_the_runtime_has_gdebi() -> None:
    before = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc gdebi-core wget\n"
              "RUN wget https://example.com/souffle.deb -O /tmp/souffle.deb && gdebi --n /tmp/souffle.deb\n"
              "COPY hello.c /src/hello.c\nRUN gcc -o /usr/local/bin/hello /src/hello.c\nCMD [\"hello\"]\n")
    runtime = runner_stage(before)
    assert "install -y --no-install-recommends ca-certificates gdebi-core wget" in runtime
    assert ("COPY --from=builder /opt/package-files/souffle.deb /opt/package-files/\n"
            "RUN apt-get update && gdebi --n /opt/package-files/souffle.deb && rm -rf /var/lib/apt/lists/* "
            "&& rm -rf /opt/package-files\n") in runtime


def test_a_go_program_beside_a_deb_gets_a_runtime_with_dpkg() -> None:
    before = ("FROM golang:1.19\nWORKDIR /src\nRUN curl -fsSLo /tmp/tini.deb https://example.com/tini.deb "
              "&& dpkg -i /tmp/tini.deb && rm /tmp/tini.deb\nCOPY . .\nRUN go build -o /usr/local/bin/app .\n"
              "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"app\"]\n")
    runtime = runner_stage(before)
    assert runtime.startswith("FROM debian:bookworm-slim AS runner\n")  # not distroless: dpkg must run there
    assert "RUN dpkg -i /opt/package-files/tini.deb && rm -rf /opt/package-files\n" in runtime


def test_rpm_and_yum_install_files_of_the_context() -> None:
    before = ("FROM centos:7\nRUN yum install -y gcc make && yum clean all\nCOPY tool.rpm /tmp/tool.rpm\n"
              "RUN rpm -ivh /tmp/tool.rpm && rm /tmp/tool.rpm\nRUN yum localinstall -y /tmp/other.rpm\n"
              "COPY . /src\nRUN make -C /src && cp /src/app /usr/local/bin/app\nCMD [\"app\"]\n")
    runtime = runner_stage(before)
    assert "RUN rpm -ivh /opt/package-files/tool.rpm && rm -rf /opt/package-files\n" in runtime  # no yum clean
    assert "RUN yum localinstall -y /opt/package-files/other.rpm && yum clean all && rm -rf /opt/package-files\n" \
        in runtime


def test_the_downloaded_file_in_the_working_folder_is_not_copied_as_an_output() -> None:
    before = ("FROM node:18\nWORKDIR /srv\nRUN wget https://example.com/dumb-init_1.2.2_amd64.deb\n"
              "RUN dpkg -i dumb-init_*.deb\nCOPY package.json .\nRUN npm install --omit=dev\nCOPY . .\n"
              "ENTRYPOINT [\"dumb-init\", \"--\"]\nCMD [\"node\", \"index.js\"]\n")
    runtime = runner_stage(before)
    assert "dumb-init_1.2.2_amd64.deb" not in runtime
    assert ("COPY --from=builder /opt/package-files/dumb-init_*.deb /opt/package-files/\n"
            "RUN dpkg -i /opt/package-files/dumb-init_*.deb && rm -rf /opt/package-files\n") in runtime


def test_rpm_verify_and_erase_are_read() -> None:
    from transformer.analysis import RunContext
    from transformer.images import ImageRef
    from transformer.passes import system
    from transformer.shell import parse_shell

    ctx = RunContext(ImageRef.parse("centos:7"), "", "/", (), None)
    verify = system.claim(parse_shell("rpm -V tar unzip").commands[0], ctx)
    erase = system.claim(parse_shell("rpm -e --nodeps git perl-Git").commands[0], ctx)
    assert verify is not None and verify.role.value == "neutral"
    assert erase is not None and erase.packages is not None
    assert (erase.packages.action, erase.packages.packages) == ("remove", ("git", "perl-Git"))


@pytest.mark.parametrize(("run", "reason"), [
    ("wget -O /tmp/x.deb $URL && dpkg -i /tmp/$(ls /tmp | head -1)",
     "named by a variable whose value the file does not show"),
    ("wget -O /tmp/x.deb https://e.com/x.deb && (true || dpkg -i /tmp/x.deb)", "in a pipe or after `||`"),
    ("wget -O /tmp/x.deb https://e.com/x.deb && yes | gdebi /tmp/x.deb", "in a pipe or after `||`"),
    ("wget -O /tmp/debs.tgz https://e.com/d.tgz && tar -xzf /tmp/debs.tgz -C /tmp && dpkg -R -i /tmp/debs",
     "`dpkg -R` installs the package files of a folder"),
    ("wget -O x.rpm https://e.com/x.rpm && alien --scripts -i x.rpm", "`alien` converts a package file"),
    ("wget -O /tmp/a/x.deb https://e.com/1.deb && dpkg -i /tmp/a/x.deb && wget -O /tmp/b/x.deb https://e.com/2.deb "
     "&& dpkg -i /tmp/b/x.deb", "installs a package file named x.deb, as the RUN at line 3 does one of that name"),
])
def test_an_install_of_a_file_the_tool_cannot_give_the_runtime_is_left_alone(run: str, reason: str) -> None:
    assert reason in skip_reason(_app(run))


def test_a_later_removal_of_the_builders_copy_is_left_alone() -> None:
    reason = skip_reason(_app("wget -O /tmp/x.deb https://e.com/x.deb && dpkg -i /tmp/x.deb").replace(
        "COPY . /app\n", "COPY . /app\nRUN rm -rf /opt/*\n"))
    assert "`rm` removes /opt, where the builder keeps the package files the stage installs" in reason


def test_an_install_as_another_user_is_left_alone() -> None:
    reason = skip_reason(_app("sudo dpkg -i /tmp/x.deb", user="USER app\n"))
    assert "as USER app: the builder, which keeps a copy of it for the runtime in /opt/package-files" in reason
