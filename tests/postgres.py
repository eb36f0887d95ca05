"""A real PostgreSQL server for the tests: Debian's `postgresql` package (installed by `make
setup`), `initdb` into a temporary folder, `pg_ctl` start on 127.0.0.1 at a free port, stopped
and removed at the end. PostgreSQL will not run as root: as root the server runs as the
`postgres` user the package made.

    with PostgresServer.started() as server:
        url = server.new_database()          # postgresql://touchpoint@127.0.0.1:PORT/t_3f9a...
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PostgresServer", "find_postgres"]

USER = "touchpoint"


def find_postgres() -> Path | None:
    """The folder with initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin, or PATH."""
    versions = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").is_file()),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)] or [0],
    )
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self, bin_dir: Path, folder: Path, port: int, as_user: str | None) -> None:
        self.bin_dir, self.folder, self.port, self.as_user = bin_dir, folder, port, as_user

    @classmethod
    @contextlib.contextmanager
    def started(cls) -> Iterator[PostgresServer]:
        bin_dir = find_postgres()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed: `make setup` installs Debian's postgresql package")
        folder = Path(tempfile.mkdtemp(prefix="touchpoint-pg-"))
        as_user = None
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            as_user = "postgres"
            entry = pwd.getpwnam(as_user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        server = cls(bin_dir, folder, _free_port(), as_user)
        try:
            server._start()
            yield server
        finally:
            server._stop()
            shutil.rmtree(folder, ignore_errors=True)

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr[-2000:]}{tail}")

    def _start(self) -> None:
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -F "
            "-c full_page_writes=off -c synchronous_commit=off -c max_connections=60"
        )
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(self.folder / "server.log"), "-w", "-t", "60", "-o", options, "start"
        )

    def _stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
