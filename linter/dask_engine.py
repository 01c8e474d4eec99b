"""The per-file work of an audit on a dask.distributed cluster (``audit --engine dask``).

A province or the whole country is more reports than one machine checks in a
morning; dask.distributed spreads the same per-file work over many. What the
caller needs from it is what the local engine gives: results in the order of
the paths, as soon as each next one is ready, in flat memory, and a clean stop
on Ctrl-C. So paths travel in chunks (one task each, few round trips), only a
bounded window of chunks is submitted at a time, and a chunk that finished
early waits only for its turn. A chunk that fails (its worker died, the work
raised) is retried path by path, so one bad file costs only its own result.

dask is the optional extra ``cluster``: nothing here imports it until
:func:`map_ordered` runs, and without it the run ends with a Chinese hint.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .errors import ConfigError, os_error_text

T = TypeVar("T")

#: How long to try to reach a given scheduler before giving up.
CONNECT_TIMEOUT_SECONDS = 10.0
#: How long closing the client and a local cluster may take (Ctrl-C must feel prompt).
CLOSE_TIMEOUT_SECONDS = 5.0
#: dask settings while a local cluster runs (its scheduler lives in this process), for files
#: that crash their worker (the nanny restarts it):
#: - a dead worker's port refuses at once, but dask retries a refusal until the connect
#:   timeout (30 s by default) while a gather that raced the death holds up the results;
#: - the cluster drops for good a worker that happens to be down (again) 15 s after it was
#:   first lost; a crashing file takes workers down several times, and with every worker
#:   dropped the run would wait forever.
LOCAL_CLUSTER_CONFIG = {"distributed.comm.timeouts.connect": "5s",
                        "distributed.deploy.lost-worker-timeout": "1000d"}
#: How often a path is tried on its own when workers keep dying under it (dask blames every
#: task queued on a dying worker, so a bystander may be unlucky once).
_ATTEMPTS_AFTER_DEATHS = 2
#: The loggers dask writes to; the CLI's stderr belongs to the progress bar and the summary.
_DASK_LOGGERS = ("distributed", "dask", "tornado", "asyncio", "bokeh")


def map_ordered(work: Callable[[str], T], paths: Iterable[str], *, scheduler: str | None = None,
                workers: int | None = None, chunk_size: int = 32, max_chunks_in_flight: int | None = None,
                on_cluster: Callable[[str], None] | None = None,
                on_lost: Callable[[str, str], T] | None = None,
                connect_timeout: float = CONNECT_TIMEOUT_SECONDS) -> Iterator[T]:
    """``work(path)`` for every path on a dask cluster, yielded in the order of ``paths``.

    ``scheduler`` None starts a local cluster of ``workers`` processes (default:
    one per CPU) for the duration of the call; an address (``tcp://host:8786``)
    connects to a running one (``workers`` is then ignored). ``work`` must be
    picklable (a top-level function or a ``functools.partial`` of one) and
    importable where the workers run. At most ``max_chunks_in_flight`` chunks of
    ``chunk_size`` paths are submitted or held at a time (default: four per
    worker thread). ``on_cluster`` receives a one-line Chinese description of the
    cluster once connected. A path that fails in its chunk and again on its own
    (the work raised, or workers kept dying under it) yields
    ``on_lost(path, reason)`` (reason in Chinese), or re-raises the failure when
    ``on_lost`` is None, in its turn.

    This is a generator: nothing starts, and no :class:`ConfigError` (dask
    missing, scheduler unreachable) is raised, until the first ``next()``.
    Closing it early (``close()``, Ctrl-C) cancels what is outstanding and shuts
    down the client and any local cluster.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    if max_chunks_in_flight is not None and max_chunks_in_flight < 1:
        raise ValueError(f"max_chunks_in_flight must be at least 1, got {max_chunks_in_flight}")
    distributed = _import_distributed()
    with ExitStack() as stack:
        stack.enter_context(_dask_logs_silenced())
        client, description = _connect(distributed, stack, scheduler, workers, connect_timeout)
        if on_cluster is not None:
            on_cluster(description)
        window = max_chunks_in_flight or 4 * max(1, sum(client.nthreads().values()))
        yield from _stream(distributed, client, work, paths, chunk_size, window, on_lost)


def _import_distributed():
    try:
        import distributed
    except ImportError as error:
        raise ConfigError("--engine dask 需要 dask.distributed，但它没有安装（或无法导入："
                          f"{error}）；请先运行 pip install 'xxgk-lint[cluster]'") from None
    return distributed


def _connect(distributed, stack: ExitStack, scheduler: str | None, workers: int | None,
             connect_timeout: float) -> tuple[Any, str]:
    """A client of the given scheduler or of a new local cluster, closed by ``stack``."""
    if scheduler is None:
        import dask

        count = workers or os.cpu_count() or 1
        stack.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))
        try:
            with _sigint_ignored_by_children():
                # No dashboard; the HTTP server dask starts anyway gets a free port (on 8787, taken
                # by another cluster, it would warn on stderr).
                cluster = distributed.LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                                   dashboard_address="127.0.0.1:0",
                                                   scheduler_kwargs={"dashboard": False},
                                                   silence_logs=logging.CRITICAL, preload=[_IGNORE_SIGINT])
        except Exception as error:  # no ports, no processes, workers that die on start
            raise ConfigError(f"无法启动 dask 本地集群：{error}") from None
        stack.callback(_quietly, cluster.close, timeout=CLOSE_TIMEOUT_SECONDS)
        address, description = cluster, f"dask 本地集群：{count} 个工作进程"
    else:
        address, description = scheduler, f"dask 集群 {scheduler}"
    try:
        if scheduler is not None:
            _handshake(scheduler, connect_timeout)
        client = distributed.Client(address, timeout=connect_timeout, set_as_default=False)
    except Exception as error:  # refused, timed out, a bad address, a service that is no scheduler
        if scheduler is None:
            raise ConfigError(f"无法连接刚启动的 dask 本地集群：{error}") from None
        raise ConfigError(_unreachable(scheduler, error, connect_timeout)) from None
    stack.callback(_quietly, client.close, timeout=CLOSE_TIMEOUT_SECONDS)
    if scheduler is not None:
        description += f"：{len(client.nthreads())} 个工作进程"
    return client, description


