/* link: one destination module; every unit is retargeted to the output triple first, so C bitcode
 * ("bpf") and Rust bitcode ("bpfel") link without triple warnings. */
#include "link.h"

#include <errno.h>
#include <stdint.h>

#include <llvm-c/Core.h>
#include <llvm-c/Linker.h>

#include "diag.h"

int link_modules(LLVMContextRef ctx, struct inputs *inputs, const struct resolution *res,
		 const char *triple, LLVMModuleRef *out)
{
	LLVMModuleRef dest = LLVMModuleCreateWithNameInContext("bpf-linker", ctx);
	int err = 0;

	LLVMSetTarget(dest, triple);
	for (size_t i = 0; i < res->count; i++) {
		struct unit *unit = &inputs->units[res->order[i]];
		unsigned errors = diag_error_count();

		if (i == 0)
			LLVMSetDataLayout(dest, LLVMGetDataLayoutStr(unit->module));
		LLVMSetTarget(unit->module, triple);
		diag_set_subject(unit->name);
		/* The source module is destroyed whether or not linking succeeds. */
		if (LLVMLinkModules2(dest, unit->module)) {
			if (diag_error_count() == errors)
				diag_error(unit->name, "cannot be linked");
			err = -EINVAL;
		}
		unit->module = NULL;
		diag_set_subject(NULL);
		if (err)
			break;
	}
	if (err) {
		LLVMDisposeModule(dest);
		return err;
	}
	*out = dest;
	return 0;
}
