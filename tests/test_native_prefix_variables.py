"""C/C++: the install prefix a configure step sets inside a variable's value (``cmake .. ${FLAGS}``) is where
`make install` puts the program; a prefix in a word whose value the file does not show is not known, and not
taken for the default /usr/local."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

CMAKE = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential cmake\nCOPY . /src\n" \
        "WORKDIR /src/build\n"


def test_the_prefix_a_variable_gives_cmake_is_copied() -> None:
    _, runtime = stages('ARG FLAGS="-DCMAKE_INSTALL_PREFIX=/opt/znc -DWANT_PERL=YES"\n'.join(
        (CMAKE.split("\n", 1)[0] + "\n", CMAKE.split("\n", 1)[1])) +
        "RUN cmake .. ${FLAGS} && make && make install\nCMD [\"/opt/znc/bin/znc\"]\n")
    assert "COPY --from=builder /opt/znc /opt/znc" in runtime
    assert "/usr/local" not in runtime


@pytest.mark.parametrize("configure", ["cmake .. $FLAGS", "cmake .. -DCMAKE_INSTALL_PREFIX=$(cat prefix)",
                                       "../configure --prefix=`cat prefix`",
                                       "../configure $FLAGS"])
def test_a_prefix_the_file_does_not_show_is_not_taken_for_the_default(configure: str) -> None:
    reason = skip_reason(CMAKE + f"RUN {configure} && make && make install\nCMD [\"app\"]\n")
    assert "`make install` installs into a prefix the file does not show" in reason


def test_a_variable_of_another_option_leaves_the_prefix_known() -> None:
    _, runtime = stages(CMAKE + "RUN ../configure --build=$CBUILD --prefix=/opt/app && make && make install\n"
                        'CMD ["/opt/app/bin/app"]\n')
    assert "COPY --from=builder /opt/app /opt/app" in runtime


def test_the_last_prefix_given_is_the_one() -> None:
    _, runtime = stages(CMAKE + "RUN ../configure --prefix=/usr --prefix=/opt/app && make && make install\n"
                        'CMD ["/opt/app/bin/app"]\n')
    assert "COPY --from=builder /opt/app /opt/app" in runtime
