"""A SIGTERM while the worker pool starts (its first submit forks the workers, then starts the thread that feeds
them): the workers no thread would ever stop are stopped, and `batch` ends, instead of waiting for them for ever at
the interpreter's exit (seen under load, a hung `msrefactor batch` after test_interrupt's SIGTERM)."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from transformer import batch
from transformer.batch import Found


def test_workers_started_without_their_feeder_are_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    def start_then_interrupted(self: ProcessPoolExecutor) -> None:
        self._launch_processes()  # type: ignore[attr-defined]  # the workers are forked ...
        raise KeyboardInterrupt  # ... and the signal comes before the thread that feeds them starts

    monkeypatch.setattr(ProcessPoolExecutor, "_start_executor_manager_thread", start_then_interrupted)
    files = [Found(f"/nowhere/{i}/Dockerfile", "g", "Dockerfile") for i in range(4)]
    settings = batch.Settings(overrides={}, config_file=None, want_diff=False, keep_text=False, write=False)
    with pytest.raises(KeyboardInterrupt):
        batch._run_pool(files, settings, 2, lambda outcome: None, lambda: None)
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not multiprocessing.active_children()
