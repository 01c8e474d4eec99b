"""audit --engine dask: the per-file work on a dask cluster, yielded in the order of the paths.

One LocalCluster (two worker processes) serves the module; one more is started
by map_ordered itself (scheduler=None), in a subprocess that is then sent Ctrl-C.
The work functions are top-level so that the workers unpickle them by reference."""
from __future__ import annotations

import json
import logging
import os
import random
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from linter.dask_engine import LOCAL_CLUSTER_CONFIG, map_ordered
from linter.errors import ConfigError


def _paths(count: int) -> list[str]:
    return [f"{index:04d}.txt" for index in range(count)]


def slow_first_chunks(path: str, chunk_size: int) -> str:
    """Every fourth chunk is slow, the others take a random moment: chunks finish out of order."""
    index = int(path[:4])
    slow = (index // chunk_size) % 4 == 0
    time.sleep(0.005 if slow else random.Random(path).random() * 0.001)
    return f"{path}:{index * index}"


def mark_and_sleep(folder: str, path: str) -> str:
    """Leaves a mark for each path the cluster started on."""
    Path(folder, path).touch()
    time.sleep(0.02)
    return path.upper()


def raise_on(bad: str, path: str) -> str:
    if path == bad:
        raise ValueError(f"坏文件 {path}")
    return path.upper()


def exit_on(bad: str, path: str) -> str:
    if path == bad:
        time.sleep(0.05)  # as a real file would take a while; the previous result is fetched meanwhile
        os._exit(3)  # a crash in a C library, as the worker's nanny sees it
    return path.upper()


@pytest.fixture(scope="module")
def scheduler() -> str:
    """A cluster set up as map_ordered sets up its own (this process hosts the scheduler)."""
    distributed = pytest.importorskip("distributed")
    import dask

    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL)
        try:
            yield cluster.scheduler_address
        finally:
            cluster.close()


def _settled(address: str) -> None:
    """Wait until the scheduler has nothing left to run (a bound against a hang, not a timing check)."""
    import distributed

    def busy(dask_scheduler) -> int:
        return sum(task.state not in ("memory", "released", "forgotten", "erred")
                   for task in dask_scheduler.tasks.values())

    with distributed.Client(address, set_as_default=False) as observer:
        deadline = time.monotonic() + 60
        while observer.run_on_scheduler(busy):
            assert time.monotonic() < deadline, "the cluster is still busy a minute later"
            time.sleep(0.05)


def test_results_come_in_the_order_of_the_paths(scheduler):
    paths = _paths(300)
    work = partial(slow_first_chunks, chunk_size=7)
    said = []
    results = list(map_ordered(work, paths, scheduler=scheduler, chunk_size=7, on_cluster=said.append))
    assert results == [work(path) for path in paths]
    assert said == [f"dask 集群 {scheduler}：2 个工作进程"]


def test_no_more_than_the_window_is_submitted(scheduler, tmp_path):
    results = map_ordered(partial(mark_and_sleep, str(tmp_path)), _paths(200), scheduler=scheduler,
                          chunk_size=2, max_chunks_in_flight=3)
    try:
        assert next(results) == "0000.TXT"
        _settled(scheduler)
        assert len(list(tmp_path.iterdir())) == 3 * 2
    finally:
        results.close()


def test_closing_early_returns_and_cancels_the_rest(scheduler, tmp_path):
    paths = _paths(400)
    results = map_ordered(partial(mark_and_sleep, str(tmp_path)), paths, scheduler=scheduler,
                          chunk_size=2, max_chunks_in_flight=len(paths))
    assert [next(results) for _ in range(3)] == ["0000.TXT", "0001.TXT", "0002.TXT"]
    closing = threading.Thread(target=results.close, daemon=True)
    closing.start()
    closing.join(60)  # a guard against a hang, not a timing check
    assert not closing.is_alive()
    _settled(scheduler)
    assert len(list(tmp_path.iterdir())) < len(paths) // 4  # 400 × 20 ms would be 4 s on two workers


def test_a_path_that_fails_costs_only_its_own_result(scheduler):
    paths = _paths(40)
    results = list(map_ordered(partial(raise_on, "0013.txt"), paths, scheduler=scheduler, chunk_size=5,
                               on_lost=lambda path, reason: ("lost", path, reason)))
    assert results[:13] == [path.upper() for path in paths[:13]]
    assert results[14:] == [path.upper() for path in paths[14:]]
    lost, path, reason = results[13]
    assert (lost, path) == ("lost", "0013.txt")
    assert "ValueError" in reason and "坏文件" in reason


