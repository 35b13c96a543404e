"""A conda the file installs itself (``Miniconda3-latest-Linux-x86_64.sh -b -p PREFIX``): the prefix is one build
output; the conda steps and the prefix's pip install into it; the builder cleans conda's package cache (PREFIX/pkgs)
when the file does not, and the runtime, on the same image, copies the prefix whole. The image's own conda
(continuumio/miniconda3) stays a named skip.

No end-to-end build here: conda's repository and the Miniconda installer are not reachable from the project's
machines, so these tests compare texts only (the real files they were drawn from were read by hand)."""

from __future__ import annotations

import pytest

from transformer import refactor

ENV_PIP = """\
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y wget bzip2 && rm -rf /var/lib/apt/lists/*
RUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh -O Miniconda.sh \\
    && bash Miniconda.sh -b -p /opt/conda && rm Miniconda.sh
ENV PATH /opt/conda/bin:$PATH
RUN conda create -y -n app python=3.10
RUN /opt/conda/envs/app/bin/pip install flask
COPY . /app
CMD ["/opt/conda/envs/app/bin/python", "/app/app.py"]
"""


def test_an_environment_and_its_pip_are_copied_with_the_prefix() -> None:
    result = refactor(ENV_PIP)
    assert result.text == """\
FROM ubuntu:22.04 AS builder
RUN apt-get update && apt-get install -y wget bzip2 && rm -rf /var/lib/apt/lists/*
RUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh -O Miniconda.sh \\
    && bash Miniconda.sh -b -p /opt/conda && rm Miniconda.sh
ENV PATH /opt/conda/bin:$PATH
RUN conda create -y -n app python=3.10
RUN /opt/conda/envs/app/bin/pip install flask \\
    && /opt/conda/bin/conda clean -afy
COPY . /app

FROM ubuntu:22.04 AS runner
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates wget bzip2 && rm -rf \
/var/lib/apt/lists/*
ENV PATH /opt/conda/bin:$PATH
COPY --from=builder /opt/conda /opt/conda
COPY . /app
CMD ["/opt/conda/envs/app/bin/python", "/app/app.py"]
"""
    assert "conda's package cache /opt/conda/pkgs" in " ".join(c.message for c in result.changes)


NUMPY = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN curl -sSLo /tmp/miniconda.sh https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh \\
 && bash /tmp/miniconda.sh -bfp /opt/conda && rm /tmp/miniconda.sh
ENV PATH=/opt/conda/bin:$PATH
RUN conda install -y numpy
CMD ["python", "-c", "import numpy"]
"""


def test_conda_install_into_the_prefix_the_file_installed() -> None:
    result = refactor(NUMPY)
    builder, _, runtime = result.text.partition("FROM debian:bookworm-slim AS runner\n")
    assert builder.endswith("RUN conda install -y numpy \\\n && /opt/conda/bin/conda clean -afy\n\n")
    assert runtime == """\
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/conda/bin:$PATH
COPY --from=builder /opt/conda /opt/conda
CMD ["python", "-c", "import numpy"]
"""


def test_a_file_that_cleans_conda_itself_gets_no_second_clean() -> None:
    text = NUMPY.replace("RUN conda install -y numpy", "RUN conda install -y numpy && conda clean -ya")
    assert "conda clean -afy" not in refactor(text).text


def test_the_env_pip_on_path_installs_into_the_environment_not_the_user_site() -> None:
    text = ("FROM ubuntu:22.04\nRUN useradd -m user\nUSER user\nENV HOME=/home/user\n"
            "RUN curl -so ~/miniconda.sh https://x/Miniconda3-4.5.12-Linux-x86_64.sh && chmod +x ~/miniconda.sh \\\n"
            " && ~/miniconda.sh -b -p ~/miniconda && rm ~/miniconda.sh\n"
            "ENV PATH=/home/user/miniconda/bin:$PATH\nRUN conda create -y -n py36 python=3.6 && conda clean -ya\n"
            "ENV PATH=/home/user/miniconda/envs/py36/bin:$PATH\nRUN pip install requests\n"
            "CMD [\"python\", \"-m\", \"app\"]\n")
    runtime = refactor(text).text.partition(" AS runner")[2]
    assert "COPY --from=builder --chown=user /home/user/miniconda /home/user/miniconda" in runtime
    assert ".local" not in runtime and "chmod" not in runtime  # the installer's chmod went with the installer


@pytest.mark.parametrize(("image", "run"), [
    ("continuumio/miniconda3", "conda install -y numpy"),
    ("continuumio/anaconda3:2023.03", "conda create -y -n app python=3.10"),
    ("jupyter/scipy-notebook", "conda install -y numpy"),
])
def test_the_conda_of_the_base_image_is_left_alone(image: str, run: str) -> None:
    result = refactor(f"FROM {image}\nRUN apt-get update && apt-get install -y gcc\nRUN {run}\n"
                      "COPY . /app\nCMD [\"python\", \"/app/app.py\"]\n")
    assert not result.changed
    assert "changes the image's conda installation" in (result.skipped or "")


@pytest.mark.parametrize(("run", "words"), [
    ("bash miniconda.sh -b", "installs into its default folder"),
    ("bash Miniconda3-latest-Linux-x86_64.sh -b -p $CONDA_DIR", "a folder named by a variable with no visible"),
    ("bash Miniconda3-latest-Linux-x86_64.sh -p /opt/conda", "runs without -b"),
])
def test_an_installer_whose_prefix_is_not_known_is_named(run: str, words: str) -> None:
    result = refactor(f"FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y wget\nRUN {run}\n"
                      "CMD [\"python\"]\n")
    assert not result.changed
    assert words in (result.skipped or "")


@pytest.mark.parametrize("pin", ["conda==3.14.1", "conda=3.19"])
def test_a_conda_pinned_before_4_is_cleaned_with_the_flags_it_has(pin: str) -> None:
    # read25 01db97ac: `conda install --yes conda==3.14.1`; conda 3's clean has no -a or -f ("unrecognized
    # arguments: -afy"), the builder's RUN failed
    text = NUMPY.replace("RUN conda install -y numpy", f"RUN conda install -y {pin} && conda install -y numpy")
    builder = refactor(text).text.partition(" AS runner")[0]
    assert "/opt/conda/bin/conda clean -tipsy" in builder and "-afy" not in builder, builder
