"""A global npm install whose native modules node-gyp builds with the compilers the file installs, after a setup of
NodeSource's repository and its nodejs in the same RUN (``curl ... setup_8.x | bash - && apt-get install -y nodejs &&
npm install -g ...``, dev 4c42baff and 0db720e7): the repositories the RUN's earlier commands set up were not seen by
the commands after them (only those of the RUNs before were), so npm's global prefix was taken as not known, and the
reason said the file's Node.js was none of the official image's, Debian's or NodeSource's. They are seen now: the
install is tracked under /usr as in its own RUN, and apt sources written earlier in the same RUN are named as those of
a RUN before are."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

SAME_RUN = """FROM debian:bookworm
RUN apt-get update && apt-get install -y curl g++ make \\
    && {setup} \\
    && apt-get install -y nodejs \\
    && npm install -g Haraka \\
    && rm -rf /var/lib/apt/lists/*
RUN haraka -i /srv/haraka
CMD ["haraka", "-c", "/srv/haraka"]
"""


@pytest.mark.parametrize("setup", [
    "curl -fsSL https://deb.nodesource.com/setup_18.x | bash -",
    # the installer saved to a file, then run (4c42baff)
    "curl -sL https://deb.nodesource.com/setup_18.x -o nodesource_setup.sh && bash nodesource_setup.sh",
], ids=["piped", "saved"])
def test_nodesource_set_up_earlier_in_the_same_run_gives_npms_prefix(setup: str) -> None:
    builder, runner = stages(SAME_RUN.format(setup=setup))
    assert ("&& npm install -g Haraka \\\n    && { find /usr -cnewer /tmp/install.stamp ! -type d -printf '%P\\n' > "
            "/tmp/install.list && tar -C /usr -cf") in builder, builder
    assert "COPY --from=builder /opt/staged /\n" in runner, runner
    assert "npm install -g" not in runner and "g++" not in runner, runner
    assert "apt-get install -y --no-install-recommends nodejs" in runner, runner


def test_sources_written_earlier_in_the_same_run_are_named() -> None:
    # 0db720e7: `echo "deb ..." > /etc/apt/sources.list.d/x.list` and NodeSource's setup in the RUN of the install
    text = SAME_RUN.format(setup="echo 'deb http://example.org/node bookworm main' > /etc/apt/sources.list.d/n.list "
                                 "&& curl -fsSL https://deb.nodesource.com/setup_18.x | bash -")
    reason = skip_reason(text)
    assert "would install again without the compilers the file installs before it (g++, make)" in reason, reason
    assert ("not tracked either: npm's global prefix is not known: apt's sources, which the file changes at line 2, "
            "may give another Node.js") in reason, reason
