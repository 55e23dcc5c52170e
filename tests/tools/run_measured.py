#!/usr/bin/python3
"""Runs one command for the integration tests and records how it ended, how long it took and how
much memory it used, optionally under a fault.

Usage: run_measured.py --stats FILE [--stdout FILE] [--stderr FILE] [--fsize BYTES]
                       [--term-when-exists PATH] [--ceiling SECONDS] -- COMMAND...

--fsize BYTES          RLIMIT_FSIZE for the command, with SIGXFSZ ignored, so a write past the
                       limit fails with EFBIG the way a full disk fails with ENOSPC.
--term-when-exists P   send SIGTERM to the command once the file P exists (a slow scanner
                       creates it when it starts).
--ceiling SECONDS      kill the command's process group after this long: a hang ends the test
                       instead of the CI job (default 600). Not a speed test.

The stats file is JSON: exit (the code, or 128+N for a signal N, as a shell reports it),
wall_seconds, tree_max_rss_kib (the largest RSS of the command or any process it waited for, from
wait4), own_max_rss_kib (the command's own VmHWM, sampled from /proc until it exits), term_sent,
hit_ceiling."""
import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time


def own_high_water_kib(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def preexec(fsize):
    def apply():
        os.setpgid(0, 0)  # its own group, so the ceiling can kill every process it started
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # inherited across exec
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return apply


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stats", required=True)
    parser.add_argument("--stdout")
    parser.add_argument("--stderr")
    parser.add_argument("--fsize", type=int)
    parser.add_argument("--term-when-exists")
    parser.add_argument("--ceiling", type=float, default=600)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    out = open(args.stdout, "wb") if args.stdout else None
    err = open(args.stderr, "wb") if args.stderr else None
    start = time.monotonic()
    child = subprocess.Popen(args.command, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                             preexec_fn=preexec(args.fsize))
    own_max, term_sent, hit_ceiling = 0, False, False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid == child.pid:
            break
        own_max = max(own_max, own_high_water_kib(child.pid) or 0)
        if args.term_when_exists and not term_sent and os.path.exists(args.term_when_exists):
            os.kill(child.pid, signal.SIGTERM)
            term_sent = True
        if not hit_ceiling and time.monotonic() - start > args.ceiling:
            os.killpg(child.pid, signal.SIGKILL)
            hit_ceiling = True
        time.sleep(0.02)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    stats = {
        "exit": code if code >= 0 else 128 - code,
        "wall_seconds": round(wall, 2),
        "tree_max_rss_kib": usage.ru_maxrss,
        "own_max_rss_kib": own_max,
        "term_sent": term_sent,
        "hit_ceiling": hit_ceiling,
    }
    with open(args.stats, "w", encoding="utf-8") as f:
        json.dump(stats, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
