"""A file whose build steps only fetch (download, unpack, check out) and put files in place, and that installs
build-only packages none of those steps runs, installs them for run time, as a file with no build step does.

jessfraz/dockerfiles' unixbench installs gcc, make and musl-dev, unpacks byte-unixbench's sources and runs its ``Run``
script, which compiles the benchmark when the image starts: the runtime left the compilers out."""

from __future__ import annotations

from conftest import runner_stage, skip_reason

UNIXBENCH = """FROM alpine:latest
RUN apk add --no-cache bash coreutils gcc make musl-dev perl
ENV UNIXBENCH_VERSION v5.1.3
RUN set -x \\
	&& apk add --no-cache --virtual .build-deps ca-certificates curl \\
	&& mkdir -p /usr/src/unixbench \\
	&& curl -sSL "https://github.com/kdlucas/byte-unixbench/archive/${UNIXBENCH_VERSION}.tar.gz" \\
		| tar -xzC /usr/src/unixbench --strip-components 2 \\
	&& chmod +x /usr/src/unixbench/Run \\
	&& apk del .build-deps
WORKDIR /usr/src/unixbench
ENTRYPOINT [ "/usr/src/unixbench/Run" ]
"""


def test_compilers_no_step_runs_are_for_run_time() -> None:
    reason = skip_reason(UNIXBENCH)
    assert reason.startswith("nothing is compiled in the file: its build steps only fetch and put files in place "
                             "(`tar` unpacks an archive into /usr/src/unixbench), and none of them runs the compilers "
                             "and build tools the file installs (gcc, make): those are for run time")


def test_a_download_to_scratch_is_not_the_step_named() -> None:
    text = """FROM ubuntu:22.04
RUN apt-get update && apt-get install -y build-essential wget
RUN wget -O /tmp/tomcat.tgz https://example.org/tomcat.tgz && tar xzf /tmp/tomcat.tgz -C /opt && rm /tmp/tomcat.tgz
CMD ["/opt/apache-tomcat/bin/catalina.sh", "run"]
"""
    assert "(`tar` unpacks an archive into /opt), and none of them runs the compilers and build tools the file " \
           "installs (build-essential)" in skip_reason(text)


def test_a_build_that_compiles_still_leaves_the_compilers_in_the_builder() -> None:
    text = UNIXBENCH.replace("\t&& chmod +x", "\t&& make -C /usr/src/unixbench \\\n\t&& chmod +x")
    runner = runner_stage(text)
    assert "COPY --from=builder /usr/src/unixbench /usr/src/unixbench" in runner
    assert "gcc" not in runner and "musl-dev" not in runner


def test_the_fetch_tool_itself_is_run_by_the_build() -> None:
    # git is build-only on Alpine and `git clone` runs it: the runtime leaves it out as before
    text = """FROM alpine:3.18
RUN apk add --no-cache git python3
RUN git clone --depth 1 https://github.com/example/tool.git /opt/tool && rm -rf /opt/tool/.git
CMD ["python3", "/opt/tool/tool.py"]
"""
    assert runner_stage(text).startswith("FROM alpine:3.18 AS runner\nRUN apk add --no-cache python3\n")


def test_headers_alone_are_no_compiler() -> None:
    # libssl-dev without a compiler (ubuntu has none): nothing at run time builds with it, the runtime takes libssl
    text = """FROM ubuntu:22.04
RUN apt-get update && apt-get install -y libssl-dev wget
RUN wget -O /usr/local/bin/tool https://example.org/tool && chmod +x /usr/local/bin/tool
CMD ["tool"]
"""
    assert "libssl3" in runner_stage(text)
