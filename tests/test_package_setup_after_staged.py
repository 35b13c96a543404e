"""A package repository's setup after an install staged apart stays before the package installs that need it.

Setup the original ran after a staged install (DESTDIR, an archive unpacked into /usr/share) goes after the
runtime's copy of /opt/staged, whose files are not known one by one. A setup that adds a package repository
(NodeSource's ``curl ... | bash -``) or writes the package manager's sources is no such edit: the package
installs after it, which the runtime repeats at their place, read it. Moved after the copies it ran after them,
and the runtime installed Debian's nodejs (without npm) instead of NodeSource's (CloudUnit's manager image,
5079ab85, whose ``npm install -g`` then failed).
"""

from __future__ import annotations

from conftest import runner_stage

STAGED_THEN_REPOSITORY = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y curl gcc
RUN curl -o /tmp/m.tgz https://example.com/m.tgz && tar -xzf /tmp/m.tgz -C /usr/share && rm /tmp/m.tgz
RUN curl -sL https://deb.nodesource.com/setup_18.x | bash -
RUN echo "deb http://example.com/debian bookworm main" > /etc/apt/sources.list.d/x.list
RUN apt-get update && apt-get install -y nodejs xpkg
COPY hello.c /src/hello.c
RUN gcc -o /usr/local/bin/hello /src/hello.c
CMD ["hello"]
"""


def _at(runtime: str, text: str) -> int:
    assert text in runtime, runtime
    return runtime.index(text)


def test_a_repository_setup_after_a_staged_unpack_comes_before_the_installs_it_serves() -> None:
    runtime = runner_stage(STAGED_THEN_REPOSITORY)
    install = _at(runtime, "apt-get install -y --no-install-recommends nodejs xpkg")
    assert _at(runtime, "RUN curl -sL https://deb.nodesource.com/setup_18.x | bash -\n") < install
    assert _at(runtime, "RUN echo \"deb http://example.com/debian bookworm main\" > /etc/apt/sources.list.d/x.list") \
        < install
    assert install < _at(runtime, "COPY --from=builder /opt/staged /")


def test_other_setup_after_a_staged_unpack_still_goes_after_the_copies() -> None:
    text = STAGED_THEN_REPOSITORY.replace("RUN echo \"deb", "RUN rm -f /usr/share/m/README && echo \"deb", 1)
    runtime = runner_stage(text.replace(" && echo \"deb http://example.com/debian bookworm main\" > "
                                        "/etc/apt/sources.list.d/x.list", ""))
    assert _at(runtime, "COPY --from=builder /opt/staged /") < _at(runtime, "RUN rm -f /usr/share/m/README")
