"""An image that installs or configures Jupyter, whose command starts programs the tool cannot see (a process
manager's, a shell script's) or none (`cd ~`), is a notebook image: its users install packages and build at run
time, so it is left alone (dev 24fe9c5e: `pip3 install jupyter`, ENTRYPOINT /entrypoint.sh; 6c6ec0b1: the
notebook's config, supervisord; 3455217c: CMD ["cd", "~"]). A program the tool reads keeps the rewrite."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

FILE = """FROM python:3.11
RUN apt-get update && apt-get install -y build-essential
RUN {jupyter}
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
{command}
"""


@pytest.mark.parametrize("jupyter", ["pip3 install jupyter", "pip install --no-cache-dir jupyterlab numpy",
                                     "echo \"c.NotebookApp.token = ''\" >> ~/.jupyter/jupyter_notebook_config.py"])
@pytest.mark.parametrize(("command", "what"), [('ENTRYPOINT ["/entrypoint.sh"]', "a shell script"),
                                               ("CMD supervisord -c /etc/supervisor.conf", "a process manager"),
                                               ('CMD ["cd", "~"]', "a shell builtin")])
def test_a_notebook_image_is_left_alone(jupyter: str, command: str, what: str) -> None:
    reason = skip_reason(FILE.format(jupyter=jupyter, command=command))
    assert "the image sets up Jupyter (the RUN at line 3)" in reason and what in reason, reason


def test_a_program_the_tool_reads_keeps_the_rewrite() -> None:
    out = runner_stage(FILE.format(jupyter="pip3 install jupyter", command='CMD ["python", "app.py"]'))
    assert out.startswith("FROM python:3.11-slim AS runner"), out


@pytest.mark.parametrize("other", ["pip install notebook-utils", "pip install -r notebook/requirements.txt",
                                   "mkdir /notebooks"])
def test_other_words_are_no_jupyter(other: str) -> None:
    out = runner_stage(FILE.format(jupyter=other, command='ENTRYPOINT ["/entrypoint.sh"]'))
    assert out.startswith("FROM python:3.11-slim AS runner"), out


@pytest.mark.parametrize(("jupyter", "command"), [
    ("cd notebook && npm install && npm run build", 'ENTRYPOINT ["/entrypoint.sh"]'),  # a folder's name
    ("pip3 install jupyter", "CMD cd /app && python app.py"),  # a program runs after the cd
])
def test_no_notebook_image_where_jupyter_is_only_a_word_or_a_program_runs(jupyter: str, command: str) -> None:
    out = runner_stage(FILE.format(jupyter=jupyter, command=command))
    assert out.startswith("FROM python:3.11-slim AS runner"), out


def test_an_install_over_continued_lines_is_read() -> None:
    reason = skip_reason(FILE.format(jupyter="pip install --no-cache-dir \\\n    numpy \\\n    jupyter",
                                     command='ENTRYPOINT ["/entrypoint.sh"]'))
    assert "sets up Jupyter" in reason, reason