def _handshake(address: str, timeout: float) -> None:
    """Greet the scheduler once before a Client does. A Client whose start fails half-way
    (the address is a web server, say, whose reply dask reads as a frame of exabytes) lingers
    in a reference cycle; collected at exit, it waits seconds for its closed loop and prints
    a traceback."""
    import asyncio

    from distributed.comm import connect

    async def greet() -> None:
        comm = await connect(address, timeout=timeout)
        await comm.close()

    asyncio.run(greet())


def _unreachable(address: str, error: Exception, timeout: float) -> str:
    """Why a scheduler address cannot be used, in Chinese (dask's own words kept where they help)."""
    if isinstance(error, ValueError):  # dask's parse of the address: missing port, unknown scheme
        return f"dask 调度器地址 {address!r} 无效：{error}（应形如 tcp://主机:8786）"
    if isinstance(error, MemoryError):  # the reply's first bytes read as a frame length of exabytes
        return (f"{address} 上的服务不是 dask 调度器（请检查端口：调度器默认是 8786，"
                "8787 是仪表盘）")
    if isinstance(error, OSError) and error.errno is None:  # dask retries a refusal until the timeout
        reason = f"{timeout:g} 秒内没有连上"
    elif isinstance(error, OSError):
        reason = os_error_text(error)
    else:
        reason = f"{type(error).__name__}: {error}"
    return f"无法连接 dask 调度器 {address}：{reason}（请检查地址、端口与网络，以及调度器是否已启动）"


@dataclass(slots=True)
class _Chunk:
    """A chunk submitted and not yet yielded: its paths, and its results as they arrive."""

    paths: list[str]
    results: list[Any] | None = None  # a _Lost in the place of a path that failed on its own too
    missing: int = 0  # paths retried one by one and not back yet

    @property
    def ready(self) -> bool:
        return self.results is not None and self.missing == 0


@dataclass(frozen=True, slots=True)
class _Lost:
    """The place of the result of a path that failed on its own too."""

    path: str
    error: BaseException
    reason: str


def _run_chunk(work: Callable[[str], T], paths: list[str]) -> list[T]:
    """The task of one chunk (runs on a worker)."""
    return [work(path) for path in paths]


