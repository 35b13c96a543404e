"""``ipython notebook`` is the notebook server as Jupyter's was called before 4.0: an image whose command runs it is
a notebook image, whose users install packages and build at run time, and is left alone as one running
``jupyter notebook`` is (a runtime on python:X-slim dropped the compilers the notebooks' users build with)."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

FILE = """FROM python:3.11
RUN apt-get update && apt-get install -y gcc libpq-dev
RUN pip install jupyter psycopg2
COPY examples /examples
WORKDIR /examples
{command}
"""


@pytest.mark.parametrize("command", ["CMD ipython notebook --ip=0.0.0.0", 'CMD ["ipython3", "notebook"]',
                                     'CMD ["jupyter", "notebook"]'])
def test_a_notebook_server_is_left_alone(command: str) -> None:
    assert "a notebook server" in skip_reason(FILE.format(command=command))


def test_ipython_running_a_script_is_an_app() -> None:
    assert "FROM python:3.11-slim" in runner_stage(FILE.format(command='CMD ["ipython", "report.py"]'))


@pytest.mark.parametrize("command", ['CMD ["/run_jupyter.sh", "--allow-root"]', "CMD /run_jupyter.sh",
                                     'CMD ["start-notebook.sh"]'])
def test_the_scripts_that_start_jupyter_are_notebook_servers_too(command: str) -> None:
    # TensorFlow's images ship /run_jupyter.sh (5e795c04, 775d74d6) and projects copy their own (6a8005c3);
    # Jupyter Docker Stacks' images start-notebook.sh
    assert "a notebook server" in skip_reason(FILE.format(command=command))
