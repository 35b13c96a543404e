"""A build step that leaves its outputs in the folder it runs in, on an image the tool does not know, before any
WORKDIR of the file: that image may set a WORKDIR of its own (nodesource/node:5.5 sets /usr/src/app), so the
runtime's `COPY --from=builder /node_modules` failed the build (dev 06e9d3aa; a reviewer's stand-in repro:
`COPY failed: stat node_modules: file does not exist`). Left alone, naming the cause; a WORKDIR of the file, an
absolute path or an official image keeps the rewrite."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

from transformer import refactor

FILE = """FROM {image}
{workdir}ADD package.json package.json
RUN npm install
ADD . .
CMD ["node", "server.js"]
"""


def test_a_relative_build_on_an_unknown_image_is_left_alone() -> None:
    reason = skip_reason(FILE.format(image="nodesource/node:5.5", workdir=""))
    assert reason == ("RUN at line 3: the build leaves node_modules in the folder it runs in, and nodesource/node:5.5 "
                      "is an image the tool does not know, whose own WORKDIR (the file sets none before it) may not "
                      "be /: where the outputs are is not known"), reason


@pytest.mark.parametrize(("image", "workdir"), [("nodesource/node:5.5", "WORKDIR /usr/src/app\n"),
                                                ("node:5.5", ""),  # an official image: its WORKDIR is known
                                                ])
def test_a_known_folder_keeps_the_rewrite(image: str, workdir: str) -> None:
    assert "COPY --from=builder" in runner_stage(FILE.format(image=image, workdir=workdir))


def test_an_absolute_path_keeps_the_rewrite() -> None:
    text = ("FROM someorg/node:5\nCOPY . /src\nRUN cd /src && npm install\nCMD [\"node\", \"/src/server.js\"]\n")
    assert "COPY --from=builder /src /src" in runner_stage(text)


def test_a_download_named_like_the_end_of_its_url_is_in_the_folder_it_runs_in() -> None:
    """`curl -O http://flv.io/snickers/config.json` writes config.json where it runs: the URL's /config.json is no
    absolute path of the image (dev 79801621 was rewritten with `COPY --from=builder /config.json`)."""
    text = ("FROM flavioribeiro/snickers-docker:v3\nRUN go get -u github.com/snickers/snickers\n"
            "RUN curl -O http://flv.io/snickers/config.json\nENTRYPOINT snickers\n")
    assert "the build leaves config.json in the folder it runs in" in skip_reason(text)
    assert "COPY --from=builder /config.json /config.json" in runner_stage(text.replace("curl -O", "curl -o "
                                                                                         "/config.json"))


def test_an_output_the_same_run_removes_is_not_left_in_the_folder() -> None:
    """skip1 49bbb975: `dpkg -i app.deb && rm app.deb` leaves no app.deb in the unknown image's folder: not the
    reason to leave the file alone."""
    text = ("FROM someorg/debian:9\nRUN apt-get update && apt-get install -y wget gcc\n"
            "RUN wget http://example.com/app.deb && dpkg -i app.deb && rm app.deb\n"
            "COPY . /src\nRUN gcc -o /usr/local/bin/app /src/app.c\nCMD [\"app\"]\n")
    result = refactor(text)
    assert "the build leaves app.deb in the folder it runs in" not in (result.skipped or ""), result.skipped


def test_where_stages_would_gain_nothing_that_is_the_reason() -> None:
    """skip2 R4 (dev 18c51efb, Tomcat unpacked in the folder it runs in on cloudesire/java:7): the runtime would be
    the same unknown image and the file installs no build-only package, so stages gain nothing wherever the outputs
    lie; the WORKDIR the image may set is no longer named as the cause."""
    text = ("FROM someorg/java:7\nRUN apt-get update && apt-get install -yq --no-install-recommends wget\n"
            "RUN wget -q https://example.com/tomcat.tar.gz && tar zxf tomcat.tar.gz && rm tomcat.tar.gz "
            "&& mv apache-tomcat* tomcat\nCMD [\"/tomcat/bin/catalina.sh\", \"run\"]\n")
    reason = skip_reason(text)
    assert reason.startswith("nothing to gain: the tool knows no smaller runtime for someorg/java:7"), reason
    assert "WORKDIR" not in reason, reason