def test_without_on_lost_the_failure_is_raised_in_its_turn(scheduler):
    paths = _paths(40)
    seen = []
    with pytest.raises(ValueError, match="坏文件 0013.txt"):
        for result in map_ordered(partial(raise_on, "0013.txt"), paths, scheduler=scheduler, chunk_size=5):
            seen.append(result)
    assert seen == [path.upper() for path in paths[:13]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("address", [f"tcp://127.0.0.1:{_free_port()}", "nonsense", "http://127.0.0.1:8787"])
def test_an_unusable_scheduler_address_is_a_config_error(address):
    pytest.importorskip("distributed")
    with pytest.raises(ConfigError, match="dask 调度器"):
        next(map_ordered(str.upper, ["a.txt"], scheduler=address, connect_timeout=1))


#: A web server on the port given (the dashboard's, say): dask reads its reply as a frame of
#: exabytes. Run apart, so that what a half-started Client would print at exit is seen.
_WRONG_SERVICE = """
import socket, threading
from linter.dask_engine import map_ordered
from linter.errors import ConfigError

server, kept_open = socket.create_server(("127.0.0.1", 0)), []

def answer_like_a_web_server():
    while True:
        connection, _ = server.accept()
        connection.sendall(b"HTTP/1.1 400 Bad Request\\r\\ncontent-length: 0\\r\\n\\r\\n")
        kept_open.append(connection)  # keep-alive

threading.Thread(target=answer_like_a_web_server, daemon=True).start()
try:
    next(map_ordered(str.upper, ["a.txt"], scheduler=f"tcp://127.0.0.1:{server.getsockname()[1]}",
                     connect_timeout=5))
except ConfigError as error:
    print(error)
"""


def test_a_service_that_is_no_scheduler_is_a_config_error_and_nothing_else():
    pytest.importorskip("distributed")
    run = subprocess.run([sys.executable, "-c", _WRONG_SERVICE], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).parent.parent)
    assert "不是 dask 调度器" in run.stdout
    assert run.stderr == ""


#: Run in a session of its own, so that a Ctrl-C on "its terminal" reaches it and its workers only.
_INTERRUPTED_RUN = """
import json, os, signal, sys, time
import psutil
from linter.dask_engine import map_ordered

signal.signal(signal.SIGINT, signal.default_int_handler)  # as on a terminal, whatever pytest's parent did

def workers():
    return [child.pid for child in psutil.Process().children(recursive=True)
            if "resource_tracker" not in " ".join(child.cmdline())]  # multiprocessing's, lives as long as we do

said, results, during = [], [], []
try:
    for result in map_ordered(str.upper, [f"{index:06d}.txt" for index in range(100_000)],
                              workers=2, chunk_size=2, on_cluster=said.append):
        results.append(result)
        if len(results) == 3:
            during = workers()
            os.killpg(0, signal.SIGINT)  # Ctrl-C: this process and every worker get SIGINT
            time.sleep(60)
except KeyboardInterrupt:
    pass
print(json.dumps({"said": said, "results": results, "during": during, "after": workers()}))
"""


def test_a_local_cluster_is_started_and_stopped_by_the_call_even_on_ctrl_c():
    pytest.importorskip("distributed")
    pytest.importorskip("psutil")
    run = subprocess.run([sys.executable, "-c", _INTERRUPTED_RUN], capture_output=True, text=True,
                         timeout=120, start_new_session=True, cwd=Path(__file__).parent.parent)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # no worker's traceback, no dask log line
    outcome = json.loads(run.stdout)
    assert outcome["said"] == ["dask 本地集群：2 个工作进程"]
    assert outcome["results"] == ["000000.TXT", "000001.TXT", "000002.TXT"]
    assert len(outcome["during"]) == 2, "the work ran in no worker processes of its own"
    assert outcome["after"] == []


def test_without_dask_the_module_imports_and_the_call_says_what_to_install(monkeypatch):
    probe = ("import sys; sys.modules['dask'] = sys.modules['distributed'] = None; "
             "import linter.dask_engine; print('ok')")
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert imported.stdout.strip() == "ok", imported.stderr
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install 'xxgk-lint\[cluster\]'"):
        next(map_ordered(str.upper, ["a.txt"]))


def test_a_worker_that_dies_costs_only_its_own_file(scheduler):
    """Last: the dying file takes several workers down before the scheduler gives it up."""
    paths = _paths(12)
    results = list(map_ordered(partial(exit_on, "0005.txt"), paths, scheduler=scheduler, chunk_size=4,
                               on_lost=lambda path, reason: ("lost", path, reason)))
    assert results[:5] + results[6:] == [path.upper() for path in paths[:5] + paths[6:]]
    lost, path, reason = results[5]
    assert (lost, path) == ("lost", "0005.txt")
    assert "工作进程" in reason
