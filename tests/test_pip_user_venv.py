"""A stage that installs into the user site (``pip install --user``, ``setup.py install --user``) gets no
virtual environment for its other installs: the environment's Python does not see the user site (the app
would miss the packages installed with --user), and pip in it refuses --user (the build would fail). The
installs stay in the image's Python, as in the input, and the runtime copies its site-packages and ~/.local.
Found on sonnhfit/SonAgent: `pip install --user -r requirements.txt`, then `python setup.py install`."""

from __future__ import annotations

from conftest import stages

from transformer import refactor

SITE = "COPY --from=builder /usr/local/lib/python3.11/site-packages /usr/local/lib/python3.11/site-packages"


def test_an_install_after_a_user_install_stays_in_the_image_python() -> None:
    builder, runtime = stages("FROM python:3.11\nWORKDIR /app\nCOPY . .\n"
                              "RUN pip install --user -r requirements.txt\nRUN python setup.py install\n"
                              'CMD ["myapp"]\n')
    assert "venv" not in builder + runtime
    assert "COPY --from=builder /root/.local /root/.local" in runtime and SITE in runtime


def test_an_install_before_a_user_install_stays_in_the_image_python() -> None:
    # in a virtual environment, `pip install --user gunicorn` fails: "User site-packages are not visible"
    builder, runtime = stages("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                              'RUN pip3 install --no-cache-dir --user gunicorn\nCMD ["gunicorn", "app:app"]\n')
    assert "venv" not in builder + runtime
    assert "COPY --from=builder /root/.local /root/.local" in runtime and SITE in runtime


def test_a_user_install_in_exec_form_counts_too() -> None:
    builder, runtime = stages("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                              'RUN ["pip", "install", "--user", "gunicorn"]\nCMD ["gunicorn", "app:app"]\n')
    assert "venv" not in builder + runtime
    assert "COPY --from=builder /root/.local /root/.local" in runtime and SITE in runtime


def test_setup_py_install_user_counts_too() -> None:
    builder, _ = stages("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                        'RUN python setup.py install --user\nCMD ["myapp"]\n')
    assert "venv" not in builder


def test_without_a_user_install_the_venv_stays() -> None:
    # an option that only starts like --user, the word after a `#`, or the words of a string echo prints are no user
    # install
    builder, _ = stages("FROM python:3.11\nWORKDIR /app\nCOPY . .\n"
                        "RUN pip install -r requirements.txt  # not --user\n"
                        "RUN useradd --user-group app && pip install gunicorn\n"
                        'RUN echo "run pip install --user gunicorn to try it" > /app/README\n'
                        'CMD ["gunicorn", "app:app"]\n')
    assert "RUN python -m venv /opt/venv" in builder


def test_the_rewrite_before_the_fix_hid_the_user_site() -> None:
    # the shape of the bug: the virtual environment came in after the --user install, before setup.py's
    result = refactor("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install --user -r requirements.txt\n"
                      'RUN python setup.py install\nCMD ["myapp"]\n')
    assert "--user -r requirements.txt\nRUN python -m venv" not in result.text
