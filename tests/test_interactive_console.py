"""A command that starts an interpreter's console with no program to run (`CMD ["ipython"]`, `CMD ["python"]`,
`node`, `irb`, `php -a`): whoever runs the image types their own code, which may import anything the build installed,
as a shell's or `rails console`'s users may run anything. Dev file 1ae27b41 (`CMD ["ipython"]`): the runtime lacked
the Cython a `pip install Cython` put in the builder (a reviewer's engine repro: ModuleNotFoundError). Left alone;
a command that names a program, and a file with no CMD on the python or node image (whose users name the program
with `docker run`, the fixture node-no-cmd), are rewritten as before."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = "FROM {image}\nWORKDIR /app\nCOPY . .\nRUN {build}\n{cmd}\n"
PY = ("python:3.11", "pip install -r requirements.txt")
NODE = ("node:18", "npm ci")


@pytest.mark.parametrize(("image", "cmd"), [
    (PY, 'CMD ["ipython"]'), (PY, 'CMD ["python"]'), (PY, "CMD python3"), (NODE, 'CMD ["node"]'),
    (("ruby:3.2", "bundle install"), 'CMD ["irb"]'), (("php:8.2-cli", "docker-php-ext-install pdo_mysql"),
                                                      'CMD ["php", "-a"]'),
])
def test_a_console_is_left_alone(image: tuple[str, str], cmd: str) -> None:
    result = refactor(FILE.format(image=image[0], build=image[1], cmd=cmd))
    assert not result.changed and "an interactive console" in (result.skipped or ""), result.skipped


@pytest.mark.parametrize(("image", "cmd"), [
    (PY, 'CMD ["python", "app.py"]'), (PY, 'CMD ["ipython", "script.ipy"]'), (NODE, 'CMD ["node", "server.js"]'),
    (PY, 'ENTRYPOINT ["python"]\nCMD ["app.py"]'), (PY, ""), (NODE, ""),
])
def test_a_program_or_no_cmd_is_rewritten(image: tuple[str, str], cmd: str) -> None:
    result = refactor(FILE.format(image=image[0], build=image[1], cmd=cmd))
    assert result.changed, result.skipped
