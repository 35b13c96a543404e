"""verify's HTTP check reads the answer of a server that replies without reading the request and then closes, which
resets the connection (rp24rust m3rryqold/dockerized-apps-templates: `HTTP/1.1 200 OK` and a body, no
Content-Length). urllib lost that answer 20 times out of 20 while curl showed it, so verify said the original "did
not answer" and the verdict hung on timing. A connection that breaks before any status line is still no answer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from transformer.verify import _get


@contextmanager
def server(reply: bytes) -> Iterator[int]:
    """A server on a free loopback port that answers ``reply`` to every connection without reading the request."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            time.sleep(0.05)  # the request has arrived, unread: closing now resets the connection
            if reply:
                conn.sendall(reply)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        listener.close()


def test_an_answer_before_the_reset_is_read() -> None:
    with server(b"HTTP/1.1 200 OK\r\n\r\nHello, World!") as port:
        for _ in range(5):
            assert _get(f"http://127.0.0.1:{port}/") == (200, "Hello, World!")


def test_a_reset_before_any_answer_is_no_answer() -> None:
    with server(b"") as port, pytest.raises(OSError):
        _get(f"http://127.0.0.1:{port}/")
