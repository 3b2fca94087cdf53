"""Hand a PDF to the operating system's print spooler: the PDF itself, so fonts and text arrive.

On Linux (and other CUPS systems) the file goes to `lp -d PRINTER -o media=… -t TITLE`; CUPS
converts it for the printer's driver. A picture of the page is never sent (that was 4.8 MB per
receipt and printed without fonts). Windows has no `lp`: the UI prints through Qt there
(`counter.ui.print_jobs`), `available()` says which path applies.

Every job gets a title of its own (`job_title`): cups-pdf names its output after the title and
overwrites a job of the same name. No Qt here (the domain layer); errors are `PrintError`, one
line in Chinese and English for the window's status line.
"""
from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

MM = 72 / 25.4  # PDF points per millimetre
NAMED_MEDIA = {"A4": (210, 297), "A5": (148, 210)}
_serial = itertools.count(1)


class PrintError(Exception):
    """Printing failed: a clear line for the clerk (the receipt is kept; it can be reprinted)."""

    def __init__(self, zh_CN: str, en: str):
        super().__init__(en)
        self.zh_CN, self.en = zh_CN, en

    def text(self, lang: str = "zh_CN") -> str:
        """The line in the window's language (the log has the English)."""
        return self.en if lang == "en" else self.zh_CN


@dataclass(frozen=True)
class PrintJob:
    printer: str  # the queue that took it ("" = the system's default)
    job_id: str  # the spooler's request id, e.g. "counter-pdf-12"
    title: str
    size: int  # bytes handed over


def available() -> bool:
    """True where PDFs go to the spooler as files (a CUPS client is installed, not Windows)."""
    return sys.platform != "win32" and shutil.which("lp") is not None


def job_title(kind: str, number: str = "") -> str:
    """A title no other job of this process or day has: kind-number-YYYYmmdd-HHMMSS-serial.

    Only ASCII letters, digits and dashes: cups-pdf turns the title into a file name.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    parts = [kind, number, stamp, f"{os.getpid() % 100000}{next(_serial):04d}"]
    return re.sub(r"[^A-Za-z0-9-]+", "-", "-".join(p for p in parts if p)).strip("-")


def number_of(title: str) -> str:
    """The receipt number back out of a `job_title` (kind-number-…), or the title itself."""
    parts = title.split("-")
    return parts[1] if len(parts) > 1 else title


def page_size_mm(pdf: bytes) -> tuple[float, float] | None:
    """The first page's size in millimetres, read from its /MediaBox (reportlab writes it plainly)."""
    found = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    if not found:
        return None
    x0, y0, x1, y1 = (float(v) for v in found.groups())
    return abs(x1 - x0) / MM, abs(y1 - y0) / MM


def media_for(pdf: bytes) -> str | None:
    """The CUPS media name for the PDF's own page size: A4, A5, or Custom.WxHmm (80 mm rolls).

    Without it the driver prints on its default sheet (A4 or Letter) and an 80 mm slip comes out
    as a small picture on a big page.
    """
    size = page_size_mm(pdf)
    if size is None:
        return None
    width, height = size
    for name, (w, h) in NAMED_MEDIA.items():
        if abs(width - w) < 2 and abs(height - h) < 2:
            return name
    return f"Custom.{round(width)}x{round(height)}mm"


def lp_command(path: str, title: str, printer: str = "", media: str | None = None) -> list[str]:
    command = [shutil.which("lp") or "lp"]
    if printer:
        command += ["-d", printer]
    if media:
        command += ["-o", f"media={media}"]
    return command + ["-t", title, "--", path]


