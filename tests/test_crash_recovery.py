"""A real `medoracle ingest` process killed or interrupted mid-way leaves a consistent library."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from medoracle.library import Library

BATCH = 100
RECORDS = 20_000


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(RECORDS):
            record = {
                "_id": str(n),
                "title": f"Leg cramps study {n}",
                "text": f"Among {n + 10} adults, cramps fell by {n % 90}% vs. placebo. Effects persisted at 12 weeks.",
            }
            out.write(json.dumps(record) + "\n")
    return path


def _start_ingest(data_dir: Path, corpus: Path) -> subprocess.Popen[bytes]:
    medoracle = str(Path(sys.executable).with_name("medoracle"))
    env = {**os.environ, "MEDORACLE_BATCH_SIZE": str(BATCH)}
    return subprocess.Popen(
        [medoracle, "--data-dir", str(data_dir), "ingest", "beir", str(corpus), "--source", "crash"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_documents(url: str, minimum: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if Path(url.removeprefix("sqlite:///")).exists():
            with Library(url) as library:
                if library.count_documents() >= minimum:
                    return
        time.sleep(0.05)
    pytest.fail("the ingest finished or stalled before it could be interrupted")


def _assert_consistent(url: str) -> int:
    with Library(url) as library, library.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        orphans = connection.execute(
            text(
                "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.identifier)"
            )
        ).scalar_one()
        assert orphans == 0, "a document was committed without its passages"
        count = library.count_documents()
    assert count % BATCH == 0, f"{count} documents: a batch was half-written"
    return count


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_an_interrupted_ingest_is_consistent_and_a_rerun_completes_it(
    tmp_path: Path, corpus: Path, how: signal.Signals
) -> None:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    process = _start_ingest(tmp_path, corpus)
    _wait_for_documents(url, 3 * BATCH, process)
    process.send_signal(how)
    _, stderr = process.communicate(timeout=60)

    committed = _assert_consistent(url)
    assert 0 < committed < RECORDS
    if how is signal.SIGINT:
        assert process.returncode == 130
        assert b"interrupted" in stderr
        assert b"run the same command again" in stderr

    rerun = _start_ingest(tmp_path, corpus)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()
    assert f"{RECORDS - committed:,} ingested".encode() in stderr
    assert f"{committed:,} unchanged".encode() in stderr
    assert _assert_consistent(url) == RECORDS
