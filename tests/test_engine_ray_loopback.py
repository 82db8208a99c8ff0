"""A local Ray instance started by the Ray engine listens on 127.0.0.1 only: every TCP port that the
command's own process tree listens on (the driver, GCS, raylet and its object manager, the agents,
the workers) is a loopback address, read from /proc/net/tcp and /proc/net/tcp6 (Linux). It runs
without the API server, the autoscaler monitor and the log monitor, and closing the engine leaves no
process of it behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import ipaddress, json, os, sys
from ledger_app.engine.ray import RayEngine

def descendants():
    parent = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
            cmd = open(f"/proc/{pid}/cmdline").read().replace("\0", " ")
        except OSError:
            continue
        parent[int(pid)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmd)
    ours, grew = {os.getpid()}, True
    while grew:
        more = {p for p, (pp, _) in parent.items() if pp in ours} - ours
        grew, ours = bool(more), ours | more
    return [parent[p][1] for p in ours if p != os.getpid() and p in parent]

def listening():
    # (address, port, pid, command) of every listening TCP socket of this process and its descendants.
    parent = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
        except OSError:
            continue
        parent[int(pid)] = int(stat.rsplit(")", 1)[1].split()[1])
    ours, grew = {os.getpid()}, True
    while grew:
        more = {p for p, pp in parent.items() if pp in ours} - ours
        grew, ours = bool(more), ours | more
    owner = {}
    for pid in ours:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:["):
                    owner[link[8:-1]] = pid
        except OSError:
            continue
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            f = line.split()
            if f[3] != "0A" or f[9] not in owner:  # 0A: LISTEN
                continue
            hexaddr, port = f[1].split(":")
            raw = bytes.fromhex(hexaddr)
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))  # per 32-bit word, host order
            addr = ipaddress.ip_address(raw)
            if addr.version == 6 and addr.ipv4_mapped:
                addr = addr.ipv4_mapped
            pid = owner[f[9]]
            out.append((str(addr), int(port, 16), pid, open(f"/proc/{pid}/cmdline").read().split("\0")[0]))
    return out

engine = RayEngine(workers=2)
try:
    assert list(engine.map(abs, [-1, -2, -3, -4])) == [1, 2, 3, 4]  # the workers are up and listening
    ports = listening()
    running = descendants()
finally:
    engine.close()
import time
deadline = time.monotonic() + 30
while descendants() and time.monotonic() < deadline:
    time.sleep(0.2)  # the raylet's workers exit once it has gone
print(json.dumps({"ports": ports, "running": running, "after_close": descendants()}))
"""


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc/net/tcp")
def test_a_local_ray_instance_listens_on_loopback_only():
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env["PYTHONPATH"] = str(REPO)
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, cwd=REPO,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.strip().splitlines()[-1])
    ports = seen["ports"]
    commands = " ".join(cmd for _, _, _, cmd in ports)
    assert "gcs_server" in commands and "raylet" in commands, ports  # the servers were seen at all
    assert len(ports) >= 5, ports
    outside = [p for p in ports if not p[0].startswith("127.")]
    assert outside == [], outside
    # The instance is started lean (engine/ray.py): none of the processes a command does not use ...
    running = " ".join(seen["running"])
    assert "gcs_server" in running and "raylet" in running, running
    for unused in ("dashboard/dashboard.py", "autoscaler/_private/monitor.py", "_private/log_monitor.py"):
        assert unused not in running, unused
    # ... and close() stops all of it (the thread that started it stops it).
    assert seen["after_close"] == [], seen["after_close"]
