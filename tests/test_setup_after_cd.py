"""Setup the runtime repeats after a `cd`: kept with its `cd` when the folder is in the runtime too, because a
WORKDIR named it or, after the last build step, the build context was copied there. And a build output named by
a pattern, which no COPY can bring where the build put it."""

from __future__ import annotations

from conftest import skip_reason, stages

NEPENTHES = ("FROM ubuntu:xenial\nRUN apt-get update && apt-get install -y build-essential ruby ruby-dev "
             "zlib1g-dev\nCOPY Gemfile /home/app/\nRUN cd /home/app && bundle install\nCOPY . /home/app\n"
             "RUN cd /home/app && cp config/db.yml.example config/db.yml && chmod 0777 log\n"
             'CMD ["/home/app/run.sh"]\n')


def test_setup_after_a_cd_into_the_copied_context_is_repeated() -> None:
    _, runtime = stages(NEPENTHES)
    assert "COPY . /home/app\nRUN cd /home/app && cp config/db.yml.example config/db.yml && chmod 0777 log" \
        in runtime


def test_setup_after_a_cd_into_a_folder_the_build_made_is_left_alone() -> None:
    # (/home/app itself the runtime has: its copy of the Gemfile makes it; /home/app/x only the build's cp makes)
    reason = skip_reason(NEPENTHES.replace("COPY . /home/app\n", "COPY . /src\nRUN cp -r /src /home/app/x\n")
                         .replace("RUN cd /home/app && cp", "RUN cd /home/app/x && cp"))
    assert "sets up the environment after a `cd`" in reason


def test_setup_after_a_cd_into_a_workdir_is_repeated() -> None:
    _, runtime = stages(NEPENTHES.replace("COPY . /home/app\n", "WORKDIR /home/app/log\nWORKDIR /\n"))
    assert "RUN cd /home/app && cp config/db.yml.example config/db.yml && chmod 0777 log" in runtime


def test_a_build_output_named_by_a_pattern_is_not_copied_to_a_pattern() -> None:
    # `cp /tmp/src/*.sh /srv/` leaves outputs named /srv/*.sh: `COPY --from=builder /srv/*.sh /srv/*.sh` would
    # make a file named `*.sh`
    reason = skip_reason("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc\nCOPY . /tmp/src\n"
                         "RUN gcc -o /usr/local/bin/app /tmp/src/app.c && cp /tmp/src/*.sh /srv/\n"
                         'CMD ["/usr/local/bin/app"]\n')
    assert "is named by a pattern" in reason
