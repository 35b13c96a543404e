"""pip's editable VCS requirements (``-e git+URL#egg=NAME``): pip checks each one out into its src folder
(``--src DIR``; else src/ of the virtual environment, or of the folder it runs in) and installs a link to that
checkout, so the runtime needs the folder as well as the packages. Seen on the dev set's botbot-web file
(ubuntu:14.04, ``pip install -r requirements.txt -e . --src /srv/python-src/``)."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor


def _runner(text: str, files: dict[str, str] | None = None) -> tuple[str, str]:
    result = refactor(text, read_context=context_of(files)) if files is not None else refactor(text)
    assert result.changed, result.skipped
    builder, _, runner = result.text.partition(" AS runner\n")
    return builder, runner


_UBUNTU = "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3-pip git\nWORKDIR /app\n"


def test_the_src_folder_the_command_names_comes_along() -> None:
    """``--src DIR`` says where the checkouts go; the requirements, which the tool cannot read here, may have
    none: the builder makes the folder (empty) so that the runtime's copy of it never fails."""
    text = (_UBUNTU + "COPY requirements.txt .\nRUN pip3 install -r requirements.txt --src /srv/python-src/\n"
            "COPY . .\nCMD [\"python3\", \"app.py\"]\n")
    builder, runner = _runner(text)
    assert "COPY --from=builder /srv/python-src /srv/python-src\n" in runner, runner
    assert "mkdir -p /srv/python-src" in builder, builder


def test_a_src_folder_the_requirements_fill_is_not_made_empty() -> None:
    text = (_UBUNTU + "COPY requirements.txt .\nRUN pip3 install -r requirements.txt --src /srv/src\n"
            "COPY . .\nCMD [\"python3\", \"app.py\"]\n")
    builder, runner = _runner(text, {"requirements.txt": "flask\n-e git+https://example.com/x.git#egg=x\n"})
    assert "COPY --from=builder /srv/src /srv/src\n" in runner, runner
    assert "mkdir -p /srv/src" not in builder, builder


@pytest.mark.parametrize("url", ["git+https://example.com/x.git#egg=x", "git://example.com/x.git#egg=x",
                                 "hg+https://example.com/x#egg=x"])
def test_a_vcs_checkout_without_src_lands_in_the_folder_pip_runs_in(url: str) -> None:
    """Without a virtual environment pip checks out into src/ of the folder it runs in; in one, into the
    environment's own src/, which comes along with it. pip reads ``git://`` as ``git+git://``."""
    text = _UBUNTU + f"RUN pip3 install -e {url}\nCMD [\"python3\", \"-m\", \"x\"]\n"
    _, runner = _runner(text)
    assert "COPY --from=builder /app/src /app/src\n" in runner, runner
    venv = ("FROM python:3.11\nWORKDIR /app\nRUN pip install -e git+https://example.com/x.git#egg=x\n"
            "COPY . .\nCMD [\"python\", \"app.py\"]\n")
    _, runner = _runner(venv)
    assert "COPY --from=builder /opt/venv /opt/venv\n" in runner and "/app/src" not in runner, runner


def test_a_vcs_checkout_a_requirements_file_names_lands_where_pip_runs() -> None:
    text = (_UBUNTU + "COPY requirements.txt .\nRUN cd /srv && pip3 install -r /app/requirements.txt\n"
            "CMD [\"python3\", \"-m\", \"x\"]\n")
    _, runner = _runner(text, {"requirements.txt": "-e git+https://example.com/x.git#egg=x\n"})
    assert "COPY --from=builder /srv/src /srv/src\n" in runner, runner
    _, plain = _runner(text, {"requirements.txt": "requests\n"})
    assert "/src /" not in plain, plain


@pytest.mark.parametrize("option", ['--install-option="--prefix=/var/lib/graphite"',
                                    '--install-option "--install-lib=/var/lib/graphite/lib"',
                                    "--global-option=--home=/opt/x"])
def test_pip_telling_setup_py_to_install_elsewhere_is_left_alone(option: str) -> None:
    """``--install-option``/``--global-option`` hand setup.py options of its own: a folder of its choosing
    (--prefix, --install-lib...) that the runtime would not copy. Seen on the dev set's graphite file
    (ubuntu:14.04, ``pip install --install-option="--prefix=/var/lib/graphite" ... carbon``), whose rewrite
    lacked /var/lib/graphite."""
    text = (_UBUNTU + f"RUN pip3 install {option} carbon\nCMD [\"python3\", \"-m\", \"carbon\"]\n")
    result = refactor(text)
    assert not result.changed and "folders of its own choosing" in (result.reason or ""), result.text
    plain = refactor(_UBUNTU + "RUN pip3 install --install-option=--optimize=1 carbon\nCMD [\"python3\", \"x\"]\n")
    assert plain.changed, plain.reason


def test_a_project_installed_in_editable_mode_from_tmp_comes_along() -> None:
    """dev 54fd4f53 (dexy): `WORKDIR /tmp`, `git clone ... && cd dexy && pip install -e .`: the install is a link
    into /tmp/dexy, which the runtime needs although /tmp is otherwise left behind (on the engine: the rewrite's
    command failed with `No package metadata was found`)."""
    text = (_UBUNTU + "WORKDIR /tmp\nRUN git clone https://github.com/dexy/dexy && cd dexy && pip3 install -e .\n"
            "WORKDIR /home/repro\nCMD [\"dexy\"]\n")
    _, runner = _runner(text)
    assert "COPY --from=builder /tmp/dexy /tmp/dexy\n" in runner, runner
