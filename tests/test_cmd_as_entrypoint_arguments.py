"""The CMD is the arguments of an ENTRYPOINT that runs an interpreter on its program (`python3 main.py`), and no
command at all under a shell-form ENTRYPOINT: `CMD ["bash"]` there is no interactive shell (rp22pydist
yevzman/telegram_bot: skipped as "an interactive shell"; the hand-written split was 72 % smaller and ran alike).
A shell script or a wrapper as the ENTRYPOINT may run the CMD (`exec "$@"`), which stays a command."""

from __future__ import annotations

import pytest
from conftest import skip_reason

from transformer import refactor

FILE = """FROM python:3.11
WORKDIR /app
RUN apt-get update && apt-get install -y gcc libpq-dev
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
{entrypoint}
CMD ["bash"]
"""
FILES = {"requirements.txt": "psycopg2==2.9.9\n", "main.py": "print('bot')\n"}


@pytest.mark.parametrize("entrypoint", [
    'ENTRYPOINT ["python3", "main.py"]',
    'ENTRYPOINT ["python", "-m", "bot"]',
    "ENTRYPOINT python3 main.py",
])
def test_bash_as_the_program_s_argument_is_no_shell(entrypoint: str) -> None:
    result = refactor(FILE.format(entrypoint=entrypoint), read_context=FILES.get)
    assert result.changed, result.skipped
    assert result.text.endswith(f'{entrypoint}\nCMD ["bash"]\n')


@pytest.mark.parametrize("entrypoint", [
    'ENTRYPOINT ["/docker-entrypoint.sh"]',
    'ENTRYPOINT ["tini", "--"]',
    'ENTRYPOINT ["sh", "-c"]',
])
def test_an_entrypoint_that_runs_the_cmd_keeps_it_a_command(entrypoint: str) -> None:
    reason = skip_reason(FILE.format(entrypoint=entrypoint))
    assert "CMD at line 8: an interactive shell" in reason, reason
