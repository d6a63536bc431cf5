"""A real gunicorn started from the project's own gunicorn.conf.py, and clients good and bad, for fault tests and bench."""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """`gunicorn newsroom.wsgi` run from the project folder, so it reads gunicorn.conf.py as in production."""

    def __init__(self, env: dict[str, str], *, port: int | None = None, args: tuple[str, ...] = (), log: Path,
                 app: str = "newsroom.wsgi"):
        self.port = port or unused_port()
        self.args, self.log, self.app = args, log, app
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
        self.env = inherited | {
            "DJANGO_SECRET_KEY": "fault-tests-only", "DJANGO_SETTINGS_MODULE": "tests.live_settings", **env,
        }
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "AppServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", self.app, "--bind", f"127.0.0.1:{self.port}", *self.args],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.log.read_text()[-3000:]}")
            try:
                if self.get("/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            headers: dict[str, str] = {}
            for name, value in response.getheaders():  # several Set-Cookie lines are kept, joined
                headers[name.lower()] = f"{headers[name.lower()]}, {value}" if name.lower() in headers else value
            return response.status, headers, response.read()
        finally:
            connection.close()

    def get(self, path: str, *, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, timeout=timeout)


class SlowClient:
    """A client that opens a request and sends its headers one byte at a time, a second apart, never finishing."""

    def __init__(self, port: int, *, interval: float = 1.0):
        self.port, self.interval = port, interval
        self._stop = threading.Event()
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        self._thread = threading.Thread(target=self._drip, daemon=True)
        self._thread.start()

    def _drip(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.sock.sendall(b"a")
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self.sock.close()
