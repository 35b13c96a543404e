"""A folder a RUN deletes with ``rm -f`` that the runtime has too, read as the build's cleanup and not repeated:

- before a build step fills it again (``rm -rf /opt && mkdir -p /opt``, ``ADD . /opt``, ``pip install -e .``: 3653b1db;
  ``rm -rf /srv`` before ``ADD . /srv`` and ``npm install``: 62198d59): the runtime copies the builder's folder into
  its own, and a copy adds to what is there, so the image's files (or a setup's) the original deletes stayed. The
  runtime deletes its folder first, at the rm's place;
- the folder holding a context copy the runtime repeats (``ADD . /go/src/x`` ... ``rm -Rf /go && rm -Rf
  /usr/local/go`` after the build, 5c13fb58, 75f6e1d9): the runtime kept the sources under /go the original deletes.
"""

from __future__ import annotations

from conftest import runner_stage


def test_a_folder_deleted_before_the_build_fills_it_is_deleted_before_the_copies() -> None:
    runtime = runner_stage("FROM python:3.11\n"
                           "RUN mkdir -p /opt/app && echo \"print('stale')\" > /opt/app/stale.py\n"
                           "RUN rm -rf /opt/app && mkdir -p /opt/app\n"
                           "COPY . /opt/app\nWORKDIR /opt/app\n"
                           "RUN python -m venv /opt/app/venv && /opt/app/venv/bin/pip install -r requirements.txt\n"
                           'CMD ["/opt/app/venv/bin/python", "app.py"]\n')
    assert runtime.index("stale.py") < runtime.index("RUN rm -rf /opt/app") < runtime.index("COPY . /opt/app") \
        < runtime.index("COPY --from=builder /opt/app/venv"), runtime


def test_by_a_variable_of_the_stage_too() -> None:
    """3653b1db: ``ARG workdir=/opt``, ``RUN rm -rf $workdir && mkdir -p $workdir``."""
    runtime = runner_stage("FROM python:3.11\nARG workdir=/opt\nRUN rm -rf $workdir && mkdir -p $workdir\n"
                           "ADD . $workdir\nWORKDIR $workdir\nRUN pip install -e .\nCMD [\"kpm\"]\n")
    # (the ADD is not repeated: /opt, copied whole, holds the sources)
    assert runtime.index("RUN rm -rf $workdir") < runtime.index("COPY --from=builder /opt /opt"), runtime
    assert "ADD . $workdir" not in runtime, runtime


def test_the_folder_above_a_context_copy_deleted_after_the_build() -> None:
    runtime = runner_stage("FROM golang:1.19\nADD . /go/src/example.com/app\nWORKDIR /go/src/example.com/app\n"
                           "RUN make build\nRUN cp -a /go/src/example.com/app/rootfs/* /\nWORKDIR /\n"
                           "RUN rm -Rf /go && rm -Rf /usr/local/go\nENTRYPOINT [\"/usr/bin/app\"]\n")
    assert "RUN rm -Rf /go && rm -Rf /usr/local/go" in runtime, runtime


def test_a_folder_no_build_step_fills_again_is_not() -> None:
    """(a cleanup of what the build made, which the runtime does not have)"""
    runtime = runner_stage("FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\n"
                           "RUN pip install -r requirements.txt && rm -rf /root/.cache\nCOPY . .\n"
                           'CMD ["python", "app.py"]\n')
    assert "rm -rf" not in runtime, runtime


def test_a_folder_of_a_package_replaced_by_a_build_output() -> None:
    """779a1449: ``rm -rf /var/www/html && mv /var/www/kanboard /var/www/html``; apache2's index.html stayed beside
    the copy (and Apache serves index.html before index.php)."""
    runtime = runner_stage("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y apache2 gcc\n"
                           "COPY hello.c /src/\nRUN mkdir -p /opt/site && gcc -o /opt/site/hello.cgi /src/hello.c\n"
                           "RUN rm -rf /var/www/html && mv /opt/site /var/www/html\n"
                           'CMD ["apache2ctl", "-D", "FOREGROUND"]\n')
    assert runtime.index("RUN rm -rf /var/www/html") < runtime.index("COPY --from=builder /var/www/html"), runtime
