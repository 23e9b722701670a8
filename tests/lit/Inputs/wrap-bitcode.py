"""wrap-bitcode.py IN OUT: put raw bitcode IN behind the bitcode wrapper header."""
import struct, sys
bc = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(struct.pack("<5I", 0x0B17C0DE, 0, 20, len(bc), 0) + bc)
