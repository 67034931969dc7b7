"""What the benchmarks that start servers share: a free loopback port, waiting for a server
to listen on it, and Tongwen itself under gunicorn."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(
    port: int, process: subprocess.Popen[bytes] | None = None, timeout: float = 60.0
) -> None:
    """Return once something listens on ``port``; fail if ``process`` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


def start_tongwen(
    env: dict[str, str], workers: int, timeout: int = 300
) -> tuple[subprocess.Popen[bytes], int]:
    """Tongwen under gunicorn on a free loopback port, in its own session (so it can be
    stopped with its workers), once it listens."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "tongwen.config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--timeout",
            str(timeout),
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    wait_for_port(port, server)
    return server, port
