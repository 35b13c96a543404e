"""C/C++ built with a sanitizer (-fsanitize=address): the program links the sanitizer's run-time library (libasan),
which comes with the compiler's packages (libasan8 is a dependency of gcc-12), so a runtime without the compiler
cannot start it. The file is left alone with that cause, wherever the option is: the compiler's command line, a flag
variable of the environment, or the hand-written Makefile `make` reads (the real project Vladroon22/http-server:
`CFLAGS = -Wall -Wextra -fsanitize=address -g3`, on ubuntu with g++ from apt; the rewrite dropped g++ and the
server died with libasan.so missing)."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

APT = "FROM debian:bookworm\nWORKDIR /src\nRUN apt-get update && apt-get install -y make g++\nCOPY . .\n"
MAKEFILE = "CXX = g++\nCFLAGS = -Wall -fsanitize=address -g3\n\nmy_server: main.cpp\n\t$(CXX) $(CFLAGS) -o $@ $^\n"


def test_a_makefile_that_links_asan_leaves_the_file_alone_naming_it() -> None:
    text = APT + 'RUN make\nCMD ["./my_server"]\n'
    result = refactor(text, read_context=context_of({"Makefile": MAKEFILE, "main.cpp": "int main() {}\n"}))
    assert not result.changed
    assert "-fsanitize=address (the Makefile of /src)" in (result.skipped or "")
    assert "libasan" in (result.skipped or "")


def test_the_same_makefile_without_the_sanitizer_is_still_rewritten() -> None:
    text = APT + 'RUN make\nCMD ["./my_server"]\n'
    plain = MAKEFILE.replace(" -fsanitize=address", "")
    result = refactor(text, read_context=context_of({"Makefile": plain, "main.cpp": "int main() {}\n"}))
    assert result.changed, result.skipped


def test_a_commented_out_sanitizer_in_the_makefile_does_not_count() -> None:
    text = APT + 'RUN make\nCMD ["./my_server"]\n'
    commented = MAKEFILE.replace("CFLAGS = ", "# CFLAGS += -fsanitize=address\nCFLAGS = ").replace(
        " -fsanitize=address -g3", " -g3")
    result = refactor(text, read_context=context_of({"Makefile": commented, "main.cpp": "int main() {}\n"}))
    assert result.changed, result.skipped


def test_a_compiler_command_or_the_environment_with_the_option_names_it_too() -> None:
    """On gcc's image the plain command would be linked statically for scratch; with -fsanitize it is left alone
    (a static link of ASan fails, and a dynamic one needs libasan)."""
    on_gcc = ('FROM gcc:12\nWORKDIR /app\nCOPY . .\nRUN g++ -fsanitize=address,undefined -o app main.cpp\n'
              'CMD ["./app"]\n')
    result = refactor(on_gcc, read_context=context_of({"main.cpp": "int main() {}\n"}))
    assert not result.changed
    assert "-fsanitize=address,undefined (the command line)" in (result.skipped or "")
    assert "(libasan, libubsan)" in (result.skipped or "")
    by_env = APT + 'ENV CXXFLAGS="-O1 -fsanitize=thread"\nRUN make\nCMD ["./my_server"]\n'
    plain = MAKEFILE.replace(" -fsanitize=address", "")
    result = refactor(by_env, read_context=context_of({"Makefile": plain}))
    assert not result.changed and "(CXXFLAGS in the environment)" in (result.skipped or "")


def test_make_test_with_a_sanitizer_stays_a_test() -> None:
    """`make test` runs in the builder only: what it links does not reach the runtime."""
    text = APT + 'RUN g++ -o app main.cpp\nRUN make test\nCMD ["./app"]\n'
    result = refactor(text, read_context=context_of({"Makefile": MAKEFILE, "main.cpp": "int main() {}\n"}))
    assert result.changed, result.skipped


def test_cmake_with_the_option_in_its_flags_or_its_cmakelists_names_it() -> None:
    """cmake writes the Makefile `make` reads in the build folder (not in the context): the option is read where
    cmake takes it, its -D flags or the project's CMakeLists.txt."""
    text = APT.replace("make g++", "make g++ cmake") + 'WORKDIR /src/build\nRUN cmake {} .. && make\nCMD ["./main"]\n'
    lists = "project(p)\nadd_executable(main main.cpp)\n"
    sanitized = lists + "target_compile_options(main PRIVATE -fsanitize=address)\n"
    result = refactor(text.format('-DCMAKE_CXX_FLAGS="-fsanitize=address"'),
                      read_context=context_of({"CMakeLists.txt": lists}))
    assert not result.changed and "-fsanitize=address (the command line)" in (result.skipped or "")
    result = refactor(text.format(""), read_context=context_of({"CMakeLists.txt": sanitized}))
    assert not result.changed and "(the CMakeLists.txt of /src)" in (result.skipped or "")
    result = refactor(text.format(""), read_context=context_of({"CMakeLists.txt": lists}))
    assert result.changed, result.skipped
