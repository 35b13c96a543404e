"""A Go program that reads a configuration from its folder which the repository leaves out (rp26review
Raikerian/go-remai-bot-discord: credentials.yaml, made from credentials_example.yaml before building), on a real
engine: rewritten from the checkout (without the file) and built from the user's context (with it), the runtime has
the file, as the original image does; before, it listed the checkout's files and the program found none. Skipped
without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import context_of, verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

FILE = """FROM golang:1.19
WORKDIR /app
COPY . .
RUN go build -o main .
CMD ["/app/main"]
"""

MAIN = """package main

import (
\t"fmt"
\t"os"
)

func main() {
\tdata, err := os.ReadFile("credentials.yaml")
\tif err != nil {
\t\tfmt.Println("no credentials")
\t\tos.Exit(1)
\t}
\tfmt.Print(string(data))
}
"""


def test_a_configuration_the_checkout_lacks_reaches_the_runtime(tmp_path: Path) -> None:
    checkout = {"go.mod": "module app\n\ngo 1.19\n", "main.go": MAIN, ".gitignore": "credentials.yaml\n",
                "credentials_example.yaml": "token: CHANGE_ME\n"}
    for name, text in {**checkout, "credentials.yaml": "token: secret\n", "Dockerfile": FILE}.items():
        (tmp_path / name).write_text(text)
    result = refactor(FILE, read_context=context_of(checkout))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "token: secret"


OUTSIDE = """FROM golang:1.19
WORKDIR /app
COPY . ./
RUN go build -o /server .
CMD ["/server"]
"""


def test_a_file_the_program_reads_from_its_working_folder_reaches_the_runtime(tmp_path: Path) -> None:
    """rp27review jgb27/go-docker-postgres: the program is built outside the folder (/server), runs in /app, and reads
    .env there, which the checkout lacks and the user makes before building."""
    main = MAIN.replace("credentials.yaml", ".env")
    checkout = {"go.mod": "module app\n\ngo 1.19\n", "main.go": main, ".gitignore": ".env\n"}
    for name, text in {**checkout, ".env": "token: secret\n", "Dockerfile": OUTSIDE}.items():
        (tmp_path / name).write_text(text)
    result = refactor(OUTSIDE, read_context=context_of(checkout))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "token: secret"
