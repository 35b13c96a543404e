"""A context ADD into a folder that `mv` made of an unpacked archive, which the runtime copies from the builder after
the build: the builder's folder holds the ADD's files already (with what the build changed in them), so the runtime
does not add the context a second time beneath its copy (read28 3a277635, Sahana Eden: the whole context was stored
twice). The copied path is a folder because the ADD's destination lies strictly inside it, whether or not the walk
took it for a whole folder."""

from __future__ import annotations

from conftest import stages

FILE = """\
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y build-essential unzip curl python3 python3-pip python3-dev
RUN pip3 install lxml==4.9.3 requests
RUN curl -o web2py.zip https://example.com/web2py.zip && unzip web2py.zip && mv web2py-R-2.9.11 /home/web2py \\
    && rm web2py.zip
ADD . /home/web2py/applications/eden
RUN cp /home/web2py/applications/eden/private/000_config.py /home/web2py/applications/eden/models/000_config.py
CMD python3 /home/web2py/web2py.py -i 0.0.0.0 -p 8000 -a eden
"""


def test_the_context_is_not_added_again_beneath_the_copy() -> None:
    _, runtime = stages(FILE)
    assert "COPY --from=builder /home/web2py /home/web2py" in runtime, runtime
    assert "ADD . /home/web2py/applications/eden" not in runtime, runtime
