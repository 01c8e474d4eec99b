"""Linting many files so that no file can cost more than its own record.

Every file is checked under a :class:`Budget`: wall time (an alarm raises
:class:`CheckTimeout` in the middle of whatever is running, regular
expressions included) and memory (the address space may grow by at most so
much, so a memory bomb raises ``MemoryError`` instead of waking the OOM
killer). Either way the file gets a PRS005 record saying how far the check
got, and the run goes on.

Many files are checked in worker processes that the supervisor here starts,
feeds (a file or two ahead) and watches: a worker that dies (a crash in a C
library, ``kill -9``, the OOM killer) or outlives the budget by a grace period
(stuck where no alarm reaches) costs only the file it was on — that file gets
a PRS005 record, the worker is replaced and the batch goes on.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .engine import FileResult, internal_error, limit_exceeded, progress

#: A worker stuck beyond its budget by this much (in C code no alarm
#: interrupts) is killed by the supervisor.
GRACE_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class Budget:
    """What checking one file may cost (configuration key ``limits``)."""

    seconds: float = 15.0
    memory_mb: int = 2048  # address space a check may add to the process

    @classmethod
    def of(cls, settings) -> "Budget":
        return cls(float(settings.limit("check-seconds")), int(settings.limit("max-memory")))


class CheckTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception``
    on the way (a rule's guard, a reader's) mistakes it for a bug of its own."""


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise CheckTimeout


def _address_space() -> int | None:
    """The process's current virtual size in bytes (Linux), None elsewhere."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def _bounded(budget: Budget) -> Iterator[None]:
    """Run the body under the budget (time: main thread only, memory: Linux)."""
    try:
        import resource
    except ImportError:  # Windows: no address-space limit
        resource = None  # type: ignore[assignment]
    timed = hasattr(signal, "setitimer") and _main_thread()
    if timed:
        previous_handler = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    # Only the main thread may cap the process: elsewhere (a dask worker's task
    # thread) the cap would hit the host's own threads, and its limits apply instead.
    size = _address_space() if resource is not None and _main_thread() else None
    previous_limit = resource.getrlimit(resource.RLIMIT_AS) if size is not None else None
    if previous_limit is not None:
        cap = size + budget.memory_mb * 1024 * 1024
        hard = previous_limit[1]
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
        if previous_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, previous_limit)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def check_bounded(path: str, lint: Callable[[str], FileResult], budget: Budget) -> FileResult:
    """``lint(path)`` under the budget; a file that exceeds it gets a PRS005 record."""
    progress.stage = "开始"
    try:
        with _bounded(budget):
            return lint(path)
    except CheckTimeout:
        return limit_exceeded(path, f"检查超时：超过 {budget.seconds:g} 秒仍未完成（进行到：{progress.stage}）",
                              "time", progress.stage)
    except MemoryError:
        return limit_exceeded(path, f"检查所需内存超过 {budget.memory_mb} MB（进行到：{progress.stage}）",
                              "memory", progress.stage)
    except Exception as error:  # lint() guards itself; this is the last line, so that a worker never dies of it
        return FileResult(path, [internal_error(path, error)], crashed=True)


def lint_entry(path: str, not_reports: dict[str, str], resolver, observe=None) -> FileResult:
    """The work of one file of a batch: its check under its own settings (and
    ``observe``, see :func:`linter.engine.lint_source`), or the record of a
    file that is not a report (no work)."""
    from .engine import lint_path

    skipped = not_reports.get(path)
    if skipped is not None:
        return FileResult(path, skipped=skipped)
    return lint_path(path, None, resolver.for_path(path), observe=observe)


def budget_for(path: str, resolver) -> Budget:
    """The budget of one file, from the settings that apply to it."""
    return Budget.of(resolver.for_path(path))


def _identity(result: FileResult) -> FileResult:
    return result


class Stop:
    """Set by the caller (a Ctrl-C handler) to end a stream early: the files
    already handed out finish, nothing new starts."""

    def __init__(self) -> None:
        self.requested = False


# ---------------------------------------------------------------------------
# what a long run shows and how it stops


def workers_for(jobs: int, files: int) -> int:
    """Worker processes for ``--jobs`` (0: one per core) and this many files to check."""
    cores = os.cpu_count() or 1
    if jobs < 0:
        from .errors import ConfigError

        raise ConfigError(f"--jobs 应为 0（每核一个）或正整数，而不是 {jobs}")
    if files < 16:
        return 1  # starting workers would cost more than it saves
    return min(jobs or cores, 4 * cores)  # more would only thrash


class Interruptible:
    """Ctrl-C asks a batch to stop after the files in progress (``stop.requested``);
    a second Ctrl-C stops at once."""

    def __enter__(self):
        self.stop = Stop()
        try:
            self.previous = signal.signal(signal.SIGINT, self._interrupt)
        except ValueError:  # not the main thread (tests, an embedding program): no handler
            self.previous = None
        return self.stop

    def _interrupt(self, signum, frame) -> None:  # noqa: ARG002 - signal handler signature
        if self.stop.requested:
            raise KeyboardInterrupt
        self.stop.requested = True
        print("\nxxgk-lint: 正在停止：等待进行中的文件完成（再按一次 Ctrl-C 立即退出）", file=sys.stderr)

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


class Progress:
    """A progress bar on stderr (files done, rate, time left) when stderr is a
    terminal and the run is long enough to want one; nothing otherwise."""

    def __init__(self, total: int, quiet: bool = False) -> None:
        self.bar = None
        if total >= 50 and not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="份", desc="检查", file=sys.stderr, dynamic_ncols=True,
                            mininterval=0.2, smoothing=0.05)

    def __enter__(self) -> "Progress":
        return self

    def advance(self) -> None:
        """One more file done."""
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


# ---------------------------------------------------------------------------
# worker processes


def _serve(connection, lint, budget_of, finish) -> None:
    """A worker: check the paths it is sent, one at a time, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    # A worker forked while output streams holds a copy of the parent's unwritten
    # output; multiprocessing flushes sys.stdout when the worker ends, which would
    # write that copy a second time. The worker prints nothing: drop the copy.
    sys.stdout = open(os.devnull, "w")
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        connection.send((index, finish(check_bounded(path, lint, budget_of(path)))))


