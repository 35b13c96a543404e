"""`pip download --dest /tmp/dataflow-requirements-cache`: Apache Beam's requirements cache (its stager's default,
in tempfile's folder), which a Dataflow Flex Template's launcher reads when it stages the requirements: the image
pre-downloads it there to speed up the launch (GoogleCloudPlatform/python-docs-samples' dataflow/flex-templates/
streaming_beam). /tmp is scratch to the tool, and the runtime lost it; another folder under /tmp still is."""

from __future__ import annotations

from transformer import refactor

FILE = ("FROM python:3.11\nCOPY . /template\nRUN pip install --no-cache-dir -r /template/requirements.txt \\\n"
        "    && pip download --no-cache-dir --dest {dest} -r /template/requirements.txt\n"
        'ENTRYPOINT ["python", "/template/main.py"]\n')


def test_beams_requirements_cache_is_copied() -> None:
    assert refactor(FILE.format(dest="/tmp/dataflow-requirements-cache")).text == (
        "FROM python:3.11 AS builder\nCOPY . /template\nRUN python -m venv /opt/venv\n"
        'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\n'
        "RUN pip install --no-cache-dir -r /template/requirements.txt \\\n"
        "    && pip download --no-cache-dir --dest /tmp/dataflow-requirements-cache -r /template/requirements.txt\n"
        "\nFROM python:3.11-slim AS runner\nCOPY . /template\n"
        'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"\n'
        "COPY --from=builder /opt/venv /opt/venv\n"
        "COPY --from=builder /tmp/dataflow-requirements-cache /tmp/dataflow-requirements-cache\n"
        'ENTRYPOINT ["python", "/template/main.py"]\n')


def test_another_download_into_tmp_stays_in_the_builder() -> None:
    text = refactor(FILE.format(dest="/tmp/wheels")).text
    assert "COPY --from=builder /tmp" not in text, text
