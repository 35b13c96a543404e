"""msrefactor: turn single-stage Dockerfiles into smaller multi-stage ones."""

from .errors import DockerfileSyntaxError
from .parser import parse
from .render import render

__all__ = ["DockerfileSyntaxError", "parse", "render"]
__version__ = "0.1.0"
