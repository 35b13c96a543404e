"""npm's global prefix with NodeSource's nodejs is /usr (the folder above /usr/bin/node), not /usr/local. A stage
that also installed into /usr/local (pip) had its ``npm install -g`` taken for an install into that folder, which
the runtime copies, so the runtime neither copied the global package nor installed it again: dev 753bd76a's runtime
had no bids-validator (NodeSource's npm had put it into /usr/lib/node_modules and /usr/bin)."""

from __future__ import annotations

from transformer import refactor

_FILE = """\
FROM ubuntu:jammy
RUN apt-get update && apt-get install -y python3 python3-pip curl
RUN pip3 install requests
RUN curl -sL https://deb.nodesource.com/setup_18.x | bash -
RUN apt-get install -y nodejs
RUN npm install -g example-validator
COPY run.py /run.py
ENTRYPOINT ["example-validator"]
"""


def test_a_global_install_with_nodesource_npm_is_made_again_in_the_runtime() -> None:
    result = refactor(_FILE)
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "npm install -g example-validator" in runtime


def test_a_global_install_into_a_node_the_build_unpacked_into_usr_local_is_copied() -> None:
    result = refactor("FROM ubuntu:jammy\nRUN apt-get update && apt-get install -y curl xz-utils libpq-dev\n"
                      "RUN curl -fsSL https://nodejs.org/dist/v18.0.0/node-v18.0.0-linux-x64.tar.xz "
                      "| tar -xJ -C /usr/local --strip-components=1\n"
                      "RUN npm install -g example-validator\nENTRYPOINT [\"example-validator\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "COPY --from=builder /usr/local /usr/local" in runtime
    assert "npm install -g" not in runtime
