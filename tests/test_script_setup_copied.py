"""A project's script that builds and also sets up (rp13 thethreediepeteers/diatom-server: `sh install.sh` clones and
builds uSockets into ./lib, copies uWebSockets' headers into /usr/include, and `mkdir -p ../lib`, `rm -rf uSockets`
in the app's folder): the runtime cannot repeat the setup alone, but it need not, where all of it is inside folders
the runtime copies whole from the builder. And headers are a compiler's, not the program's: they stay there."""

from __future__ import annotations

from transformer import refactor

FILE = """\
FROM debian:bookworm-slim
WORKDIR /home
COPY . ./
RUN apt-get update
RUN apt-get install -y make git g++ zlib1g-dev libssl-dev wget
RUN sh install.sh
RUN make
CMD ["./server"]
"""
SCRIPT = """\
git clone https://github.com/uNetworking/uSockets
cd uSockets
make
mkdir -p ../lib
cp uSockets.a ../lib
cd ../
git clone https://github.com/uNetworking/uWebSockets
mkdir -p /usr/include/uWebSockets
cp -r uWebSockets/src/* /usr/include/uWebSockets
{extra}rm -rf uSockets uWebSockets
"""


def _result(extra: str = ""):  # type: ignore[no-untyped-def]
    context = {"install.sh": SCRIPT.format(extra=extra), "Makefile": "server:\n\tg++ -o server main.cpp\n",
               "main.cpp": "int main() {}\n"}
    return refactor(FILE, read_context=context.get)


def test_the_scripts_setup_inside_the_copied_folder_needs_no_repeat() -> None:
    result = _result()
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "COPY --from=builder /home /home" in runtime and "install.sh" not in runtime
    assert "/usr/include" not in runtime
    assert any("/usr/include/uWebSockets is in /usr/include, the C headers only a compiler reads" in c.message
               for c in result.changes)


def test_setup_outside_the_copied_folders_still_stops_it() -> None:
    result = _result("echo 'export LD_LIBRARY_PATH=/home/lib' >> /etc/profile\n")
    assert not result.changed
    assert "`sh install.sh` runs one script that both builds and sets up" in (result.skipped or "")
