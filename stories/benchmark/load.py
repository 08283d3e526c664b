"""Load generators: `wrk` when it is installed, else a small one of our own.

Ours opens a new connection for every request (gunicorn's sync workers close
each one anyway), keeps several going at once in threads, and reads each
answer to its end. Both report requests per second and latency percentiles.
"""

import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass

CONNECTIONS = 4
TIMEOUT = 35  # seconds; the workers give up on a request after 30


@dataclass
class Result:
    requests: int
    seconds: float
    p50: float  # milliseconds
    p99: float
    failures: int  # answers other than the expected status, and errors

    @property
    def rate(self):
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def generator_name():
    return "wrk" if shutil.which("wrk") else "python"


def drive(port, path, seconds, headers=None, expect=200, connections=CONNECTIONS):
    if shutil.which("wrk"):
        return drive_with_wrk(port, path, seconds, headers or {}, connections)
    return drive_with_python(port, path, seconds, headers or {}, expect, connections)


def drive_with_python(port, path, seconds, headers, expect, connections):
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    expected = f" {expect} ".encode()
    latencies, failures = [], [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
                    sock.sendall(request)
                    first = b""
                    while True:
                        chunk = sock.recv(65536)
                        if not chunk:
                            break
                        if not first:
                            first = chunk[:16]
            except OSError:
                failed += 1
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if expected not in first:
                failed += 1
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return Result(
        len(latencies),
        elapsed,
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        failures[0],
    )


WRK_LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def drive_with_wrk(port, path, seconds, headers, connections):
    arguments = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
    for name, value in headers.items():
        arguments += ["-H", f"{name}: {value}"]
    arguments.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(  # noqa: S603
        arguments, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return read_wrk(output)


def read_wrk(output):
    """A Result from what `wrk --latency` printed."""
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {
        percent: float(value) * scale[unit] for percent, value, unit in WRK_LATENCY.findall(output)
    }
    requests = int(re.search(r"(\d+) requests in", output)[1])
    elapsed = re.search(r"requests in ([\d.]+)(ms|s|m)", output)
    elapsed = float(elapsed[1]) * {"ms": 0.001, "s": 1.0, "m": 60.0}[elapsed[2]]
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failures = (int(failed[1]) if failed else 0) + (
        sum(int(n) for n in errors.groups()) if errors else 0
    )
    return Result(
        requests,
        elapsed,
        latency.get("50", float("nan")),
        latency.get("99", float("nan")),
        failures,
    )
