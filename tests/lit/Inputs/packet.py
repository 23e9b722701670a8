#!/usr/bin/env python3
"""packet.py OUT [BYTE...]: write an Ethernet frame (IPv4 ethertype) followed by the given bytes."""
import sys
frame = b"\xff" * 6 + b"\x02" * 6 + b"\x08\x00" + bytes(int(b, 0) for b in sys.argv[2:])
frame += b"\x00" * max(0, 16 - len(frame))
open(sys.argv[1], "wb").write(frame)
