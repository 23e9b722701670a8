/* link: one destination module. Each selected unit is read lazily (function bodies and their
 * metadata stay unparsed), and what nothing needs is made internal: definitions that no other
 * unit, export or root refers to. LLVM's IRMover links external definitions and materialises an
 * internal one only when something it links refers to it, so only the code the programs reach is
 * ever parsed, and work grows with the program, not with core. The result is the same program as
 * linking everything and removing dead code afterwards (--eager does exactly that, for tests).
 * Units are retargeted to the output triple, so C bitcode ("bpf") and Rust ("bpfel") link
 * quietly. */
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
	if ((s && s->referenced) || resolve_is_map_definition(g)) {
		/* The IRMover links linkonce definitions only when the destination already refers
		 * to them: a needed one must not depend on the order of the units. */
		if (linkage == LLVMLinkOnceODRLinkage)
			LLVMSetLinkage(g, LLVMWeakODRLinkage);
		else if (linkage == LLVMLinkOnceAnyLinkage)
			LLVMSetLinkage(g, LLVMWeakAnyLinkage);
		return;
	}
	LLVMSetLinkage(g, LLVMInternalLinkage);
	LLVMSetVisibility(g, LLVMDefaultVisibility);
}

static int link_prune_unit(LLVMModuleRef module, const struct resolution *res, bool eager,
			   bool keep_debuginfo)
{
	LLVMPassBuilderOptionsRef pbo;
	LLVMErrorRef error;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f))
		link_internalize_unneeded(f, res);
	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g; g = LLVMGetNextGlobal(g))
		link_internalize_unneeded(g, res);
	for (LLVMValueRef a = LLVMGetFirstGlobalAlias(module); a; a = LLVMGetNextGlobalAlias(a))
		link_internalize_unneeded(a, res);
	/* On a lazy module this also strips the bodies parsed later, as they are read. */
	if (!keep_debuginfo)
		LLVMStripModuleDebugInfo(module);
	if (!eager)
		return 0;
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

/* Link SRC (destroyed) into DEST; NAME is what an error names. */
static int link_into(LLVMModuleRef dest, LLVMModuleRef src, const char *name, size_t size)
{
	unsigned errors = diag_error_count();
	LLVMBool failed;

	/* The bodies linked are parsed now, so the time bound covers this too. */
	diag_watch(size);
	failed = LLVMLinkModules2(dest, src);
	diag_watch(0);
	if (failed) {
		if (diag_error_count() == errors)
			diag_error(name, "cannot be linked");
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

		/* resolve left the unit read lazily; --eager wants it parsed in full. */
		if (unit->module && opts->eager) {
			LLVMDisposeModule(unit->module);
			unit->module = NULL;
		}
		if (!unit->module && (err = bitcode_load(ctx, unit, !opts->eager)))
			break;
		/* LLVM's work on the unit is about this file: a crash or error names it. */
		diag_set_subject(unit->name);
		if ((err = link_prune_unit(unit->module, res, opts->eager, opts->btf))) {
			LLVMDisposeModule(unit->module);
			unit->module = NULL;
			diag_set_subject(NULL);
			break;
		}
		if (i == 0)
			LLVMSetDataLayout(dest, LLVMGetDataLayoutStr(unit->module));
		LLVMSetTarget(unit->module, triple);
		/* The source module is destroyed whether or not linking succeeds. */
		err = link_into(dest, unit->module, unit->name, unit->size);
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
