"""A staged install (DESTDIR) whose configure sends files into /var (nginx's `--pid-path=/var/run/nginx.pid`): its
Makefile makes a real folder var/run in the staging folder, where Debian's and Ubuntu's images have a link (/var/run
-> /run). Copied to /, BuildKit's copy failed ("cannot copy to non-directory", read16's engine repro of dev 32df39ac)
and the classic builder replaced the link by an empty folder (fixtures/apps/c-staged-var-run: "var/run folder"). The
builder now moves what was staged there to the link's target before the copy."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = """FROM gcc:12
WORKDIR /src
COPY . .
RUN ./configure {options} && make && make install
CMD ["/usr/local/sbin/app"]
"""
FOLD = "for d in var/run var/lock; do if [ -d \"/opt/staged/$d\" ]"


@pytest.mark.parametrize("options", ["--pid-path=/var/run/app/app.pid", "--localstatedir=/var"])
def test_what_is_staged_under_a_linked_folder_moves_to_its_target(options: str) -> None:
    text = refactor(FILE.format(options=options)).text
    builder = text.split(" AS runner\n")[0]
    assert FOLD in builder, builder
    assert builder.index("make install DESTDIR=/opt/staged") < builder.index(FOLD), builder
    assert "COPY --from=builder /opt/staged /\n" in runner_stage(FILE.format(options=options))


def test_an_install_that_names_no_folder_of_var_is_left_as_it_was() -> None:
    text = refactor(FILE.format(options="--sbin-path=/usr/local/sbin")).text
    assert "make install DESTDIR=/opt/staged" in text and FOLD not in text, text


def test_a_folder_of_the_path_named_as_a_program_s_path_is_made_in_the_staging_folder_first() -> None:
    """read17, 32df39ac: `--sbin-path=/usr/local/sbin` names a folder as the program's path; the install copies the
    program into it, but into the staging folder, where it is not, as a file named sbin: BuildKit stopped (`cannot
    replace to directory ... with file`), the classic builder lost /usr/local/sbin (fixtures/apps/c-staged-var-run:
    `app` not found). The staged install makes the folder first."""
    text = refactor(FILE.format(options="--sbin-path=/usr/local/sbin --pid-path=/var/run/app.pid")).text
    builder = text.split(" AS runner\n")[0]
    assert builder.index("mkdir -p /opt/staged/usr/local/sbin") < builder.index("make install DESTDIR"), builder
    assert 'chmod "$(stat -c %a "$(readlink -f "/$d")")" "$t"' in builder  # /run/lock stays 1777
