"""An image whose command starts an IDE (PhpStorm, IntelliJ IDEA, Android Studio, Eclipse) is a development
environment, as one running code-server is: its users build their projects in it with the tools the file installs,
so the file is left alone (runtimes of such images left out the headers and compilers, for next to no gain)."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

FILE = """FROM ubuntu:22.04
RUN apt-get update && apt-get install -y build-essential libxext-dev libxtst-dev php-cli openjdk-17-jre wget
RUN mkdir /opt/ide && wget -O - https://example.org/ide.tar.gz | tar xzf - --strip-components=1 -C /opt/ide
RUN useradd -m developer
USER developer
{command}
"""


@pytest.mark.parametrize("command", ["CMD /opt/ide/bin/phpstorm.sh", 'CMD ["/opt/ide/bin/idea.sh"]',
                                     "CMD /opt/android-studio/bin/studio.sh", 'ENTRYPOINT ["eclipse"]'])
def test_an_ide_image_is_left_alone(command: str) -> None:
    assert "an IDE: a development environment image" in skip_reason(FILE.format(command=command))


def test_a_program_is_an_app() -> None:
    # (built with the build-essential it installs: a file that compiles nothing would install it for run time)
    text = FILE.format(command='RUN make -C /opt/ide\nCMD ["php", "/opt/ide/bin/app.php"]')
    assert "FROM ubuntu:22.04 AS runner" in runner_stage(text)


# RStudio (jessfraz/dockerfiles' rstudio: Desktop's .deb on debian:bullseye-slim, with r-base-dev and littler's
# install2.r for its users) and the IDE servers of the browser: a runtime without r-base-dev would leave the R
# packages its users install without the compiler they build with
R_FILE = """FROM debian:bullseye-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl libjpeg-dev r-base r-base-dev \\
	&& rm -rf /var/lib/apt/lists/*
RUN curl -sSL https://example.org/rstudio-server-amd64.tar.gz | tar -xz -C /usr/lib
RUN useradd --create-home user
USER user
{command}
"""


@pytest.mark.parametrize("command", ['ENTRYPOINT [ "rstudio" ]',
                                     'CMD ["/usr/lib/rstudio-server/bin/rserver", "--server-daemonize=0"]',
                                     "CMD rstudio-server start && sleep infinity"])
def test_rstudio_is_left_alone(command: str) -> None:
    assert "(RStudio" in skip_reason(R_FILE.format(command=command))
    assert "r-base-dev" in skip_reason(R_FILE.format(command=command))


@pytest.mark.parametrize("command", ['CMD ["code-server", "--bind-addr", "0.0.0.0:8080"]',
                                     'ENTRYPOINT ["/opt/openvscode-server/bin/openvscode-server", "--host", "0.0.0.0"]',
                                     'CMD ["theia", "start", "/workspace", "--hostname=0.0.0.0"]'])
def test_an_ide_server_is_left_alone(command: str) -> None:
    assert "an IDE server" in skip_reason(FILE.format(command=command))


def test_jupyterhub_is_a_notebook_server() -> None:
    assert "a notebook server (JupyterHub" in skip_reason(FILE.format(command='CMD ["jupyterhub", "--ip=0.0.0.0"]'))


def test_an_r_program_is_an_app() -> None:
    runner = runner_stage(R_FILE.format(command='CMD ["/usr/lib/rs/bin/report"]'))
    assert "FROM debian:bullseye-slim AS runner" in runner and "r-base-dev" not in runner
