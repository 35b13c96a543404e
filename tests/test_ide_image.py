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
    assert "FROM ubuntu:22.04 AS runner" in runner_stage(FILE.format(command='CMD ["php", "/opt/ide/bin/app.php"]'))
