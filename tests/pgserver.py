"""A throwaway PostgreSQL server for tests and benchmarks: initdb in a temp folder,
``pg_ctl start`` on a free loopback port, trust authentication, removed afterwards.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres``
user (``runuser -u postgres --``), which Debian's package creates.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $HJULET_PG_BINDIR when set (and only there), else
    Debian's folders (the newest first), else the PATH."""
    named = os.environ.get("HJULET_PG_BINDIR")
    if named is not None:
        candidates = [named]
    else:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
        initdb = shutil.which("initdb")
        candidates.append(str(Path(initdb).parent) if initdb else "")
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def missing_reason() -> str | None:
    if find_bindir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl) found; apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    folder: Path

    def url(self, dbname: str = "postgres", schema: str | None = None) -> str:
        url = f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"
        if schema:
            url += "?options=" + quote(f"-csearch_path={schema}")
        return url

    def fresh_schema(self) -> str:
        """A URL whose tables live in a new, empty schema: one store per test, one server."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return self.url(schema=name)

    def fresh_database(self) -> str:
        import psycopg

        name = "db_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(dbname=name)


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def throwaway_server(*, durable: bool = False) -> Iterator[Server]:
    """``durable=False`` turns fsync off: tests kill clients, never the server, and the
    machine is shared. Benchmarks pass ``durable=True`` to measure real commits."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(missing_reason())
    folder = Path(tempfile.mkdtemp(prefix="hjulet-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    settings = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder}"
    settings += " -c max_connections=200 -c shared_buffers=64MB"
    if not durable:
        settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            **quiet,  # type: ignore[call-overload]
        )
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(folder / "server.log"),
                    "-o",
                    settings,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            **quiet,  # type: ignore[call-overload]
        )
    except subprocess.CalledProcessError as exc:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-800:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(
            f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')[-800:]} {detail}"
        ) from None
    try:
        yield Server(port=port, folder=folder)
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)
