#!/usr/bin/env python3
"""newer-producer.py IN OUT: copy raw bitcode IN to OUT with its producer's LLVM major set to 99,
as if a newer LLVM had written it (the IDENTIFICATION block's char6 string is rewritten in place)."""
import sys

data = bytearray(open(sys.argv[1], "rb").read())
bits = int.from_bytes(data, "little")
pos = 32


def read(width):
    global pos
    value = (bits >> pos) & ((1 << width) - 1)
    pos += width
    return value


def vbr(width):
    value, shift = 0, 0
    while True:
        chunk = read(width)
        value |= (chunk & ((1 << (width - 1)) - 1)) << shift
        shift += width - 1
        if not chunk >> (width - 1):
            return value


assert data[:4] == b"BC\xc0\xde", "raw bitcode expected"
assert read(2) == 1 and vbr(8) == 13, "identification block expected first"
width = vbr(4)
pos = (pos + 31) & ~31
read(32)
abbrevs = []
while True:
    abbrev_id = read(width)
    if abbrev_id == 2:
        ops = []
        for _ in range(vbr(5)):
            if read(1):
                ops.append(("lit", vbr(8)))
            else:
                enc = read(3)
                ops.append((enc, vbr(5) if enc in (1, 2) else None))
        abbrevs.append(ops)
        continue
    assert abbrev_id >= 4, "abbreviated producer record expected"
    ops = abbrevs[abbrev_id - 4]
    assert ops[0] == ("lit", 1) and ops[1][0] == 3 and ops[2][0] == 4, "char6 string expected"
    length = vbr(6)
    starts = [pos + 6 * i for i in range(length)]
    break

char6 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._"
for index in (4, 5):  # "LLVM22..." -> "LLVM99..."
    start = starts[index]
    bits &= ~(0x3F << start)
    bits |= char6.index("9") << start
open(sys.argv[2], "wb").write(bits.to_bytes(len(data), "little"))
