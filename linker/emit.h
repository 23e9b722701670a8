/* emit: the target machine and the output files. */
#ifndef BPF_LINKER_EMIT_H
#define BPF_LINKER_EMIT_H

#include <stdbool.h>

#include <llvm-c/TargetMachine.h>
#include <llvm-c/Types.h>

#include "inputs.h"
#include "options.h"
#include "resolve.h"

/* Target machine for TRIPLE (resolution's output triple), --cpu and --cpu-features; also sets
 * the module's triple and data layout. Returns 0 or -EINVAL after reporting. */
int emit_target_machine(const struct options *opts, const char *triple,
			LLVMModuleRef module, LLVMTargetMachineRef *out);

/* Write every --emit kind; nothing is left behind on failure. The object is checked first: memory
 * builtins it never calls are left out, the linker's own are added for calls nothing defines,
 * and any other symbol it uses that is neither defined nor a kernel extern (.ksyms, .kconfig,
 * weak) is an error naming a function that uses it. Plain BPF objects of INPUTS are then merged
 * in (merge.h). MODULE is NULL when there is no bitcode: the plain objects alone are merged.
 * MAY_CONSUME: code generation may use up MODULE where only the object is written and nothing
 * foreseen calls a memory builtin; -EAGAIN (nothing written) if the object calls one after all,
 * and the caller links again without. */
int emit_outputs(LLVMModuleRef module, LLVMTargetMachineRef tm, const struct options *opts,
		 const struct resolution *res, struct inputs *inputs, bool may_consume);

/* Write MODULE as text to DIR/NAME (--dump-module), creating DIR. */
int emit_dump_module(LLVMModuleRef module, const char *dir, const char *name);

#endif
