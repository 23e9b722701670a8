/* debuginfo: without debug info the BPF backend emits no .BTF/.BTF.ext. BTF that the kernel
 * accepts needs Rust's names and layouts rewritten; until that lands, --btf strips too, so that
 * objects always load. */
#include "debuginfo.h"

#include <llvm-c/DebugInfo.h>

#include "diag.h"

int debuginfo_process(LLVMModuleRef module, const struct options *opts)
{
	if (opts->btf)
		diag_warn(NULL, "--btf: BTF emission is not implemented yet; debug info is stripped");
	diag_debug("stripping debug info: %s", LLVMStripModuleDebugInfo(module) ? "changed" : "none");
	return 0;
}
