"""Configuration lookup (.msrefactor.toml, pyproject.toml) and command-line overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import GO_STDLIB, PY_TESTS

from transformer.cli import main
from transformer.config import (
    Config,
    ConfigError,
    Resolver,
    find_config,
    from_flags,
    load_file,
    resolver_from_flags,
)
from transformer.refactor import DEFAULT_STAGE_NAMES


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """repo/.git, repo/pyproject.toml, repo/svc/sub/Dockerfile."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "svc" / "sub").mkdir(parents=True)
    (repo / "svc" / "sub" / "Dockerfile").write_text(PY_TESTS)
    return repo


def test_pyproject_found_from_a_nested_folder(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.msrefactor]\nstage_names = { builder = "build" }\n')
    assert find_config(tree / "svc" / "sub") == tree / "pyproject.toml"
    opts = Resolver().options_for(str(tree / "svc" / "sub" / "Dockerfile"))
    assert opts.stage_names["builder"] == "build"
    assert opts.stage_names["runtime"] == DEFAULT_STAGE_NAMES["runtime"]


def test_pyproject_without_table_is_passed_over(tree: Path) -> None:
    (tree / "svc" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tree / ".msrefactor.toml").write_text('disable = ["python"]\n')
    assert find_config(tree / "svc" / "sub") == tree / ".msrefactor.toml"


def test_msrefactor_toml_wins_over_pyproject_in_the_same_folder(tree: Path) -> None:
    (tree / "svc" / "pyproject.toml").write_text('[tool.msrefactor]\nruntime_user = "a"\n')
    (tree / "svc" / ".msrefactor.toml").write_text('runtime_user = "b"\n')
    assert Resolver().options_for(str(tree / "svc" / "sub" / "Dockerfile")).runtime_user == "b"


def test_nearest_file_wins(tree: Path) -> None:
    (tree / ".msrefactor.toml").write_text('runtime_user = "outer"\n')
    (tree / "svc" / ".msrefactor.toml").write_text('runtime_user = "inner"\n')
    assert Resolver().options_for(str(tree / "svc" / "sub" / "Dockerfile")).runtime_user == "inner"


def test_lookup_stops_at_the_repository_root(tree: Path) -> None:
    (tree.parent / ".msrefactor.toml").write_text('runtime_user = "outside"\n')
    assert find_config(tree / "svc" / "sub") is None
    assert Resolver().options_for(str(tree / "svc" / "sub" / "Dockerfile")).runtime_user is None
    shutil.rmtree(tree / ".git")  # no repository: the walk goes on up
    assert find_config(tree / "svc" / "sub") == tree.parent / ".msrefactor.toml"


def test_all_keys(tmp_path: Path) -> None:
    cfg = tmp_path / ".msrefactor.toml"
    cfg.write_text(
        'image_map = { "python:3.11" = "registry.local/python:3.11-slim", golang = "gcr.io/distroless/base" }\n'
        'stage_names = { builder = "build", test = "check", runtime = "app" }\n'
        'disable = ["go", "jvm"]\n'
        'runtime_user = "app"\n'
    )
    opts = load_file(cfg).options()
    assert opts.image_map == {"python:3.11": "registry.local/python:3.11-slim", "golang": "gcr.io/distroless/base"}
    assert opts.stage_names == {"builder": "build", "test": "check", "runtime": "app"}
    assert opts.disabled_passes == frozenset({"go", "jvm"})
    assert opts.runtime_user == "app"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("colour = 1\n", "unknown key 'colour'"),
        ('disable = ["gcc"]\n', "unknown pass 'gcc'"),
        ('disable = "go"\n', "disable must be a list"),
        ('stage_names = { compile = "x" }\n', "unknown stage 'compile'"),
        ('stage_names = { builder = "a b" }\n', "not a valid stage name"),
        ('stage_names = { builder = "runner" }\n', "stage names must differ"),
        ("image_map = { python = 3 }\n", "image_map must be a table"),
        ("runtime_user = 5\n", "runtime_user must be"),
        ("image_map = {\n", "invalid TOML"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path: Path, text: str, needle: str) -> None:
    cfg = tmp_path / ".msrefactor.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_file(cfg)
    assert needle in str(info.value)
    assert str(cfg) in str(info.value)


def test_flags_override_the_file_key_by_key(tree: Path) -> None:
    (tree / ".msrefactor.toml").write_text(
        'stage_names = { builder = "build", runtime = "app" }\n'
        'image_map = { "python:3.11" = "a/python", node = "b/node" }\n'
        'disable = ["go"]\nruntime_user = "file"\n'
    )
    resolver = resolver_from_flags(None, ["builder=compile"], ["python:3.11=registry.local/python:3.11-slim"],
                                   ["jvm,rust"], None)
    opts = resolver.options_for(str(tree / "svc" / "sub" / "Dockerfile"))
    assert opts.stage_names == {"builder": "compile", "test": "test", "runtime": "app"}
    assert opts.image_map == {"python:3.11": "registry.local/python:3.11-slim", "node": "b/node"}
    assert opts.disabled_passes == frozenset({"jvm", "rust"})  # a --disable list replaces the file's
    assert opts.runtime_user == "file"


