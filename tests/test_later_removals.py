"""Packages a RUN installs and a later RUN removes (``apk add --virtual .build-deps`` ... ``RUN apk del
.build-deps``; ``apt-get install build-essential`` ... ``RUN apt-get purge -y build-essential``): the earlier
layer still holds them, so stages gain what they weigh. The runtime never installs them, does not repeat the
removal (it would fail on a virtual package it never had), and keeps the libraries the removal left behind.
A removal in the RUN that installs them leaves nothing to gain, and the reason says so.
"""

from __future__ import annotations

from conftest import runner_stage, skip_reason, stages

from transformer.claims import PackageOp
from transformer.packages import runtime_packages

ALPINE_LATER = """\
FROM python:3.12-alpine
RUN apk add --no-cache libpq
RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
RUN apk del .build-deps
COPY . .
USER nobody
EXPOSE 8000
CMD ["gunicorn", "app:app", "-b", "0.0.0.0:8000"]
"""

DEBIAN_LATER = """\
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev \\
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
RUN apt-get purge -y {flags}build-essential libpq-dev
COPY . .
ENV APP_MODE=production
CMD ["python", "app.py"]
"""


def test_a_virtual_package_deleted_in_a_later_run_is_left_in_the_builder() -> None:
    runtime = runner_stage(ALPINE_LATER)
    assert runtime.startswith("FROM python:3.12-alpine AS runner\n"), runtime
    assert "RUN apk add --no-cache libpq\n" in runtime
    for gone in (".build-deps", "gcc", "musl-dev", "postgresql-dev", "apk del"):
        assert gone not in runtime, runtime
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime
    assert runtime.endswith('USER nobody\nEXPOSE 8000\nCMD ["gunicorn", "app:app", "-b", "0.0.0.0:8000"]\n'), runtime


def test_the_builder_keeps_the_install_and_the_removal_as_written() -> None:
    builder, _ = stages(ALPINE_LATER)
    assert "RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev\n" in builder
    assert "RUN apk del .build-deps\n" in builder


def test_an_apt_purge_in_a_later_run_keeps_the_libraries_it_leaves_behind() -> None:
    # apt-get purge without --auto-remove leaves libpq5, which libpq-dev pulled in: the original has it
    runtime = runner_stage(DEBIAN_LATER.format(flags=""))
    assert "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\\n && rm -rf" in runtime, runtime
    for gone in ("build-essential", "libpq-dev", "purge"):
        assert gone not in runtime, runtime
    assert 'ENV APP_MODE=production\nCMD ["python", "app.py"]\n' in runtime


def test_an_apt_purge_with_auto_remove_takes_the_libraries_too() -> None:
    runtime = runner_stage(DEBIAN_LATER.format(flags="--auto-remove "))
    assert "apt-get" not in runtime and "libpq" not in runtime, runtime


def test_a_removal_in_the_installing_run_leaves_nothing_to_gain_and_says_so() -> None:
    same_run = ALPINE_LATER.replace(
        "RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev\n", "").replace(
        "RUN pip install --no-cache-dir -r requirements.txt\nRUN apk del .build-deps\n",
        "RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev \\\n"
        " && pip install --no-cache-dir -r requirements.txt && apk del .build-deps\n")
    reason = skip_reason(same_run)
    assert reason.startswith("nothing to gain"), reason
    assert "the build-only packages it installs (gcc, musl-dev, postgresql-dev) are removed by the RUN that " \
           "installs them" in reason, reason


def _op(action: str, *names: str, layer: int, virtual: str | None = None) -> PackageOp:
    return PackageOp("apk", action, names, virtual=virtual, layer=layer, autoremove=action == "remove")


def test_deleting_a_virtual_package_keeps_what_the_world_asked_for() -> None:
    # `apk add wget` then `apk add --virtual .fetch wget jq && ... && apk del .fetch`: apk keeps wget
    pkgs = runtime_packages([_op("install", "ca-certificates", "wget", layer=1),
                             _op("install", "wget", "jq", layer=3, virtual=".fetch"),
                             _op("remove", ".fetch", layer=3)], None, "alpine:3.18")
    assert pkgs.keep == ("ca-certificates", "wget"), pkgs
    assert pkgs.removed_later == () and pkgs.dropped == (), pkgs


def test_deleting_a_package_a_virtual_one_needs_keeps_it() -> None:
    pkgs = runtime_packages([_op("install", "git", "gcc", layer=1, virtual=".build"),
                             _op("remove", "git", layer=2)], None, "alpine:3.18")
    assert pkgs.dropped == ("git", "gcc") and pkgs.removed_later == (), pkgs


