"""The programs a JavaScript or TypeScript module runs through Node.js's child_process.

An online-IDE backend (rp10: khangdang12324/DoAnChuyenNganh-BackEnd's server.js) runs the compilers the file installs
at request time: ``exec(`cd "${dir}" && javac Main.java && java Main`)``, and ``exec(`${compiler} ...`)`` with
``const compiler = language === 'c' ? 'gcc' : 'g++'``. A module that imports child_process is read for:

- the command lines of ``exec``/``execSync`` (a shell's: every command of the line, ``${...}`` read as one word) and
  the programs of ``spawn``/``execFile`` (and their Sync forms), written as literals;
- the string literals that are a single word, and the template literals read as command lines, which such a module
  may hand to one of them through a variable (``cmd = `cd "${dir}" && javac Main.java`; exec(cmd)``).

The words are names the caller looks up among the commands the packages provide; one that no build-only package
provides keeps nothing. Reading is by regular expressions over the text (no JavaScript parser among the project's
libraries), each linear in the text.
"""

from __future__ import annotations

import re

from .commands import program_names
from .shell import parse_shell

# a module that uses child_process: require('child_process'), import ... from 'node:child_process'
_USES = re.compile(r"""['"](?:node:)?child_process['"]""")
# a call of a runner with a literal first argument (the quote, then the text up to the same quote)
_CALL = re.compile(r"""\b(exec|execSync|spawn|spawnSync|execFile|execFileSync)\s*\(\s*(['"`])((?:\\.|(?!\2).)*)\2""",
                   re.S)
# a single-word string literal: a program's name a variable may carry to a runner
_WORD = re.compile(r"""['"]([a-z][\w+.-]{0,30})['"]""")
# a template literal (no nesting of templates in its placeholders)
_TEMPLATE = re.compile(r"`((?:\\.|[^`\\])*)`")
# a template literal's placeholder, read as one word of the command line
_PLACEHOLDER = re.compile(r"\$\{[^{}`]*\}")
_SHELL_LINE = frozenset({"exec", "execSync"})


def programs_spawned(text: str) -> tuple[str, ...]:
    """The program names a module that imports child_process may run (nothing for another module)."""
    if not _USES.search(text):
        return ()
    out: list[str] = []
    for m in _CALL.finditer(text):
        runner, literal = m.group(1), _PLACEHOLDER.sub("X", m.group(3))
        out += _line_commands(literal) if runner in _SHELL_LINE else literal.split()[:1]
    out += _WORD.findall(text)
    out += [w for m in _TEMPLATE.finditer(text) for w in _line_commands(_PLACEHOLDER.sub("X", m.group(1)))]
    return program_names(out)


def _line_commands(line: str) -> list[str]:
    """The commands of a shell command line (``cd d && javac Main.java && java Main``: cd, javac, java)."""
    return [c.name for c in parse_shell(line).commands if c.name]
