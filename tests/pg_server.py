"""A throwaway PostgreSQL cluster: initdb + pg_ctl in a temp folder, a free port, stopped at the end.

Used by the test session (tests/conftest.py), the fault tests (a cluster of their own, so
stopping it does not disturb the others) and benchmarks/pg_vs_sqlite.py. No mocks: the real
server binaries of the machine (`pg_config --bindir`, else /usr/lib/postgresql/*/bin).

`initdb` refuses to run as root: as root the folder is given to the `postgres` user and every
server command runs as that user. The server listens on 127.0.0.1 and on a unix socket in the
temp folder; clients here use the socket (no password: `trust`, the cluster lives for minutes).
"""
from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SERVER_USER = "postgres"


class ServerMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine (or no user to run them as)."""


def find_bindir() -> Path | None:
    candidates: list[str] = []
    if os.environ.get("COUNTER_PG_BINDIR"):
        candidates.append(os.environ["COUNTER_PG_BINDIR"])
    if shutil.which("pg_config"):
        try:
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10)
            candidates.append(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)  # newest first
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


class Cluster:
    """One server: `Cluster.create()` runs initdb and starts it; `destroy()` stops and deletes."""

    def __init__(self, root: Path, bindir: Path, port: int):
        self.root, self.bindir, self.port = root, bindir, port
        self.data = root / "data"
        self.socket_dir = root  # short path: unix socket paths are limited to ~107 bytes
        self.log = root / "server.log"

    # -- life cycle
    @classmethod
    def create(cls, *, prefix: str = "counter-pg-", durable: bool = False) -> Cluster:
        bindir = find_bindir()
        if bindir is None:
            raise ServerMissing("PostgreSQL server binaries (initdb, pg_ctl) not found: "
                                "install the `postgresql` package (tools/system-deps.sh test)")
        root = Path(tempfile.mkdtemp(prefix=prefix))
        cluster = cls(root, bindir, free_port())
        cluster.durable = durable
        if _as_root():
            try:
                shutil.chown(root, SERVER_USER, SERVER_USER)
            except (LookupError, PermissionError) as exc:
                shutil.rmtree(root, ignore_errors=True)
                raise ServerMissing(f"running as root and no `{SERVER_USER}` user to run the server as") from exc
        try:
            cluster._run("initdb", "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                         "--locale=C.UTF-8", "--no-sync", "--no-instructions")
            cluster.start()
        except BaseException:
            cluster.destroy()
            raise
        atexit.register(cluster.destroy)  # a crash of the test session must not leave a server
        return cluster

    def _run(self, tool: str, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        kwargs = {"user": SERVER_USER, "group": SERVER_USER, "extra_groups": []} if _as_root() else {}
        result = subprocess.run([str(self.bindir / tool), *args], capture_output=True, text=True,
                                timeout=timeout, cwd=self.root, **kwargs)
        if check and result.returncode != 0:
            raise RuntimeError(f"{tool} failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
                               + self._log_tail())
        return result

    def _log_tail(self) -> str:
        try:
            return "\n--- server log ---\n" + "\n".join(self.log.read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return ""

    def start(self) -> None:
        options = [f"-p {self.port}", f"-k {self.socket_dir}", "-c listen_addresses=127.0.0.1",
                   "-c max_connections=200"]
        if not getattr(self, "durable", False):  # tests: a crash loses nothing we care about
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", " ".join(options), "-w", "-t", "60",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def destroy(self) -> None:
        if self.data.exists() and (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    # -- clients
    def url(self, database: str = "postgres", driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """One statement outside a transaction (CREATE/DROP DATABASE) in the maintenance db."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres", dbname="postgres",
                             autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._run("pg_isready", "-h", str(self.socket_dir), "-p", str(self.port), check=False).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not become ready" + self._log_tail())