def send_pdf(pdf: bytes, title: str, printer: str = "", *, media: str | None = None,
             timeout: float = 30) -> PrintJob:
    """Queue the PDF on `printer` (empty: the system's default) and return the spooler's job.

    Blocks until the spooler has taken the file (milliseconds; seconds for a remote server):
    call it off the GUI thread. Raises `PrintError` with the reason in one line.
    """
    if not pdf.startswith(b"%PDF"):
        raise PrintError("要打印的不是 PDF 文件", "What was to be printed is not a PDF")
    if sys.platform == "win32" or shutil.which("lp") is None:
        raise PrintError("未安装打印服务（CUPS 客户端 lp），无法打印",
                         "No print service: the CUPS client `lp` is not installed")
    media = media if media is not None else media_for(pdf)
    fd, path = tempfile.mkstemp(prefix="counter-print-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
        try:
            result = subprocess.run(lp_command(path, title, printer, media), capture_output=True, text=True,
                                    timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise PrintError("打印服务无响应", "The print service does not answer") from exc
        except OSError as exc:
            raise PrintError(f"无法启动打印命令：{exc.strerror}",
                             f"Cannot run the print command: {exc.strerror}") from exc
    finally:
        os.unlink(path)  # lp has copied the file to the spooler by the time it returns
    if result.returncode != 0:
        if not scheduler_running():  # lp then says "no such printer": the cause is the service
            raise PrintError("打印服务（CUPS）未运行或无法连接",
                             "The print service (CUPS) is not running or cannot be reached")
        raise explain(result.stderr or result.stdout, printer)
    found = re.search(r"request id is (\S+)", result.stdout)
    return PrintJob(printer, found.group(1) if found else "", title, len(pdf))


def scheduler_running(timeout: float = 10) -> bool:
    """`lpstat -r`: is the CUPS scheduler (local or CUPS_SERVER) answering?"""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return True  # cannot tell: let lp's own message stand
    try:
        result = subprocess.run([lpstat, "-r"], capture_output=True, text=True, timeout=timeout,
                                env={**os.environ, "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return False
    return "is running" in result.stdout


def explain(message: str, printer: str = "") -> PrintError:
    """One line for what `lp` said (its messages are English or localised: match what we can)."""
    line = next((s.strip() for s in message.splitlines() if s.strip()), "").removeprefix("lp:").strip()
    line = line.removeprefix("Error -").strip()
    low = line.lower()
    name = printer or "默认打印机"
    if "does not exist" in low or "not found" in low:
        return PrintError(f"打印机“{name}”不存在，请在设置中选择打印机",
                          f"Printer {printer or '(default)'} does not exist")
    if "no default destination" in low or "no default printer" in low:
        return PrintError("未设置默认打印机，请在设置中选择回执打印机",
                          "No default printer: choose the receipt printer in the settings")
    if "not accepting" in low or "disabled" in low or "stopped" in low:
        return PrintError(f"打印机“{name}”已停用或暂停",
                          f"Printer {printer or '(default)'} is stopped or not accepting jobs")
    if "scheduler" in low or "connect" in low or "no such file" in low or "bad file descriptor" in low:
        return PrintError("打印服务（CUPS）未运行或无法连接",
                          "The print service (CUPS) is not running or cannot be reached")
    return PrintError(f"打印失败：{line or '未知原因'}", f"Printing failed: {line or 'unknown reason'}")


def check_printer(printer: str = "") -> tuple[bool, str]:
    """For the self-test: can jobs go to `printer` (empty: the default)? (ok, one line in English).

    Asks the scheduler (`lpstat`), prints nothing.
    """
    if sys.platform == "win32":
        return True, "Windows: printing through Qt (not checked here)"
    lpstat = shutil.which("lpstat")
    if lpstat is None or shutil.which("lp") is None:
        return False, "CUPS client (lp, lpstat) not installed: apt-get install cups-client"
    if not scheduler_running():
        return False, "the CUPS scheduler is not running or cannot be reached"
    env = {**os.environ, "LC_ALL": "C"}
    try:
        if not printer:
            out = subprocess.run([lpstat, "-d"], capture_output=True, text=True, timeout=10, env=env).stdout
            found = re.search(r"system default destination:\s*(\S+)", out)
            if not found:
                return False, "no default printer: choose the receipt printer in the settings"
            printer = found.group(1)
        result = subprocess.run([lpstat, "-p", printer], capture_output=True, text=True, timeout=10, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        return False, f"lpstat failed: {exc}"
    line = (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr).strip() else ""
    if result.returncode != 0 or "disabled" in line:
        return False, f"printer {printer}: {line or 'not found'}"
    return True, f"printer {printer}: {line}"
