"""The ``msrefactor`` command line.

``msrefactor FILE`` refactors one file (the default command); ``msrefactor parse``,
``batch`` and ``verify`` are subcommands. Exit statuses: see :mod:`outcome`
(0 done, 1 ``--check`` found a change or verify a difference, 2 an error).
"""

from __future__ import annotations

import itertools
import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .config import config_flags
from .errors import DockerfileSyntaxError
from .fileio import read_text
from .outcome import ExitCode, Status
from .parser import parse
from .tree import Blank, Comment, Directive, Dockerfile, Instruction

if TYPE_CHECKING:
    from .refactor import Result
    from .report import Outcome


class DefaultGroup(click.Group):
    """A group whose first argument, when it is no subcommand, goes to ``refactor``.

    Subcommands that live in their own modules (``LAZY``) are imported only when they run
    or when ``--help`` lists them: ``msrefactor FILE`` never pays for batch's process pool
    or verify's HTTP client.
    """

    default_command = "refactor"
    LAZY = {"batch": ("transformer.batch", "batch_cmd"), "verify": ("transformer.verify", "verify_cmd")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.LAZY:
            import importlib

            module, attr = self.LAZY[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return self.commands.get(name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in self.LAZY \
                and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        elif not args:
            args = ["--help"]
        return super().parse_args(ctx, args)


def fail(message: str) -> None:
    """Print ``msrefactor: message`` on stderr and exit 2."""
    click.echo(f"msrefactor: {message}", err=True)
    sys.exit(ExitCode.ERROR)


def load(path: str) -> tuple[str, str]:
    """(display name, text) of a file (``-``: stdin), or exit 2 with one line on stderr."""
    name = "<stdin>" if path == "-" else path
    try:
        return name, read_text(path)
    except IsADirectoryError:
        fail(f"{name}: Is a directory (msrefactor batch {name} refactors the Dockerfiles in it)")
    except OSError as e:
        fail(f"{name}: {e.strerror or e}")
    raise AssertionError("unreachable")


def parse_or_fail(name: str, text: str) -> Dockerfile:
    try:
        return parse(text)
    except DockerfileSyntaxError as e:
        fail(e.located(name))
        raise  # unreachable


@click.group(
    cls=DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="""Turn a single-stage Dockerfile into a smaller multi-stage one.

\b
Examples:
  msrefactor Dockerfile                  print the refactored file
  msrefactor Dockerfile -o Dockerfile.new
  msrefactor --diff Dockerfile           show what would change
  msrefactor --check Dockerfile          exit 1 if it would change
  msrefactor parse Dockerfile --json     the instructions, as BuildKit reads them
""",
)
@click.version_option(__version__, "--version", prog_name="msrefactor")
def main() -> None:
    pass


@main.command("parse")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per instruction (BuildKit's fields).")
def parse_cmd(file: str, as_json: bool) -> None:
    """Show how a Dockerfile is read: its instructions and the tree.

    \b
    Example:
      msrefactor parse Dockerfile --json | jq '.[].cmd'
    """
    from .dump import records
    from .report import print_out

    name, text = load(file)
    tree = parse_or_fail(name, text)
    # print_out, not click.echo: bytes that are not UTF-8 go out as they came in
    try:
        if as_json:
            print_out(json.dumps(records(tree), indent=2, ensure_ascii=False) + "\n")
        else:
            print_out(_describe(tree) + "\n")
    except BrokenPipeError:  # msrefactor parse Dockerfile | head
        sys.stderr.close()


def _describe(tree: Dockerfile) -> str:
    out: list[str] = []
    if tree.bom:
        out.append("bom")
    for d in tree.directives:
        out.append(f"directive {d.name}={d.value}")
    for item in tree.preamble:
        out.append(_describe_item(item, "  "))
    for stage in tree.stages:
        label = f"stage {stage.index}" + (f" {stage.name!r}" if stage.name else "")
        out.append(f"{label} from {stage.base_image} (line {stage.from_.start_line})")
        for c in stage.leading:
            out.append(_describe_item(c, "  "))
        for item in stage.body:
            out.append(_describe_item(item, "  "))
    return "\n".join(out)


def _describe_item(item: Instruction | Comment | Blank | Directive, indent: str) -> str:
    if isinstance(item, Instruction):
        span = str(item.start_line)
        if item.end_line != item.start_line:
            span += f"-{item.end_line}"
        bits: list[Any] = [item.keyword.upper()]
        if item.flags:
            bits.append(" ".join(item.flags))
        bits.append(json.dumps(list(item.value), ensure_ascii=False))
        if item.json:
            bits.append("(json)")
        if item.heredocs:
            bits.append("heredocs: " + ", ".join(h.name for h in item.heredocs))
        return f"{indent}[{span}] " + " ".join(str(b) for b in bits)
    if isinstance(item, Comment):
        return f"{indent}# {item.body}"
    return f"{indent}(blank)"


class OutputMode(Enum):
    """Where ``msrefactor FILE`` puts its result (``--check`` adds its exit status to any of them)."""

    PRINT = "print"  # the new text on stdout (the default, and -o -)
    FILE = "file"  # -o FILE
    IN_PLACE = "in-place"  # --in-place: FILE itself
    DIFF = "diff"  # --diff: a unified diff on stdout
    JSON = "json"  # --json: text, status, reasons on stdout
    NOTHING = "nothing"  # --check alone: only the exit status


# Every pair of mode flags that cannot go together, and why; the pairs not here go together:
# --check --diff and --check --json show the change and exit 1 (as ruff and black do).
CONFLICTS: dict[frozenset[str], str] = {
    frozenset({"--diff", "--output"}): "--diff prints the diff on stdout, there is no file to write",
    frozenset({"--diff", "--in-place"}): "--diff shows the change without making it",
    frozenset({"--diff", "--json"}): "both print on stdout; the JSON holds the new text",
    frozenset({"--check", "--output"}): "--check writes nothing",
    frozenset({"--check", "--in-place"}): "--check writes nothing",
    frozenset({"--in-place", "--output"}): "--in-place writes FILE itself",
    frozenset({"--in-place", "--json"}): "--json prints the result instead of writing it",
    frozenset({"--json", "--output"}): "--json prints on stdout, there is no file to write",
}


def output_mode(file: str, output: str | None, in_place: bool, diff: bool, check: bool, as_json: bool) -> OutputMode:
    """The one output mode the flags ask for; a conflicting pair is an error (exit 2), never ignored."""
    given = [flag for flag, on in (("--diff", diff), ("--check", check), ("--in-place", in_place),
                                   ("--output", output is not None), ("--json", as_json)) if on]
    for a, b in itertools.combinations(given, 2):
        why = CONFLICTS.get(frozenset({a, b}))
        if why:
            fail(f"{a} and {b} do not go together: {why}")
    if in_place and file == "-":
        fail("--in-place needs a file, not stdin")
    if as_json:
        return OutputMode.JSON
    if diff:
        return OutputMode.DIFF
    if in_place:
        return OutputMode.IN_PLACE
    if output not in (None, "-"):
        return OutputMode.FILE
    return OutputMode.NOTHING if check else OutputMode.PRINT


@main.command("refactor")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(allow_dash=True, dir_okay=False),
              help="Write the result here (default: stdout).")
@click.option("--in-place", "-i", is_flag=True, help="Replace FILE with the result (atomically; mode, CRLF, BOM kept).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the file.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the file would change, 0 when not "
                                            "(with --diff or --json: and print the change).")
@click.option("--explain", is_flag=True, help="Print the reason of every change (on stderr).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON: text, status, changes, skip reason.")
@click.option("--context", "context_dir", type=click.Path(file_okay=False),
              help="The build context (default: the file's folder) to read requirements, package.json...")
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors.")
@config_flags
def refactor_cmd(file: str, output: str | None, in_place: bool, show_diff: bool, check: bool, explain: bool,
                 as_json: bool, context_dir: str | None, quiet: bool, config_file: str | None,
                 stage_names: tuple[str, ...], image_map: tuple[str, ...], disable: tuple[str, ...],
                 runtime_user: str | None, buildkit: bool | None = None) -> None:
    """Refactor one Dockerfile (FILE, or - for stdin) into builder/test/runtime stages.

    Settings come from .msrefactor.toml or pyproject.toml's [tool.msrefactor] (looked up
    from FILE's folder); the flags override them. Exit status: 0 done (or nothing to do),
    1 --check found a change, 2 an error (bad input or flags, or an internal error).

    \b
    Examples:
      msrefactor Dockerfile -o Dockerfile.new
      msrefactor --diff Dockerfile
      msrefactor --check Dockerfile && echo "nothing to do"
      cat Dockerfile | msrefactor - > Dockerfile.new
    """
    import os

    from .batch import refactor_text
    from .config import ConfigError, resolver_from_flags
    from .report import Reporter

    mode = output_mode(file, output, in_place, show_diff, check, as_json)
    reporter = Reporter(check=check, quiet=quiet, single=True)
    try:
        options = resolver_from_flags(config_file, stage_names, image_map, disable, runtime_user,
                                      buildkit).options_for(file)
    except ConfigError as e:
        fail(str(e))
    name, text = load(file)
    if context_dir is None and file != "-":
        context_dir = os.path.dirname(os.path.abspath(file))
    outcome, result = refactor_text(name, text, options, context_dir, diff_names=(f"a/{name}", f"b/{name}"))
    if result is None or outcome.status is Status.ERROR:
        reporter.add(outcome)
        sys.exit(reporter.exit_code)
    if explain and not quiet:
        for line in outcome.reasons():
            click.echo(f"{name}: {line}", err=True)
    reporter.add(outcome)
    try:
        _write_result(mode, file, output, outcome, result)
    except BrokenPipeError:  # msrefactor Dockerfile | head
        sys.stderr.close()
    except OSError as e:
        fail(f"{e.filename or output or name}: {e.strerror or e}")
    sys.exit(reporter.exit_code)


def _write_result(mode: OutputMode, file: str, output: str | None, outcome: Outcome, result: Result) -> None:
    """Put the result where ``mode`` says."""
    import os

    from .fileio import write_text_atomic
    from .report import color_diff, print_out

    if mode is OutputMode.JSON:
        print_out(json.dumps({
            "file": outcome.path,
            "status": result.status.value,
            "changed": result.changed,
            "skipped": result.skipped,
            "changes": [{"kind": c.kind, "line": c.line, "message": c.message} for c in result.changes],
            "text": result.text,
        }, indent=2, ensure_ascii=False) + "\n")
    elif mode is OutputMode.DIFF:
        print_out(color_diff(outcome.diff) if sys.stdout.isatty() else outcome.diff)
    elif mode is OutputMode.IN_PLACE:
        if outcome.status is Status.CHANGED:
            write_text_atomic(os.path.realpath(file), result.text)
    elif mode is OutputMode.FILE:
        assert output is not None
        write_text_atomic(output, result.text)
    elif mode is OutputMode.PRINT:
        print_out(result.text)
