"""An apt install that took the recommended packages (no --no-install-recommends) on a release the data do not
know (trusty, stretch, an unknown image): the runtime's repeated install leaves them out, as everywhere, and says
what that assumes. The data cannot tell which of them are parts of the packages kept: trusty's php5 has its CLI
(/usr/bin/php) only as a package libapache2-mod-php5 recommends (dev file 3cf90066, a reviewer's finding), which
`msrefactor verify` proves or disproves. On a release the data know, the recommended parts it knows are added, and
no such assumption is made."""

from __future__ import annotations

from transformer import refactor

FILE = """FROM {image}
RUN apt-get update && apt-get install -y build-essential curl {php} && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN make
CMD ["php", "-S", "0.0.0.0:80", "index.php"]
"""
NOTE = "need none of the packages they recommend, which the original's install took"


def test_an_unknown_release_says_what_leaving_the_recommended_packages_out_assumes() -> None:
    result = refactor(FILE.format(image="ubuntu:14.04", php="php5"))
    assert result.changed, result.skipped
    notes = [str(c) for c in result.changes if NOTE in str(c)]
    assert len(notes) == 1 and "assumed: curl, php5 need none" in notes[0], notes


def test_a_known_release_makes_no_such_assumption() -> None:
    result = refactor(FILE.format(image="ubuntu:22.04", php="php-cli"))
    assert result.changed and not any(NOTE in str(c) for c in result.changes), result.changes
