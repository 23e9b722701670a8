/* optimize: LLVM's global options and the -O pipeline with the BPF target machine. */
#ifndef BPF_LINKER_OPTIMIZE_H
#define BPF_LINKER_OPTIMIZE_H

#include <llvm-c/TargetMachine.h>
#include <llvm-c/Types.h>

#include "options.h"
#include "resolve.h"

/* Register the BPF target and pass LLVM its options; an unknown --llvm-args option is an error.
 * Call once, before any LLVM context exists. Returns 0 or -EINVAL after reporting. */
int optimize_init_llvm(const struct options *opts);

/* Remove dead code, run the -O pipeline, lower panic paths, clean up. OPTIMIZED: every unit
 * was optimised by its compiler (no optnone function), so at -O2 and above the pipeline made
 * for code optimised before linking does the work. */
int optimize_module(LLVMModuleRef module, LLVMTargetMachineRef tm, const struct options *opts,
		    const struct symtab *exports, bool optimized);

#endif
