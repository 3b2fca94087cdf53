"""A throwaway CUPS scheduler with a cups-pdf queue: `cupsd -f` on a socket in a temp folder.

Used by tests/test_spool.py and benchmarks/hall_day.py. No systemd and nothing of the machine's
own CUPS is touched: the scheduler's configuration, spool, cache and logs live in the temp folder;
clients reach it through `CUPS_SERVER=<folder>/cups.sock` (lp, lpstat and Qt's QPrinterInfo all
honour it). The backend must run as root (cups-pdf is installed 0700), so the scheduler does too
(CI runs as root); without root or without the packages `ServerMissing` says what is missing.

cups-pdf is a PostScript printer: CUPS turns the PDF into PostScript, cups-pdf back into PDF
with Ghostscript. The queue converts with `pdftocairo` (set as the queue's default): Debian's
default converter (Ghostscript's ps2write) keeps the fonts but drops their Unicode maps, so
`pdftotext` could not read the Chinese of the printout (what prints on paper is the same).

cups-pdf writes jobs of users it does not know to its AnonDirName (/var/spool/cups-pdf/ANONYMOUS
by default); the jobs here are sent as such a user (`CUPS_USER`) and found by their title.
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

QUEUE = "counter-pdf"
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
JOB_USER = "counter-test-nobody"  # not in /etc/passwd: cups-pdf files the job as anonymous


class ServerMissing(RuntimeError):
    """cupsd, lp/lpadmin or cups-pdf is not installed, or we are not root."""


def anonymous_dir() -> Path:
    try:
        for line in Path("/etc/cups/cups-pdf.conf").read_text().splitlines():
            if line.strip().startswith("AnonDirName"):
                return Path(line.split(None, 1)[1].strip())
    except OSError:
        pass
    return Path("/var/spool/cups-pdf/ANONYMOUS")


class CupsServer:
    def __init__(self, root: Path):
        self.root = root
        self.socket = root / "cups.sock"
        self.process: subprocess.Popen | None = None
        self.output_dir = anonymous_dir()

    @classmethod
    def start(cls) -> CupsServer:
        missing = [tool for tool in ("cupsd", "lp", "lpadmin", "lpstat") if shutil.which(tool) is None]
        if missing or not CUPS_PDF_BACKEND.exists() or not CUPS_PDF_PPD.exists():
            raise ServerMissing("CUPS or cups-pdf not installed (apt-get install cups cups-client "
                                "printer-driver-cups-pdf; tools/system-deps.sh test)")
        if os.geteuid() != 0:
            raise ServerMissing("the cups-pdf backend runs only under a scheduler started as root")
        server = cls(Path(tempfile.mkdtemp(prefix="counter-cups-")))
        try:
            server._configure()
            server._run()
            server._add_queue()
        except BaseException:
            server.stop()
            raise
        atexit.register(server.stop)
        return server

    # -- life cycle
    def _configure(self) -> None:
        r = self.root
        for sub in ("spool", "cache", "state", "log", "tmp", "ppd"):
            (r / sub).mkdir()
        (r / "tmp").chmod(0o1777)
        (r / "spool").chmod(0o755)
        shutil.chown(r / "spool", group="lp")
        (r / "cups-files.conf").write_text(
            f"ServerRoot {r}\nRequestRoot {r}/spool\nCacheDir {r}/cache\nStateDir {r}/state\nTempDir {r}/tmp\n"
            f"AccessLog {r}/log/access_log\nErrorLog {r}/log/error_log\nPageLog {r}/log/page_log\n"
            f"Printcap {r}/printcap\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
            "User lp\nGroup lp\nSystemGroup root\nSandboxing Relaxed\n")
        (r / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel info\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
            "PreserveJobHistory Yes\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
        r.chmod(0o755)  # filters run as `lp` and read the configuration

    def _run(self) -> None:
        self.process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(self.root / "cupsd.conf"), "-s", str(self.root / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=open(self.root / "cupsd.out", "wb"))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("cupsd exited: " + (self.root / "cupsd.out").read_text(errors="replace")[-500:])
            if "is running" in self._client("lpstat", "-r", check=False).stdout:
                return
            time.sleep(0.1)
        raise RuntimeError("cupsd did not answer within 20 s" + self.log_tail())

    def _add_queue(self) -> None:
        self._client("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD),
                     "-o", "pdftops-renderer-default=pdftocairo")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)

    # -- clients
    def env(self) -> dict[str, str]:
        """The variables that point `lp` (and Qt) at this scheduler."""
        return {"CUPS_SERVER": str(self.socket), "CUPS_USER": JOB_USER}

    def _client(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([tool, *args], capture_output=True, text=True, timeout=30,
                                env={**os.environ, **self.env(), "LC_ALL": "C"})
        if check and result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stderr.strip()}" + self.log_tail())
        return result

    def log_tail(self) -> str:
        try:
            return "\n--- cupsd error_log ---\n" + "\n".join(
                (self.root / "log" / "error_log").read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return ""

    def wait_for_output(self, title: str, timeout: float = 60) -> Path:
        """The PDF cups-pdf wrote for the job titled `title` (it appends a suffix of its own)."""
        deadline = time.monotonic() + timeout
        pattern = re.compile(re.escape(title) + r"[^/]*\.pdf$")
        while time.monotonic() < deadline:
            found = [p for p in self.output_dir.glob(f"{title}*.pdf") if pattern.match(p.name)]
            if found and self._settled(found[0]):
                return found[0]
            time.sleep(0.2)
        raise TimeoutError(f"no cups-pdf output for job {title!r} in {self.output_dir}" + self.log_tail())

    def _settled(self, path: Path) -> bool:
        """Ghostscript has finished writing (the size stopped changing and the file ends the PDF)."""
        size = path.stat().st_size
        time.sleep(0.2)
        return size > 0 and size == path.stat().st_size and b"%%EOF" in path.read_bytes()[-1024:]

    def completed_jobs(self) -> str:
        return self._client("lpstat", "-W", "completed", "-o", QUEUE, check=False).stdout
