"""Running Debian's real Squid for tests: a throwaway config, a local origin server, a free port."""

from __future__ import annotations

import contextlib
import http.server
import os
import pwd
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SQUID = shutil.which("squid") or "/usr/sbin/squid"
# The helper runs as the proxy user, who cannot reach a Python under /root: Debian's will do.
HELPER_PYTHON = "/usr/bin/python3"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Origin(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"origin saw {self.headers.get('Host')}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def origin_server() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Origin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def _chown_tree(path: Path) -> None:
    proxy = pwd.getpwnam("proxy")
    for item in [path, *path.rglob("*")]:
        os.chown(item, proxy.pw_uid, proxy.pw_gid)


def squid_conf(*, work: Path, port: int, include: Path, hosts: list[str]) -> Path:
    (work / "hosts").write_text("".join(f"127.0.0.1 {name}\n" for name in hosts))
    conf = work / "squid.conf"
    conf.write_text(
        "\n".join(
            [
                f"http_port 127.0.0.1:{port}",
                f"pid_filename {work}/squid.pid",
                f"cache_log {work}/cache.log",
                f"access_log stdio:{work}/access.log squid",
                "cache_store_log none",
                "cache deny all",
                "cache_mem 8 MB",
                f"coredump_dir {work}",
                "visible_hostname herald-test",
                "shutdown_lifetime 0 seconds",
                f"hosts_file {work}/hosts",
                "dns_nameservers 127.0.0.1",
                "cache_effective_user proxy",
                f"include {include}",
                "acl herald_test_clients src 127.0.0.0/8",
                "http_access allow herald_test_clients",
                "http_access deny all",
                "",
            ]
        )
    )
    return conf


@contextlib.contextmanager
def running_squid(conf: Path) -> Iterator[None]:
    work = conf.parent
    _chown_tree(work)
    work.chmod(0o755)
    process = subprocess.Popen(  # noqa: S603 (our own arguments)
        [SQUID, "-N", "-f", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    port = int(conf.read_text().split("http_port 127.0.0.1:", 1)[1].split()[0])
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                log = (work / "cache.log").read_text() if (work / "cache.log").exists() else ""
                raise RuntimeError(
                    f"squid exited: {process.stderr and process.stderr.read()!r}\n{log}"
                )
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("squid did not start listening")
            time.sleep(0.1)
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def reconfigure(conf: Path) -> None:
    subprocess.run([SQUID, "-k", "reconfigure", "-f", str(conf)], check=True)  # noqa: S603
    time.sleep(1.5)
