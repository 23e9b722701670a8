/* link: one destination module. Each selected unit is parsed in full only now, one at a time,
 * and loses what nothing needs before it is linked: definitions that no other unit, export or
 * root refers to become internal, and GlobalDCE drops those its needed code does not reach (with
 * their debug info, which is stripped first without --btf). The linked module stays small, and
 * the result is the same program as linking everything and removing dead code afterwards. Units
 * are retargeted to the output triple, so C bitcode ("bpf") and Rust ("bpfel") link quietly. */
#include "link.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Error.h>
#include <llvm-c/Linker.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "bitcode.h"
#include "diag.h"

static void link_internalize_unneeded(LLVMValueRef g, const struct resolution *res)
{
	size_t len;
	const char *name = LLVMGetValueName2(g, &len);
	LLVMLinkage linkage = LLVMGetLinkage(g);
	const struct symbol *s;

	if (!len || LLVMIsDeclaration(g) || !strncmp(name, "llvm.", 5) ||
	    linkage == LLVMInternalLinkage || linkage == LLVMPrivateLinkage ||
	    linkage == LLVMAppendingLinkage || linkage == LLVMAvailableExternallyLinkage)
		return;
	s = symtab_find(&res->symbols, name);
	if ((s && s->referenced) || resolve_is_map_definition(g))
		return;
	LLVMSetLinkage(g, LLVMInternalLinkage);
	LLVMSetVisibility(g, LLVMDefaultVisibility);
}

static int link_prune_unit(LLVMModuleRef module, const struct resolution *res, bool keep_debuginfo)
{
	LLVMPassBuilderOptionsRef pbo;
	LLVMErrorRef error;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f))
		link_internalize_unneeded(f, res);
	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g; g = LLVMGetNextGlobal(g))
		link_internalize_unneeded(g, res);
	for (LLVMValueRef a = LLVMGetFirstGlobalAlias(module); a; a = LLVMGetNextGlobalAlias(a))
		link_internalize_unneeded(a, res);
	if (!keep_debuginfo)
		LLVMStripModuleDebugInfo(module);
	pbo = LLVMCreatePassBuilderOptions();
	error = LLVMRunPasses(module, "globaldce", NULL, pbo);
	LLVMDisposePassBuilderOptions(pbo);
	if (error) {
		char *message = LLVMGetErrorMessage(error);

		diag_error(NULL, "removing unneeded code failed: %s", message);
		LLVMDisposeErrorMessage(message);
		return -EINVAL;
	}
	return 0;
}

int link_modules(LLVMContextRef ctx, struct inputs *inputs, const struct resolution *res,
		 const struct options *opts, const char *triple, LLVMModuleRef *out)
{
	LLVMModuleRef dest = LLVMModuleCreateWithNameInContext("bpf-linker", ctx);
	int err = 0;

	LLVMSetTarget(dest, triple);
	for (size_t i = 0; i < res->count && !err; i++) {
		struct unit *unit = &inputs->units[res->order[i]];
		unsigned errors = diag_error_count();

		if ((err = bitcode_load(ctx, unit, false)))
			break;
		/* LLVM's work on the unit is about this file: a crash or error names it. */
		diag_set_subject(unit->name);
		if ((err = link_prune_unit(unit->module, res, opts->btf))) {
			LLVMDisposeModule(unit->module);
			unit->module = NULL;
			diag_set_subject(NULL);
			break;
		}
		if (i == 0)
			LLVMSetDataLayout(dest, LLVMGetDataLayoutStr(unit->module));
		LLVMSetTarget(unit->module, triple);
		/* The source module is destroyed whether or not linking succeeds. */
		if (LLVMLinkModules2(dest, unit->module)) {
			if (diag_error_count() == errors)
				diag_error(unit->name, "cannot be linked");
			err = -EINVAL;
		}
		unit->module = NULL;
		diag_set_subject(NULL);
	}
	if (err) {
		LLVMDisposeModule(dest);
		return err;
	}
	*out = dest;
	return 0;
}
