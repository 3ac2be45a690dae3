#!/usr/bin/env python3
"""Runs a command and prints one JSON line: wall seconds, user+sys CPU seconds and peak RSS (MiB) of that
process, from the kernel's own accounting (wait4). Standard library only.

    python3 bench/measure.py -- node bin/run.js --help
"""
import json
import os
import subprocess
import sys
import time


def main() -> None:
    argv = sys.argv[1:]
    if argv and argv[0] == '--':
        argv = argv[1:]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    print(json.dumps({
        'wall': wall,
        'cpu': usage.ru_utime + usage.ru_stime,
        'rss_mib': usage.ru_maxrss / 1024,
        'exit': os.waitstatus_to_exitcode(status),
    }))


if __name__ == '__main__':
    main()
