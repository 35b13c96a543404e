"""An OpenJDK package the runtime installs on the slim image the tool chose (python:3.11 -> python:3.11-slim):
Debian's slim images leave out /usr/share/man, and the JRE's postinst registers its man page with
update-alternatives, which cannot make its link there (`error creating symbolic link
'/usr/share/man/man1/java.1.gz.dpkg-tmp'`), so the runtime's install failed where the original's worked (seen on a
real engine with python_moztelemetry's Dockerfile, openjdk-17-jre-headless on bookworm). The runtime now makes the
folder first; a runtime on the original's own image, or one that installs no Java, is unchanged."""

from __future__ import annotations

from conftest import runner_stage

FILE = """FROM {image}
RUN apt-get update && apt-get install -y libsnappy-dev {java}
RUN pip install python-snappy
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
"""


def test_a_jre_on_the_slim_runtime_gets_the_man_folder_first() -> None:
    runner = runner_stage(FILE.format(image="python:3.11", java="openjdk-17-jre-headless"))
    made = runner.index("RUN mkdir -p /usr/share/man/man1\n")
    assert made < runner.index("openjdk-17-jre-headless"), runner


def test_default_jdk_too() -> None:
    runner = runner_stage(FILE.format(image="python:3.11", java="default-jdk-headless"))
    assert "mkdir -p /usr/share/man/man1" in runner, runner


def test_no_java_no_folder() -> None:
    runner = runner_stage(FILE.format(image="python:3.11", java="curl"))
    assert "/usr/share/man" not in runner, runner


def test_a_runtime_on_the_original_slim_image_is_left_as_the_file_has_it() -> None:
    runner = runner_stage(FILE.format(image="python:3.11-slim", java="openjdk-17-jre-headless"))
    assert "/usr/share/man" not in runner, runner


def test_a_jre_named_on_a_line_of_its_own_gets_the_folder_too() -> None:
    """The install written a package a line (ruby:2.4's Rails file: `apt-get install -y build-essential \\` then
    `  openjdk-8-jre \\`): the package is on another line than `install`, which a line-by-line reading missed,
    and stretch-slim's openjdk-8-jre postinst failed (Debian bug 863199)."""
    runner = runner_stage("""FROM ruby:2.4
RUN apt-get update -qq && apt-get install -y build-essential \\
  libpq-dev \\
  openjdk-8-jre \\
  cron
WORKDIR /app
COPY Gemfile* ./
RUN bundle install
COPY . .
CMD ["rails", "server"]
""")
    assert "slim" in runner.splitlines()[0], runner
    made = runner.index("RUN mkdir -p /usr/share/man/man1\n")
    assert made < runner.index("openjdk-8-jre"), runner
