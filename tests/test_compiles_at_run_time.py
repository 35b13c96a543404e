"""A file that installs a compiler none of its steps runs has it for run time: a program compiles code when the
image runs, as an online judge does, and may run the compilers the build runs too (read32 5cd99c5a,
ultmaster/ejudge: gcc, g++, Free Pascal and a JDK for contestants' programs; the rewrite's runtime kept only a JRE
and no compiler). Such a file is left alone, the compilers named."""

from __future__ import annotations

from conftest import runner_stage, skip_reason

JUDGE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y gcc g++ {compilers} python3 \\
    && rm -rf /var/lib/apt/lists/*
COPY . /judge
WORKDIR /judge
RUN {build}
CMD ["python3", "server.py"]
"""


def test_a_pascal_compiler_no_step_runs_leaves_the_file_alone() -> None:
    reason = skip_reason(JUDGE.format(compilers="fp-compiler", build="g++ -O2 -o checker checker.cpp"))
    assert "installs fp-compiler, a compiler none of its steps runs" in reason, reason
    assert "g++" in reason


def test_a_jdk_no_java_build_runs_still_becomes_a_jre() -> None:
    # files install a JDK to run a jar as often as to compile: only the compilers of other languages tell
    assert "openjdk-17-jre" in runner_stage(JUDGE.format(compilers="openjdk-17-jdk",
                                                         build="g++ -O2 -o checker checker.cpp"))
    reason = skip_reason(JUDGE.format(compilers="openjdk-17-jdk fp-compiler", build="g++ -O2 -o checker checker.cpp"))
    assert "installs fp-compiler, a compiler none of its steps runs" in reason, reason


def test_a_jdk_maven_runs_still_becomes_a_jre() -> None:
    runner = runner_stage(JUDGE.format(compilers="default-jdk maven", build="mvn package"))
    assert "default-jre" in runner and "default-jdk" not in runner


def test_a_jdk_a_makefile_may_use_still_becomes_a_jre() -> None:
    # a Makefile may run Maven (ViDA-NYU/domain_discovery_tool's `make downloader_app`)
    assert "default-jre" in runner_stage(JUDGE.format(compilers="default-jdk", build="make downloader_app"))
