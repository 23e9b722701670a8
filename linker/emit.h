/* emit: the target machine and the output files. */
#ifndef BPF_LINKER_EMIT_H
#define BPF_LINKER_EMIT_H

#include <llvm-c/TargetMachine.h>
#include <llvm-c/Types.h>

#include "options.h"

/* Target machine for TRIPLE (--target wins over the inputs), --cpu and --cpu-features; also sets
 * the module's triple and data layout. Returns 0 or -EINVAL after reporting. */
int emit_target_machine(const struct options *opts, const char *inferred_triple,
			LLVMModuleRef module, LLVMTargetMachineRef *out);

/* Write every --emit kind; nothing is left behind on failure. */
int emit_outputs(LLVMModuleRef module, LLVMTargetMachineRef tm, const struct options *opts);

/* Write MODULE as text to DIR/NAME (--dump-module), creating DIR. */
int emit_dump_module(LLVMModuleRef module, const char *dir, const char *name);

#endif
