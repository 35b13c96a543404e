"""A setup the runtime repeats, named with a variable the RUN sets to a value its own command makes
(``export GNUPGHOME="$(mktemp -d)" && chmod 600 "${GNUPGHOME}"``): the runtime repeated the chmod without the
export, `chmod 600 ""` failed and the runtime's build with it (jessfraz/dockerfiles ricochet). The file is left
alone with that cause; a variable the file gives a value (``export GROUP=app``) still changes."""

from __future__ import annotations

import transformer

_FILE = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl gnupg "
         "libqt5core5a && rm -rf /var/lib/apt/lists/*\n"
         "RUN curl -sSL https://e.com/app.tar.gz -o /tmp/app.tar.gz && {assign} && {setup} "
         "&& tar -xzf /tmp/app.tar.gz -C /usr/local/bin && rm -rf /tmp/app.tar.gz\n"
         'ENTRYPOINT ["app"]\n')


def test_a_setup_named_by_a_value_a_command_made_is_left_alone() -> None:
    result = transformer.refactor(_FILE.format(assign='export GNUPGHOME="$(mktemp -d)"',
                                               setup='chmod 600 "${GNUPGHOME}"'))
    assert not result.changed
    assert "`chmod 600 \"${GNUPGHOME}\"` sets up what the runtime needs, named with $GNUPGHOME" in (result.reason or "")


def test_a_setup_named_by_a_value_the_file_gives_still_changes() -> None:
    result = transformer.refactor(_FILE.format(assign="export APPDIR=/etc/app", setup='mkdir -p "$APPDIR"'))
    assert result.changed, result.reason
    runtime = result.text.split(" AS runner")[1]
    assert "export APPDIR=/etc/app" in runtime and 'mkdir -p "$APPDIR"' in runtime
