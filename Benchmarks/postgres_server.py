"""A throwaway PostgreSQL server on loopback, for the benchmark's PostgreSQL rows (run.py
--postgres): initdb into a temporary directory with a password-authenticated superuser,
pg_ctl start on a free port of 127.0.0.1, and on the way out — normally, on an exception, on
Ctrl-C or SIGTERM — pg_ctl stop and the directory removed.

The server keeps PostgreSQL's stock settings (fsync on: the figures include what durable
commits cost), listens on 127.0.0.1 only and puts its Unix socket in its own directory, so it
never meets another server on the machine. PostgreSQL refuses to run as root: as root, every
server command runs as the `postgres` user (runuser) and the directory is theirs. The server
binaries are $PG_BIN's, else the newest /usr/lib/postgresql/*/bin (Debian), else the PATH's.
"""
import os
import pathlib
import pwd
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

USER = "factcheck"
DATABASE = "postgres"


def binaries():
    """The directory that holds initdb, pg_ctl and postgres."""
    if os.environ.get("PG_BIN"):
        return pathlib.Path(os.environ["PG_BIN"])
    debian = [p for p in pathlib.Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()]
    if debian:
        return max(debian, key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)] or [0])
    initdb = shutil.which("initdb")
    if not initdb:
        sys.exit("benchmark: PostgreSQL's server is not installed (no initdb): apt-get install postgresql, or set PG_BIN")
    return pathlib.Path(initdb).parent


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on now (the server may still lose a race for it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """`with PostgresServer() as server:` a running server; `server.url(schema)` names a store on it."""

    def __init__(self):
        self.bin = binaries()
        # As root, the server's commands run as postgres; otherwise as whoever runs the benchmark.
        self.owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        self.prefix = ["runuser", "-u", "postgres", "--"] if self.owner else []
        self.password = secrets.token_hex(16)
        self.directory = None
        self.port = None
        version = subprocess.run([self.bin / "postgres", "--version"], capture_output=True, text=True).stdout.strip()
        self.version = re.sub(r"^postgres \(PostgreSQL\) ", "PostgreSQL ", version)  # as the table names it
        self.saved_handlers = {}

    def url(self, schema):
        """The --store URL of the store in `schema` (no TLS: the server is on loopback)."""
        return f"postgres://{USER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}?sslmode=disable&schema={schema}"

    def cpu_seconds(self):
        """The CPU seconds the server has spent so far, its ended sessions included (the postmaster's
        own and its reaped children's, from /proc), or None where there is no /proc to read."""
        try:
            pid = (self.directory / "data" / "postmaster.pid").read_text().split()[0]
            fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime, stime, cutime, cstime

    def __enter__(self):
        # SIGTERM and SIGHUP unwind like Ctrl-C does, so that __exit__ stops the server.
        for number in (signal.SIGTERM, signal.SIGHUP):
            self.saved_handlers[number] = signal.signal(number, self._interrupt)
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *_):
        try:
            data = self.directory / "data" if self.directory else None
            if data and (data / "postmaster.pid").exists():
                for mode in ("fast", "immediate"):  # fast: ends the sessions of runners still connected
                    stop = self._server_command("pg_ctl", "-D", data, "-m", mode, "-w", "-t", "60", "stop")
                    if subprocess.run(stop, capture_output=True).returncode == 0:
                        break
            if self.directory:
                shutil.rmtree(self.directory, ignore_errors=True)
        finally:
            for number, handler in self.saved_handlers.items():
                signal.signal(number, handler)
            self.saved_handlers.clear()
        return False

    @staticmethod
    def _interrupt(number, _frame):
        raise KeyboardInterrupt(f"signal {number}")

    def _server_command(self, tool, *arguments):
        return self.prefix + [str(self.bin / tool)] + [str(a) for a in arguments]

    def _start(self):
        self.directory = pathlib.Path(tempfile.mkdtemp(prefix="factcheck-bench-postgres-"))
        password_file = self.directory / "password"
        password_file.write_text(self.password + "\n")
        os.chmod(password_file, 0o600)
        if self.owner:
            for path in (self.directory, password_file):
                os.chown(path, self.owner.pw_uid, self.owner.pw_gid)
        data = self.directory / "data"
        initdb = subprocess.run(self._server_command(
            "initdb", "-D", data, "-U", USER, "--pwfile", password_file, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale"),
            capture_output=True, text=True)
        password_file.unlink()
        if initdb.returncode != 0:
            sys.exit(f"benchmark: initdb failed:\n{initdb.stdout}{initdb.stderr}")
        log = self.directory / "server.log"
        for _ in range(3):  # another process may take the free port between the probe and the bind
            self.port = free_port()
            options = f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={shlex.quote(str(self.directory))}"
            # Its own session: Ctrl-C in the terminal reaches the benchmark, which stops the server itself.
            start = subprocess.run(self._server_command("pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"),
                                   capture_output=True, text=True, start_new_session=True)
            if start.returncode == 0:
                return
        sys.exit(f"benchmark: the PostgreSQL server did not start:\n{start.stdout}{start.stderr}\n"
                 f"{log.read_text(errors='replace') if log.exists() else ''}")