def test_a_variable_an_earlier_run_set_is_empty_in_a_later_one() -> None:
    # the purge at line 6 sees no $deps (the shell of line 2 ended): libpq-dev stays in the original, and
    # the runtime keeps the libpq5 it needs
    text = DEBIAN_LATER.format(flags="--auto-remove ").replace(
        "apt-get install -y --no-install-recommends build-essential libpq-dev",
        "deps='libpq-dev' && apt-get install -y --no-install-recommends build-essential $deps").replace(
        "purge -y --auto-remove build-essential libpq-dev", "purge -y --auto-remove build-essential $deps")
    runtime = runner_stage(text)
    assert "libpq5" in runtime, runtime


def test_a_command_s_own_assignments_are_its_environment() -> None:
    # `GOPATH=/data/go go install`: the binary is in /data/go/bin, which the RUN moves into /usr/local/bin
    text = ("FROM alpine:3.18\nRUN apk add --no-cache ca-certificates go git musl-dev\n"
            "COPY src /data/go/src/app\n"
            "RUN cd /data/go/src/app && GOPATH=/data/go go install . && mv /data/go/bin/app /usr/local/bin/app "
            "&& rm -r /data/go\n"
            "RUN apk del go git musl-dev\nCMD [\"app\"]\n")
    runtime = runner_stage(text)
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in runtime, runtime
    assert "mv " not in runtime and "/go/bin" not in runtime, runtime


def test_what_a_command_writes_into_a_copied_folder_before_the_copy_is_not_repeated() -> None:
    text = ("FROM debian:bookworm\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl jq "
            "&& rm -rf /var/lib/apt/lists/*\n"
            "ADD https://api.example.com/repos/app/commits/main /tmp/version.json\n"
            "RUN mkdir -p /opt/app && curl -fsSL https://example.com/app/main.tar.gz | tar zxf - -C /opt/app "
            "&& jq -r .sha /tmp/version.json > /opt/app/version\n"
            "CMD [\"/opt/app/run\"]\n")
    runtime = runner_stage(text)
    assert "COPY --from=builder /opt/app /opt/app" in runtime
    assert "jq -r" not in runtime, runtime


def test_setup_that_runs_a_tool_the_file_removes_is_left_alone() -> None:
    text = ("FROM alpine:3.18\n"
            "RUN apk add --no-cache --virtual .fetch curl \\\n"
            " && curl -fsSL https://example.com/repo.pub | tee /etc/apk/keys/repo.pub \\\n"
            " && apk del .fetch\n"
            "RUN apk add --no-cache --virtual .build-deps gcc musl-dev python3-dev py3-pip\n"
            "RUN pip install --break-system-packages flask\n"
            "RUN apk del .build-deps\n"
            "CMD [\"flask\", \"run\"]\n")
    reason = skip_reason(text)
    assert "runs `curl`, which the file installs as a package the runtime does not keep" in reason, reason


def test_apk_reads_an_abbreviated_long_option_as_getopt_does() -> None:
    """`apk add --virt .dep`: getopt_long takes an unambiguous prefix for the option, so `.dep` is the virtual
    package's name, not a package; `--ver` (verbose or version) stays as written."""
    from transformer.passes.system import packages_of
    from transformer.shell import parse_shell

    op = packages_of(parse_shell("apk add --virt .dep --no-cache make g++").commands[0])
    assert op is not None and op.virtual == ".dep" and op.packages == ("make", "g++")
    op = packages_of(parse_shell("apk add --ver curl").commands[0])
    assert op is not None and op.virtual is None and op.packages == ("curl",)


def test_an_image_the_tool_does_not_know_is_not_called_slim() -> None:
    """A Go build on someone's golang image: the tool knows no smaller runtime for it, and says that rather than
    calling an image whose content it does not know "already slim"."""
    reason = skip_reason("FROM crosbymichael/golang\nCOPY . /go/src/app\nRUN cd /go/src/app && go install .\n"
                         "ENTRYPOINT [\"/go/bin/app\"]\n")
    assert reason.startswith("nothing to gain: the tool knows no smaller runtime for crosbymichael/golang, an image "
                             "it does not know"), reason
    assert "already slim" not in reason
    assert "already slim" in skip_reason(ALPINE_LATER.replace("RUN apk add --no-cache --virtual .build-deps gcc "
                                                              "musl-dev postgresql-dev\n", "")
                                         .replace("RUN apk del .build-deps\n", ""))


def test_an_image_known_only_by_its_base_says_so() -> None:
    """tiangolo's uwsgi-nginx-flask is known from its own Dockerfiles (the data of third-party images) as built on
    tiangolo/uwsgi-nginx: the reason names that base rather than calling the image unknown."""
    reason = skip_reason("FROM tiangolo/uwsgi-nginx-flask:python3.6\nCOPY ./app /app\n"
                         "RUN pip install --no-cache-dir -r /app/requirements.txt\nCMD [\"/start.sh\"]\n")
    assert reason.startswith("nothing to gain: the tool knows no smaller runtime for tiangolo/uwsgi-nginx-flask:"
                             "python3.6, an image it knows from its own Dockerfiles only as built on "
                             "tiangolo/uwsgi-nginx ("), reason
    assert "does not know" not in reason
