"""The language server's rows of the benchmark: change -> diagnostics latency and memory.

A minimal LSP client on the standard library (JSON-RPC over stdio, Content-Length framing):
it opens a plan, ticks one box per didChange and times each change until the server publishes
the diagnostics of that version. The server's peak memory is its VmHWM from /proc (Linux).
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import Any

OPEN_BOX = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)\[ \]", re.MULTILINE)


class Server:
    """``plansync lsp`` in a child process, initialized, with its notifications queued."""

    def __init__(self, plansync: str, cwd: Path) -> None:
        pipe, null = subprocess.PIPE, subprocess.DEVNULL
        self.proc = subprocess.Popen([plansync, "lsp"], cwd=cwd, stdin=pipe, stdout=pipe, stderr=null)
        #: (arrival time, message); None once the server's output ends.
        self.inbox: Queue[tuple[float, dict[str, Any]] | None] = Queue()
        self.ids = 0
        threading.Thread(target=self._read, daemon=True).start()
        root = cwd.as_uri()
        self.request("initialize", {"processId": None, "rootUri": root, "capabilities": {}})
        self.notify("initialized", {})

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b"\n"):
                if not line:
                    self.inbox.put(None)
                    return
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            self.inbox.put((time.perf_counter(), message))

    def send(self, message: dict[str, Any]) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        sent = time.perf_counter()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()
        return sent

    def notify(self, method: str, params: Any) -> float:
        return self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.ids += 1
        self.send({"id": self.ids, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.ids and "method" not in m, timeout)[1].get("result")

    def wait(self, wanted: Any, timeout: float) -> tuple[float, dict[str, Any]]:
        """The first message ``wanted`` accepts, with its arrival time."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                got = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except Empty:
                raise TimeoutError("the language server did not answer in time") from None
            if got is None:
                raise OSError(f"the language server exited (code {self.proc.wait()})")
            if wanted(got[1]):
                return got

    def diagnostics_for(self, uri: str, version: int, timeout: float) -> float:
        """The arrival time of the diagnostics published for ``version`` of ``uri``."""

        def match(m: dict[str, Any]) -> bool:
            p = m.get("params") or {}
            published = m.get("method") == "textDocument/publishDiagnostics"
            return published and p.get("uri") == uri and p.get("version") == version

        return self.wait(match, timeout)[0]

    def peak_mib(self) -> float | None:
        status = Path(f"/proc/{self.proc.pid}/status")
        if not status.exists():
            return None
        found = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.MULTILINE)
        return int(found.group(1)) / 1024 if found else None

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(10)
        except (TimeoutError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def latencies(plansync: str, plan: Path, edits: int, timeout: float) -> tuple[list[float], float | None]:
    """Seconds from each didChange (one more box ticked) to its diagnostics, and the server's peak MiB."""
    server = Server(plansync, plan.parent)
    try:
        text, uri = plan.read_text(encoding="utf-8"), plan.as_uri()
        document = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
        server.notify("textDocument/didOpen", {"textDocument": document})
        server.diagnostics_for(uri, 1, timeout)
        found = []
        for version in range(2, edits + 2):
            text = OPEN_BOX.sub(r"\1[x]", text, count=1)
            change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
            sent = server.notify("textDocument/didChange", change)
            found.append(server.diagnostics_for(uri, version, timeout) - sent)
        return found, server.peak_mib()
    finally:
        server.close()


#: The in-process reference: one full CommonMark parse (block and inline) of the same text.
IN_PROCESS_PARSE = """\
import statistics, sys, time
from markdown_it import MarkdownIt
md, text, took = MarkdownIt("commonmark"), open(sys.argv[1], encoding="utf-8").read(), []
for _ in range(5):
    t0 = time.perf_counter()
    md.parse(text)
    took.append(time.perf_counter() - t0)
print(statistics.median(took))
"""


def in_process_parse(python: str, plan: Path) -> float:
    argv = [python, "-c", IN_PROCESS_PARSE, str(plan)]
    return float(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)


def median(values: list[float]) -> float:
    return statistics.median(values)
