/* lower: after optimisation, what the BPF backend refuses rewritten with what BPF has. */
#ifndef BPF_LINKER_LOWER_H
#define BPF_LINKER_LOWER_H

#include <llvm-c/Types.h>

#include "options.h"

/* 128-bit multiplication and variable shifts into 64-bit operations, 128-bit division and
 * remainder into calls of the linker's helper;
 * signed division and remainder into unsigned ones unless the CPU is v4; sret dropped from
 * functions that are not exported. Returns 0 or -EINVAL after reporting. */
int lower_module(LLVMModuleRef module, const struct options *opts);

#endif
