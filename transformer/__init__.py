"""msrefactor: turn single-stage Dockerfiles into smaller multi-stage ones."""

from . import _checkout  # noqa: F401 - first: a source checkout finds its grammar/
from .errors import DockerfileSyntaxError
from .outcome import Status
from .parser import parse
from .refactor import Change, Options, Result, refactor
from .render import render

__all__ = ["Change", "DockerfileSyntaxError", "Options", "Result", "Status", "parse", "refactor", "render"]
__version__ = "0.1.0"
