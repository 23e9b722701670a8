/* bitcode: read a unit into an LLVM module, refusing bitcode from a newer LLVM by name. */
#ifndef BPF_LINKER_BITCODE_H
#define BPF_LINKER_BITCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <llvm-c/Types.h>

#include "inputs.h"

/* Copy the producer string of bitcode DATA ("LLVM22.1.8...") into OUT; returns 0, -ENOENT when
 * the bitcode names none, -EINVAL when it is malformed. */
int bitcode_producer(const uint8_t *data, size_t size, char *out, size_t out_size);

/* Parse UNIT into CTX (unit->module): LAZY reads only the module's symbol table and leaves
 * function bodies unread. Returns 0 or -EINVAL after reporting. */
int bitcode_load(LLVMContextRef ctx, struct unit *unit, bool lazy);

#endif
