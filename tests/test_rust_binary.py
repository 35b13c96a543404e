"""What cargo builds and what the Rust binary needs: the binary the image's command runs names it when
Cargo.toml cannot, and the libraries it links are listed by the builder unless Cargo.lock shows it links only
the C library."""

from __future__ import annotations

from conftest import context_of, runner_stage

from transformer import refactor

CARGO = '[package]\nname = "hello"\nversion = "0.1.0"\n'
PLAIN_LOCK = 'version = 3\n\n[[package]]\nname = "hello"\nversion = "0.1.0"\n'
SYS_LOCK = PLAIN_LOCK + '\n[[package]]\nname = "openssl-sys"\nversion = "0.9.80"\n'
APP = "FROM rust:1.63\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n"


def test_the_command_names_the_binary_when_cargo_toml_is_not_read() -> None:
    out = runner_stage(APP + 'CMD ["./target/release/server", "--port", "8080"]\n')
    assert "COPY --from=builder /src/target/release/server /src/target/release/server" in out


def test_an_absolute_path_in_a_shell_form_entrypoint_names_it_too() -> None:
    out = runner_stage(APP.replace("--release", "") + "ENTRYPOINT /src/target/debug/server --verbose\n")
    assert "COPY --from=builder /src/target/debug/server /src/target/debug/server" in out


def test_a_command_that_runs_no_binary_of_the_build_names_the_cause() -> None:
    result = refactor(APP + 'CMD ["/usr/local/bin/server"]\n')
    assert not result.changed
    assert "the image's command does not run it from cargo's output folder" in (result.skipped or "")


def test_a_command_that_runs_cargo_names_the_cause() -> None:
    result = refactor(APP.replace("--release", "") + "CMD cargo run\n")
    assert not result.changed
    assert "the image's command runs cargo, which builds at run time" in (result.skipped or "")


def test_without_cargo_lock_the_builder_lists_what_the_binary_links() -> None:
    """openssl-sys links libssl, which debian:bullseye-slim lacks: without Cargo.lock the runtime installs what
    ldd finds."""
    toml = CARGO + '\n[dependencies]\nreqwest = "0.11"\n'
    result = refactor(APP + 'CMD ["./target/release/hello"]\n', read_context=context_of({"Cargo.toml": toml}))
    builder, _, runtime = result.text.partition(" AS runner")
    assert "-exec ldd {} ';'" in builder and "xargs -r apt-get install" in runtime


def test_a_manifest_without_crates_needs_no_list_even_without_cargo_lock() -> None:
    """No dependency at all: nothing links a system library, and the runtime installs nothing (the real
    project rust-hello has no Cargo.lock and an empty [dependencies])."""
    text = APP + 'CMD ["./target/release/hello"]\n'
    for toml in (CARGO, CARGO + "\n[dependencies]\n"):
        result = refactor(text, read_context=context_of({"Cargo.toml": toml}))
        assert result.changed and "ldd" not in result.text and "apt-get" not in result.text
    targeted = CARGO + "\n[target.'cfg(unix)'.dependencies]\nopenssl = \"0.10\"\n"
    assert "-exec ldd" in refactor(text, read_context=context_of({"Cargo.toml": targeted})).text


def test_a_lock_with_a_sys_crate_gets_the_list_and_a_plain_one_does_not() -> None:
    text = APP + 'CMD ["./target/release/hello"]\n'
    listed = refactor(text, read_context=context_of({"Cargo.toml": CARGO, "Cargo.lock": SYS_LOCK}))
    assert "-exec ldd" in listed.text
    plain = refactor(text, read_context=context_of({"Cargo.toml": CARGO, "Cargo.lock": PLAIN_LOCK}))
    assert plain.changed and "ldd" not in plain.text


def test_a_binary_built_in_tmp_that_the_command_runs_is_copied() -> None:
    """WORKDIR /tmp: /tmp is scratch, but the command runs ./target/release/hello from there."""
    text = 'FROM rust:1.63\nCOPY . /tmp\nWORKDIR /tmp\nRUN cargo build --release\nCMD ["./target/release/hello"]\n'
    result = refactor(text, read_context=context_of({"Cargo.toml": CARGO, "Cargo.lock": PLAIN_LOCK}))
    assert "COPY --from=builder /tmp/target/release/hello /tmp/target/release/hello" in result.text


def test_a_shell_form_command_keeps_the_path_of_its_program() -> None:
    """`CMD ./gradlew run` runs Gradle at run time, as the exec form `["./gradlew", "run"]` does."""
    result = refactor("FROM openjdk:8\nCOPY . /app\nWORKDIR /app\nRUN ./gradlew build\nCMD ./gradlew run\n")
    assert not result.changed and "runs Gradle at run time" in (result.skipped or "")


INSTALL = "FROM rust:1.63\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo install --path .\nCMD [\"hello\"]\n"


def test_cargo_install_of_the_context_copies_its_binary_not_cargos_bin_folder() -> None:
    """``cargo install --path .`` puts the app beside cargo, rustc and rustup in /usr/local/cargo/bin: the runtime
    copies the one binary Cargo.toml names and keeps that folder on its PATH, where the command finds it (before,
    the whole folder was taken for a toolchain and the file was left alone as a build environment; the real
    project kevinmmartins/rust-hello-world)."""
    result = refactor(INSTALL, read_context=context_of({"Cargo.toml": CARGO}))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /usr/local/cargo/bin/hello /usr/local/cargo/bin/hello" in runtime
    assert 'ENV PATH="/usr/local/cargo/bin:$PATH"' in runtime
    assert "COPY --from=builder /usr/local/cargo/bin /usr/local/cargo/bin" not in runtime


def test_cargo_install_of_another_crate_or_binary_still_copies_the_folder() -> None:
    """What Cargo.toml does not name (a crate from the registry, ``--bin`` picking one of several) is not known
    one by one: the folder stays whole, and so a toolchain the runtime would copy."""
    for line in ("RUN cargo install ripgrep", "RUN cargo install --path . --bin hello"):
        result = refactor(INSTALL.replace("RUN cargo install --path .", line),
                          read_context=context_of({"Cargo.toml": CARGO}))
        assert not result.changed and "toolchain (/usr/local/cargo/bin)" in (result.skipped or "")


def test_cargo_install_reads_the_manifest_a_copy_put_in_its_folder() -> None:
    """The crate in a folder of the context (rp24rust mlieberman85/rust-hello-world-demo: `COPY rust/ /tmp/`,
    `WORKDIR /tmp`, `cargo install --path .`): its Cargo.toml names the binary, and its Cargo.lock says what it
    links; before, only a Cargo.toml at the context's root was read, and the file was left alone as a build
    environment (998.8 MB; the hand-written two-stage file is 85.7 MB)."""
    text = 'FROM rust:1.63\nCOPY "rust/" "/tmp/"\nWORKDIR "/tmp"\nRUN ["cargo", "install", "--path", "."]\n' \
        'CMD ["hello"]\n'
    result = refactor(text, read_context=context_of({"rust/Cargo.toml": CARGO, "rust/Cargo.lock": PLAIN_LOCK}))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "COPY --from=builder /usr/local/cargo/bin/hello /usr/local/cargo/bin/hello" in runtime
    assert "ldd" not in builder  # the plain Cargo.lock in rust/ was read
    sys_lock = refactor(text, read_context=context_of({"rust/Cargo.toml": CARGO, "rust/Cargo.lock": SYS_LOCK}))
    assert "-exec ldd" in sys_lock.text
