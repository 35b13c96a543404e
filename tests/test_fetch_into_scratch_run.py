"""What lands in /tmp and the image's command runs: a source tree fetched there (Zeebsploit's image, 5d3bee6c:
``git clone URL /tmp/zeebsploit``, ``WORKDIR /tmp/zeebsploit``, ``ENTRYPOINT ["python3", "zsf.py"]``;
tornado-websocket-example's, 55274a73: ``cd /tmp && git clone URL``, ``CMD ["python",
"/tmp/tornado-websocket-example/app.py"]``) or a download (``curl -o /tmp/start.sh URL``, ``CMD ["sh",
"/tmp/start.sh"]``). /tmp is scratch for the build, but not when the image's program lives there: the runtime
copies it (without it, the command found no file). What lands in /tmp that the image does not run stays in the
builder."""

from __future__ import annotations

from conftest import runner_stage

CLONED_WORKDIR = """\
FROM alpine:3.9
RUN apk add --no-cache python3 git
RUN git clone https://github.com/example/tool.git /tmp/tool && rm -rf /tmp/tool/.git
WORKDIR /tmp/tool
RUN pip3 install -r requirements.txt
ENTRYPOINT ["python3", "tool.py"]
"""

CLONED_CMD_PATH = """\
FROM ubuntu:22.04
RUN apt-get update -y && apt-get install git python3 python3-pip -y
RUN cd /tmp \\
    && git clone https://github.com/example/websocket-example.git \\
    && cd websocket-example \\
    && pip install -r requirements.txt
CMD ["python3", "/tmp/websocket-example/app.py"]
"""


def test_a_clone_into_tmp_the_image_works_in_is_copied() -> None:
    runtime = runner_stage(CLONED_WORKDIR)
    assert "COPY --from=builder /tmp/tool /tmp/tool\n" in runtime, runtime


def test_a_clone_into_tmp_whose_program_the_command_runs_is_copied() -> None:
    runtime = runner_stage(CLONED_CMD_PATH)
    assert "COPY --from=builder /tmp/websocket-example /tmp/websocket-example\n" in runtime, runtime


def test_a_clone_into_tmp_the_image_does_not_use_stays_in_the_builder() -> None:
    runtime = runner_stage(CLONED_CMD_PATH.replace("/tmp/websocket-example/app.py", "/srv/app.py"))
    assert "/tmp/websocket-example" not in runtime, runtime


DOWNLOADED_SCRIPT = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl gcc
RUN curl -fsSL -o /tmp/start.sh https://example.com/start.sh && gcc -o /usr/local/bin/tool tool.c
CMD ["sh", "/tmp/start.sh"]
"""


def test_a_download_into_tmp_the_command_runs_is_copied() -> None:
    runtime = runner_stage(DOWNLOADED_SCRIPT)
    assert "COPY --from=builder /tmp/start.sh /tmp/start.sh\n" in runtime, runtime


def test_a_download_into_tmp_the_command_does_not_run_stays_in_the_builder() -> None:
    runtime = runner_stage(DOWNLOADED_SCRIPT.replace('CMD ["sh", "/tmp/start.sh"]', 'CMD ["/usr/local/bin/tool"]'))
    assert "/tmp/start.sh" not in runtime, runtime
