/* link: merge the selected units into one module. */
#ifndef BPF_LINKER_LINK_H
#define BPF_LINKER_LINK_H

#include <stddef.h>

#include <llvm-c/Types.h>

#include "inputs.h"
#include "options.h"
#include "resolve.h"

/* Link the units RES selected, in order, into a new module of CTX with TRIPLE, leaving out
 * what nothing needs. Returns 0 or -EINVAL after reporting. */
int link_modules(LLVMContextRef ctx, struct inputs *inputs, const struct resolution *res,
		 const struct options *opts, const char *triple, LLVMModuleRef *out);

/* Parse TEXT, the linker's own IR (WHAT names it in messages), and link it into MODULE with
 * MODULE's data layout and triple. Returns 0 or -EINVAL after reporting. */
int link_own_ir(LLVMModuleRef module, const char *text, size_t len, const char *what);

#endif
