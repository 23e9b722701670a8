/* prepare: linkage, inlining attributes and panic paths, before optimisation. */
#ifndef BPF_LINKER_PREPARE_H
#define BPF_LINKER_PREPARE_H

#include <stdbool.h>
#include <stddef.h>

#include <llvm-c/Types.h>

#include "options.h"
#include "resolve.h"

/* Name of the function every panic path calls until prepare_lower_panics replaces it. */
#define PREPARE_PANIC_MARKER "bpf_linker.panic"

/* Internalise everything that is not exported, apply --ignore-inline-never, and reroute every
 * panic path to one marker that prepare_lower_panics turns into "return 0". Sets *OPTIMIZED when
 * no function was compiled without optimisation (optnone, as rustc and clang mark -O0 code). */
int prepare_module(LLVMModuleRef module, const struct options *opts, const struct symtab *exports,
		   bool *optimized);

/* Is the declaration F defined by an input (so that giving it a body changes no error)? */
typedef bool (*prepare_defined_fn)(LLVMValueRef f, void *data);

/* Give every function that cannot return (and core's debug-only checks) the body
 * prepare_module gives it, now: what the old bodies called need not be linked. With DEFINED,
 * also the used declarations it accepts, by their declared attributes: their definitions need
 * not be read at all. Adds the counts to PANICS and CHECKS (either may be NULL); 0, -ENOMEM, or
 * -EINVAL after reporting an input that took the marker's name. */
int prepare_stub_panics(LLVMModuleRef module, prepare_defined_fn defined, void *data,
			size_t *panics, size_t *checks);

/* After optimisation: each "call marker; unreachable" becomes "ret 0" (or ret void) in the
 * function it ended up in. Returns how many sites were lowered, or -EINVAL after reporting. */
int prepare_lower_panics(LLVMModuleRef module, const struct symtab *exports);

#endif
