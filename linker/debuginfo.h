/* debuginfo: strip debug info, or keep it for BTF with --btf. */
#ifndef BPF_LINKER_DEBUGINFO_H
#define BPF_LINKER_DEBUGINFO_H

#include <llvm-c/Types.h>

#include "options.h"

int debuginfo_process(LLVMModuleRef module, const struct options *opts);

#endif
