"""A backup job that is told to stop, stops cleanly: SIGTERM becomes an exception, children die with it.

Schedulers stop jobs with SIGTERM (``timeout`` around a cron entry, systemd). Python's
default would end the process without running any cleanup, leaving pg_dump running and a
full dump in the scratch folder. :func:`sigterm_raises` turns SIGTERM into ``SystemExit``
(exit 143) so ``finally`` blocks stop pg_dump and remove the scratch folder.
:func:`die_with_parent` prefixes a command so that the child gets SIGKILL when its parent
dies for any reason (even SIGKILL, which no cleanup can catch): Linux's parent-death
signal, set by util-linux's ``setpriv --pdeathsig``.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import threading
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block (main thread only), SIGTERM raises SystemExit(143)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent(argv: list[str]) -> list[str]:
    """``argv`` run so that it is killed when this process dies (``setpriv --pdeathsig KILL``).

    The parent-death signal is tied to the thread that starts the child: call it from the
    thread that outlives the child (the one that waits for it). Without ``setpriv`` the
    command is returned unchanged (the SIGTERM path still stops it)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return argv
    return [setpriv, "--pdeathsig", "KILL", "--", *argv]
