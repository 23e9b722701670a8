#!/usr/bin/env python3
"""mutations.py LINKER SEED_DIR COUNT: feed COUNT deterministic mutations of the real inputs in
SEED_DIR (bitcode, IR text, ELF with .llvmbc, archives, rlibs) to the linker, each linked alone
as the only input. Every run must end with exit status 0 or 1, never a signal, within 20 s; every
failure must print exactly one line, "bpf-linker: error: ...". Failing cases are kept in
SEED_DIR/failures for a look."""
import os
import random
import shutil
import subprocess
import sys
import time

linker, seed_dir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
seeds = sorted(f for f in os.listdir(seed_dir) if os.path.isfile(os.path.join(seed_dir, f)))
if not seeds:
    sys.exit("mutations.py: no seed inputs in " + seed_dir)
work = os.path.join(seed_dir, "work")
failures = os.path.join(seed_dir, "failures")
os.makedirs(work, exist_ok=True)
os.makedirs(failures, exist_ok=True)
rng = random.Random(20261124)
INTERESTING = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE]


def mutate(data):
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 8])):
        kind = rng.randrange(6)
        if not data:
            break
        at = rng.randrange(len(data))
        if kind == 0:    # flip a bit
            data[at] ^= 1 << rng.randrange(8)
        elif kind == 1:  # an interesting byte
            data[at] = rng.choice(INTERESTING)
        elif kind == 2:  # a large 32-bit value (lengths, counts, offsets)
            data[at:at + 4] = rng.choice([b"\xff\xff\xff\x7f", b"\xff\xff\xff\xff", b"\x00\x00\x00\x80"])
        elif kind == 3:  # truncate
            del data[at:]
        elif kind == 4:  # duplicate a chunk
            end = min(len(data), at + rng.randrange(1, 64))
            data[at:at] = data[at:end]
        else:            # delete a chunk
            del data[at:at + rng.randrange(1, 64)]
    return bytes(data)


bad = 0
slowest = 0.0
for i in range(count):
    seed = seeds[i % len(seeds)]
    with open(os.path.join(seed_dir, seed), "rb") as f:
        data = mutate(f.read())
    ext = os.path.splitext(seed)[1]
    path = os.path.join(work, "m%d%s" % (i, ext))
    with open(path, "wb") as f:
        f.write(data)
    out = os.path.join(work, "out.o")
    start = time.monotonic()
    try:
        # Every other link with --btf: the debug-info stages see hostile input too.
        proc = subprocess.run([linker, path, "--export", "prog"] + ["--btf"] * (i % 2) + ["-o", out],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=20)
        rc, err = proc.returncode, proc.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, err = "timeout", ""
    elapsed = time.monotonic() - start
    slowest = max(slowest, elapsed)
    why = None
    lines = [l for l in err.split("\n") if l]
    if rc == "timeout":
        why = "ran over 20 s"
    elif rc < 0:
        why = "killed by signal %d" % -rc
    elif rc not in (0, 1):
        why = "exit status %d" % rc
    elif rc == 1 and (len(lines) != 1 or not lines[0].startswith("bpf-linker: error: ")):
        why = "%d lines on stderr" % len(lines)
    elif rc == 1 and os.path.exists(out):
        why = "left an output file"
    if why:
        bad += 1
        kept = os.path.join(failures, "m%d-%s%s" % (i, seed.replace(".", "_"), ext))
        shutil.copy(path, kept)
        print("FAIL: mutation %d of %s: %s: %s" % (i, seed, why, " | ".join(lines)[:300]))
    if os.path.exists(out):
        os.unlink(out)
    os.unlink(path)
print("%d mutations of %d seeds: %d bad, slowest %.2f s" % (count, len(seeds), bad, slowest))
sys.exit(1 if bad else 0)
