"""Errors the public API raises."""

from __future__ import annotations


class DockerfileSyntaxError(ValueError):
    """The text is not a Dockerfile that BuildKit's parser accepts.

    ``line`` and ``column`` are 1-based and point at where the problem was found.
    """

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(line, 1)
        self.column = max(column, 1)

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"

    def located(self, filename: str) -> str:
        """``file:line:col: message``, the form the CLI prints."""
        return f"{filename}:{self.line}:{self.column}: {self.message}"
