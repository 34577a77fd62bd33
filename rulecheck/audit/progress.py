"""The audit progress bar: files and bytes done, files/s, MB/s and ETA, on stderr.

Drawn only when stderr is a terminal and the run is not quiet; otherwise the callback
does nothing, so logs and pipes stay clean.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Files per second and megabytes per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0:
            return Text("– files/s  – MB/s", style="progress.data.speed")
        files = task.completed / elapsed
        mb = task.fields.get("bytes", 0) / elapsed / 1e6
        return Text(f"{files:,.1f} files/s  {mb:,.2f} MB/s", style="progress.data.speed")


@contextlib.contextmanager
def progress_bar(total_files: int, total_bytes: int, enabled: bool
                 ) -> Iterator[Callable[[int, int], None]]:
    """A ``tick(files, nbytes)`` callback; a no-op when the bar is off."""
    if not enabled or not sys.stderr.isatty():
        yield lambda files, nbytes: None
        return
    bar = Progress("auditing", BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TimeElapsedColumn(), "ETA", TimeRemainingColumn(),
                   console=Console(stderr=True), transient=False, refresh_per_second=4)
    job = bar.add_task("auditing", total=total_files, bytes=0)
    done_bytes = 0

    def tick(files: int, nbytes: int) -> None:
        nonlocal done_bytes
        done_bytes += nbytes
        bar.update(job, advance=files, bytes=done_bytes)

    with bar:
        yield tick
