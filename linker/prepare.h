/* prepare: linkage, inlining attributes and panic paths, before optimisation. */
#ifndef BPF_LINKER_PREPARE_H
#define BPF_LINKER_PREPARE_H

#include <stdbool.h>

#include <llvm-c/Types.h>

#include "options.h"
#include "resolve.h"

/* Name of the function every panic path calls until prepare_lower_panics replaces it. */
#define PREPARE_PANIC_MARKER "bpf_linker.panic"

/* Internalise everything that is not exported, apply --ignore-inline-never, and reroute every
 * panic path to one marker that prepare_lower_panics turns into "return 0". */
int prepare_module(LLVMModuleRef module, const struct options *opts, const struct symtab *exports);

/* After optimisation: each "call marker; unreachable" becomes "ret 0" (or ret void) in the
 * function it ended up in. Returns how many sites were lowered, or -EINVAL after reporting. */
int prepare_lower_panics(LLVMModuleRef module, const struct symtab *exports);

#endif