#: Files sent ahead to each worker, so that it never waits for the supervisor.
IN_FLIGHT = 2


class _Worker:
    def __init__(self, context, lint, budget_of, finish) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, lint, budget_of, finish), daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[tuple[int, str, float]] = deque()  # (index, path, seconds); the first is running
        self.deadline = 0.0  # of the running task
        self.broken = False  # its pipe refused a task: it is gone

    def give(self, index: int, path: str, seconds: float) -> bool:
        """Send a task; False when the worker is gone (the task was not taken)."""
        try:
            self.connection.send((index, path))
        except OSError:  # (BrokenPipeError: killed since the last look)
            self.broken = True
            return False
        if not self.tasks:
            self.deadline = time.monotonic() + seconds + GRACE_SECONDS
        self.tasks.append((index, path, seconds))
        return True

    def finished(self) -> None:
        self.tasks.popleft()
        if self.tasks:
            self.deadline = time.monotonic() + self.tasks[0][2] + GRACE_SECONDS

    def results(self) -> tuple[list[tuple[int, FileResult]], bool]:
        """The results waiting in the pipe, and whether the worker is gone."""
        out = []
        try:
            while self.tasks and self.connection.poll():
                out.append(self.connection.recv())
                self.finished()
        except (EOFError, OSError):
            return out, True
        return out, False

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def lint_ordered(paths: list[str], lint: Callable[[str], FileResult], budget_of: Callable[[str], Budget],
                 jobs: int, finish: Callable[[FileResult], Any] = _identity, stop: Stop | None = None) -> Iterator[Any]:
    """``finish(result)`` of every path, in the order of ``paths``, each as soon as
    it and all before it are done (a stream: nothing is held but the few results
    that finished ahead of their turn). ``finish`` runs in the worker, so that what
    crosses the pipe is only what the caller needs (an output line, a few counts).
    With ``jobs`` ≤ 1 the files are checked here, one after the other.

    When ``stop`` is requested the stream ends after the files in progress, in
    order: the caller has a complete prefix of ``paths``."""
    from .startup import settled

    stop = stop or Stop()
    if jobs <= 1:
        for path in paths:
            if stop.requested:
                return
            yield finish(check_bounded(path, lint, budget_of(path)))
            settled()  # (the first report built what every report uses)
        return
    settled()  # (before the workers are forked: they start built, and collect as usual)
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    ahead: dict[int, Any] = {}  # finished before their turn
    turn = 0  # the index to yield next
    pending = deque(enumerate(paths))
    workers = [_Worker(context, lint, budget_of, finish) for _ in range(min(jobs, len(paths)))]
    try:
        while turn < len(paths):
            if stop.requested:
                pending.clear()
                if not any(w.tasks for w in workers):
                    return
            for worker in workers:
                while len(worker.tasks) < IN_FLIGHT and pending and not worker.broken:
                    index, path = pending.popleft()
                    if not worker.give(index, path, budget_of(path).seconds):
                        pending.appendleft((index, path))
            busy = [w for w in workers if w.tasks]
            timeout = max(0.0, min((w.deadline for w in busy), default=0.0) - time.monotonic())
            ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy], min(timeout, 0.5)))
            for k, worker in enumerate(workers):
                if worker.broken and not worker.tasks:  # died between tasks: nothing lost, replace it
                    worker.stop()
                    workers[k] = _Worker(context, lint, budget_of, finish)
                    continue
                if not worker.tasks:
                    continue
                ended = worker.connection in ready or worker.process.sentinel in ready
                if not ended and time.monotonic() < worker.deadline:
                    continue
                received, gone = worker.results()
                ahead.update(received)
                alive = not gone and worker.process.is_alive()
                if alive and (not worker.tasks or time.monotonic() < worker.deadline):
                    continue
                if worker.tasks:  # died or stuck: the running file gets a record, the rest go back
                    index, path, _ = worker.tasks.popleft()
                    ahead[index] = finish(_lost(worker, path, budget_of(path), ended))
                    pending.extendleft((i, p) for i, p, _ in reversed(worker.tasks))
                worker.stop()
                workers[k] = _Worker(context, lint, budget_of, finish)
            while turn in ahead:
                yield ahead.pop(turn)
                turn += 1
            if stop.requested and turn not in ahead and not any(w.tasks for w in workers):
                return
    finally:
        for worker in workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
            worker.stop()


def _lost(worker: _Worker, path: str, budget: Budget, ended: bool) -> FileResult:
    if ended:
        worker.process.join(5)  # its pipe closed as it died; let it be reaped for its exit code
    if worker.process.is_alive():
        return limit_exceeded(path, f"检查超时：超过 {budget.seconds:g} 秒仍未完成，检查进程已被终止", "time", None)
    code = worker.process.exitcode
    how = f"被信号 {-code} 终止" if code is not None and code < 0 else f"退出（状态 {code}）"
    return limit_exceeded(path, f"检查进程意外{how}（可能是内存耗尽或读取库崩溃），本文件未检查完毕",
                          "crash", None)
