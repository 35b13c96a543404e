"""supervisord starts the programs its configuration names, often by their path (`command=/usr/local/bin/gunicorn`),
from a file of the build context the tool does not read: a virtual environment would put gunicorn in /opt/venv/bin,
and the program would not start (read27 37da8187, 0xbug/Hawkeye: its API and task worker). So pip takes the --prefix
layout, copied to /usr/local of the same Python, where every path stays as the original has it."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = """\
FROM python:3.7-stretch
RUN apt-get update && apt-get install -y --no-install-recommends gcc {apt}
COPY ./deploy /app/deploy
RUN pip install -r /app/deploy/requirements.txt
RUN cp /app/deploy/supervisor/*.conf /etc/supervisor/conf.d/
COPY . /app
CMD ["{cmd}"]
"""


@pytest.mark.parametrize(("apt", "cmd"), [("supervisor", "./docker-entrypoint.sh"),
                                          ("", "/usr/bin/supervisord")])
def test_supervisor_keeps_the_commands_in_usr_local(apt: str, cmd: str) -> None:
    result = refactor(FILE.format(apt=apt, cmd=cmd))
    assert result.changed, result.skipped
    assert "COPY --from=builder /install /usr/local" in result.text and "/opt/venv" not in result.text


def test_without_it_the_environment_stays() -> None:
    text = FILE.format(apt="", cmd="./docker-entrypoint.sh").replace(
        "RUN cp /app/deploy/supervisor/*.conf /etc/supervisor/conf.d/\n", "")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "/opt/venv" in result.text