def _stream(distributed, client, work: Callable[[str], T], paths: Iterable[str], chunk_size: int,
            window: int, on_lost: Callable[[str, str], T] | None) -> Iterator[T]:
    source = iter(paths)
    chunks: dict[int, _Chunk] = {}  # by chunk number, from next_to_yield up to next_to_submit
    owners: dict[Any, tuple[int, int | None, int]] = {}  # future -> (chunk number, path index or None, attempt)
    # Not with_results: its gathering coroutine dies unseen (and the wait never ends) when a
    # finished chunk's worker dies and the recomputation fails.
    completed = distributed.as_completed(loop=client.loop)

    def submit_path(number: int, index: int, attempt: int) -> None:
        future = client.submit(work, chunks[number].paths[index], pure=False)
        owners[future] = (number, index, attempt)
        completed.add(future)

    next_to_yield = next_to_submit = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_to_submit - next_to_yield < window:
                batch = list(islice(source, chunk_size))
                if not batch:
                    exhausted = True
                    break
                chunks[next_to_submit] = _Chunk(batch)
                future = client.submit(_run_chunk, work, batch, pure=False)
                owners[future] = (next_to_submit, None, 1)
                completed.add(future)
                next_to_submit += 1
            head = chunks.get(next_to_yield)
            if head is None:  # everything submitted has been yielded
                return
            if head.ready:
                del chunks[next_to_yield]
                next_to_yield += 1
                for result in head.results:
                    if isinstance(result, _Lost):
                        if on_lost is None:
                            raise result.error
                        result = on_lost(result.path, result.reason)
                    yield result
                continue
            for future, outcome, error in _fetch(client, completed.next_batch(block=True)):
                number, index, attempt = owners.pop(future)
                chunk = chunks[number]
                if index is None and error is None:
                    chunk.results = outcome
                elif index is None:  # one bad path must not cost the others: each on its own now
                    chunk.results, chunk.missing = [None] * len(chunk.paths), len(chunk.paths)
                    for position in range(len(chunk.paths)):
                        submit_path(number, position, 1)
                elif error is None:
                    chunk.results[index] = outcome
                    chunk.missing -= 1
                elif isinstance(error, distributed.KilledWorker) and attempt < _ATTEMPTS_AFTER_DEATHS:
                    # A task queued on a worker that dies is blamed too, culprit or bystander.
                    submit_path(number, index, attempt + 1)
                else:
                    chunk.results[index] = _Lost(chunk.paths[index], error, _reason(distributed, error))
                    chunk.missing -= 1
    finally:
        if owners:
            _quietly(client.cancel, list(owners), force=True)
        owners.clear()


def _fetch(client, futures: list) -> list[tuple[Any, Any, BaseException | None]]:
    """(future, result, None) or (future, None, error) for futures that completed: the finished
    ones in one round trip, each on its own only if that fails (a worker died holding one)."""
    finished = [future for future in futures if future.status == "finished"]
    try:
        gathered = dict(zip(finished, client.gather(finished))) if finished else {}
    except Exception:
        gathered = {}
    fetched = []
    for future in futures:
        if future in gathered:
            fetched.append((future, gathered[future], None))
        else:
            try:
                fetched.append((future, future.result(), None))
            except Exception as error:  # the work raised, the worker died, the task was cancelled
                fetched.append((future, None, error))
        future.release()  # the result is here; the cluster may forget it
    return fetched


def _reason(distributed, error: BaseException) -> str:
    """Why a file has no result, in Chinese."""
    if isinstance(error, distributed.KilledWorker):
        return "处理该文件的 dask 工作进程多次意外退出（可能是内存不足或读取库崩溃），未能得到结果"
    if isinstance(error, distributed.CancelledError):
        return "该文件在 dask 集群上的任务被取消，未能得到结果"
    return f"该文件在 dask 集群上处理出错：{type(error).__name__}: {error}"


def _quietly(close: Callable[..., Any], *args, **kwargs) -> None:
    """Clean-up that must not hide the error or interrupt that caused it."""
    try:
        close(*args, **kwargs)
    except (Exception, KeyboardInterrupt):
        pass


@contextmanager
def _dask_logs_silenced() -> Iterator[None]:
    """dask's log lines stay off stderr while the call runs (what matters reaches the caller as
    results, lost files or exceptions; a dying worker's nanny or a closing comm is not news)."""
    previous = {name: logging.getLogger(name).level for name in _DASK_LOGGERS}
    for name in _DASK_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for name, level in previous.items():
            logging.getLogger(name).setLevel(level)


#: Run by each local worker as it starts (a preload may be the text of a script): a
#: worker the nanny restarts after a crash would not inherit the ignored SIGINT.
_IGNORE_SIGINT = "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)\n"


@contextmanager
def _sigint_ignored_by_children() -> Iterator[None]:
    """Worker processes started meanwhile ignore SIGINT (Python keeps an inherited SIG_IGN).

    Ctrl-C on a terminal reaches the whole process group; the workers should
    leave it to this process to stop them rather than each print a traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if previous is not None:  # None: a handler set outside Python, which cannot be put back
            signal.signal(signal.SIGINT, previous)
