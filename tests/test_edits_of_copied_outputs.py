"""An edit after the last build (``sed -i``, ``echo >>``) of files inside a folder the runtime copies from the
builder: the copy brings them edited already, so the runtime does not edit them again. Seen on dev files 30483771
(``sed -i '35,36d'`` of Django's files under /usr/local, repeated after the copy of /usr/local: two more lines
deleted) and 516752ac (``echo bind.address=0.0.0.0 >> /opt/fabric8/etc/system.properties`` after the copy of /opt:
the lines appended twice)."""

from __future__ import annotations

from transformer import refactor

HEAD = "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nRUN pip3 install django==4.2\n"
SITE = "/usr/local/lib/python3.10/dist-packages/django"


def _runtime(text: str) -> str:
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.partition("AS runner")[2]


def test_an_edit_of_copied_files_after_the_build_is_not_repeated() -> None:
    runtime = _runtime(HEAD + f"COPY . /app/\nRUN sed -i '1,2d' {SITE}/__init__.py && echo x=1 >> {SITE}/extra.py\n"
                       "CMD [\"python3\", \"/app/manage.py\", \"runserver\"]\n")
    assert "COPY --from=builder /usr/local /usr/local" in runtime, runtime
    assert "sed -i" not in runtime and ">>" not in runtime, runtime


def test_edits_of_one_file_in_several_runs_are_not_repeated() -> None:
    text = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl openjdk-17-jre-headless\n" \
        "RUN cd /opt && curl -L https://example.com/app-1.0.tar.gz | tar zx\n" \
        "RUN ln -s /opt/app-1.0 /opt/app && chown -R nobody /opt/app\n" \
        "RUN sed -i '/name=root/d' /opt/app/etc/system.properties\n" \
        "RUN echo bind.address=0.0.0.0 >> /opt/app/etc/system.properties\nCMD /opt/app/bin/start\n"
    runtime = _runtime(text)
    # the link and the chown of it (-R's chown changes the link itself) come with the copy of /opt (dev 516752ac)
    assert "COPY --from=builder /opt /opt" in runtime and "chown" not in runtime, runtime
    assert "sed -i" not in runtime and ">>" not in runtime, runtime


def test_an_edit_of_files_a_context_copy_brings_again_is_repeated() -> None:
    text = "FROM node:18\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\n" \
        "RUN echo 'x' >> /app/node_modules/foo/index.js\nCMD [\"node\", \"index.js\"]\n"
    runtime = _runtime(text)
    assert "COPY . ." in runtime and "RUN echo 'x' >> /app/node_modules/foo/index.js" in runtime, runtime