def test_bad_flags() -> None:
    with pytest.raises(ConfigError, match="--stage-name wants KEY=VALUE"):
        from_flags(stage_names=["builder"])
    with pytest.raises(ConfigError, match="unknown pass 'cobol'"):
        from_flags(disable=["cobol"])
    with pytest.raises(ConfigError, match="unknown stage"):
        from_flags(stage_names=["final=x"])


def test_explicit_config_replaces_the_lookup(tree: Path, tmp_path: Path) -> None:
    (tree / ".msrefactor.toml").write_text('runtime_user = "found"\n')
    other = tmp_path / "other.toml"
    other.write_text('runtime_user = "explicit"\n')
    assert Resolver(explicit=str(other)).options_for(str(tree / "svc" / "sub" / "Dockerfile")).runtime_user == (
        "explicit")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.msrefactor]\nruntime_user = "py"\n')
    assert Resolver(explicit=str(pyproject)).options_for(None).runtime_user == "py"


def test_plain_round_trip() -> None:
    cfg = Config(image_map={"a": "b"}, stage_names={"test": "t"}, disable=frozenset({"go"}), runtime_user="u")
    back = Config.from_plain(cfg.to_plain())
    assert back.options() == cfg.options()
    assert Config.from_plain(Config().to_plain()).disable is None


# --- through the command line ------------------------------------------------------------------------------------

def _stage_names(text: str) -> list[str]:
    return [line.split()[-1] for line in text.splitlines() if line.upper().startswith("FROM ") and " AS " in
            line.upper()]


def test_cli_applies_the_config_and_flags_override(tree: Path) -> None:
    dockerfile = tree / "svc" / "sub" / "Dockerfile"
    (tree / "pyproject.toml").write_text(
        '[tool.msrefactor]\nstage_names = { builder = "build", runtime = "app" }\n'
        'image_map = { "python:3.11" = "registry.local/python:3.11-slim" }\n'
    )
    runner = CliRunner()
    out = runner.invoke(main, [str(dockerfile)])
    assert out.exit_code == 0, out.output
    assert _stage_names(out.stdout) == ["build", "test", "app"]
    assert "FROM registry.local/python:3.11-slim AS app" in out.stdout

    out = runner.invoke(main, [str(dockerfile), "--stage-name", "builder=compile",
                               "--image-map", "python:3.11=mirror/python:slim"])
    assert out.exit_code == 0, out.output
    assert _stage_names(out.stdout) == ["compile", "test", "app"]
    assert "FROM mirror/python:slim AS app" in out.stdout


def test_cli_disable_pass_leaves_the_file(tree: Path) -> None:
    dockerfile = tree / "svc" / "sub" / "Dockerfile"
    dockerfile.write_text(GO_STDLIB)
    runner = CliRunner()
    assert runner.invoke(main, ["--check", str(dockerfile)]).exit_code == 1
    (tree / ".msrefactor.toml").write_text('disable = ["go"]\n')
    result = runner.invoke(main, ["--check", str(dockerfile)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["--check", "--disable", "python", str(dockerfile)]).exit_code == 1


def test_cli_bad_config_is_one_line_exit_2(tree: Path) -> None:
    (tree / ".msrefactor.toml").write_text("nonsense = true\n")
    result = CliRunner().invoke(main, [str(tree / "svc" / "sub" / "Dockerfile")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("msrefactor: ") and "unknown key 'nonsense'" in result.stderr
    result = CliRunner().invoke(main, ["--disable", "cobol", str(tree / "svc" / "sub" / "Dockerfile")])
    assert result.exit_code == 2 and "unknown pass 'cobol'" in result.stderr


FETCH = ("FROM python:3.11\nRUN curl -fsSL -o /opt/bin/tool https://example.com/tool && chmod +x /opt/bin/tool\n"
         "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")


def test_every_pass_of_the_passes_package_can_be_disabled(tree: Path) -> None:
    """The names come from the passes themselves: none is refused, and --help lists them all."""
    from transformer.passes import PASSES

    names = [p.name for p in PASSES]
    assert {"fetch", "web", "python"} <= set(names)
    dockerfile = str(tree / "svc" / "sub" / "Dockerfile")
    runner = CliRunner()
    for name in names:
        assert from_flags(disable=[name]).disable == frozenset({name})
        (tree / ".msrefactor.toml").write_text(f'disable = ["{name}"]\n')
        assert Resolver().options_for(dockerfile).disabled_passes == frozenset({name})
        r = runner.invoke(main, ["--check", "-q", "--disable", name, dockerfile])
        assert r.exit_code in (0, 1) and r.stderr == "", r.stderr
    usage = " ".join(runner.invoke(main, ["refactor", "--help"]).stdout.split())
    assert ", ".join(names) in usage


def test_disable_fetch_keeps_the_download_in_the_runtime(tree: Path) -> None:
    dockerfile = tree / "svc" / "sub" / "Dockerfile"
    dockerfile.write_text(FETCH)
    runner = CliRunner()
    r = runner.invoke(main, [str(dockerfile)])
    assert r.exit_code == 0 and "COPY --from=builder /opt/bin/tool" in r.stdout, r.output
    r = runner.invoke(main, ["--disable", "fetch", str(dockerfile)])
    assert r.exit_code == 0, r.stderr
    assert "COPY --from=builder /opt/bin/tool" not in r.stdout
