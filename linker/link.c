/* link: one destination module, holding only what the programs reach. Units are read lazily
 * (function bodies and their metadata stay unparsed). Definitions the programs may need by name
 * (exports, roots, maps, weak ones) stay as they are; every other definition becomes linkonce_odr,
 * local ones under a name unique to their unit. LLVM's IRMover links a linkonce definition only
 * when something it links refers to it, and parses its body only then; a unit linked before the
 * unit that refers to it is read again in a later round, and the names keep what was linked once
 * from being linked twice. Afterwards local names and linkages are put back. So the work grows
 * with the program, not with core, and the result is the program eager linking and dead-code
 * removal give (--eager does that, for tests). Units are retargeted to the output triple, so C
 * bitcode ("bpf") and Rust ("bpfel") link quietly. */
#include "link.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Error.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Linker.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "bitcode.h"
#include "diag.h"
#include "prepare.h"

/* Marks a unit's local definition renamed for linking: NAME + MARK + unit + kind. */
#define LOCAL_MARK ".bpf-linker-local."

/* --eager: what no unit, export or root refers to becomes internal, for GlobalDCE; where
 * several units define a symbol, only the one resolution chose can win. */
static void link_internalize_unneeded(LLVMValueRef g, const struct resolution *res, size_t unit)
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
	if (s && s->shared && s->defined_by != unit) {
		LLVMSetLinkage(g, LLVMAvailableExternallyLinkage);
		return;
	}
	if ((s && (s->referenced || s->shared)) || resolve_is_map_definition(g)) {
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

/* Lazy linking: make G linked only if something linked refers to it (see the top). */
/* Is NAME linked whatever refers to it: a map, or an export other than a memory builtin (those
 * are linked only when IR calls them; code generation's calls get the linker's own, and
 * compiler_builtins' would otherwise go through the -O pipeline for nothing)? */
static bool is_root(LLVMValueRef g, const char *name, const struct resolution *res)
{
	return resolve_is_map_definition(g) ||
	       (symtab_find(&res->exports, name) && !resolve_is_memory_builtin(name));
}

static int link_make_lazy(LLVMValueRef g, const struct resolution *res, size_t unit,
			  LLVMModuleRef dest, bool again)
{
	size_t len;
	const char *name = LLVMGetValueName2(g, &len);
	LLVMLinkage linkage = LLVMGetLinkage(g);
	const struct symbol *s;
	LLVMValueRef existing;
	char *renamed;
	int n;

	if (!len || LLVMIsDeclaration(g) || !strncmp(name, "llvm.", 5) ||
	    linkage == LLVMAppendingLinkage || linkage == LLVMAvailableExternallyLinkage)
		return 0;
	/* Locals first: under their unit-unique name, a second reading links nothing twice. */
	if (linkage == LLVMInternalLinkage || linkage == LLVMPrivateLinkage) {
		n = asprintf(&renamed, "%.*s" LOCAL_MARK "%zu.%c", (int)len, name, unit,
			     linkage == LLVMPrivateLinkage ? 'p' : 'i');
		if (n < 0)
			return -ENOMEM;
		LLVMSetValueName2(g, renamed, (size_t)n);
		free(renamed);
		LLVMSetLinkage(g, LLVMLinkOnceODRLinkage);
		LLVMSetVisibility(g, LLVMHiddenVisibility);
		return 0;
	}
	/* Read again in a later round: what an earlier round linked from it stays as it is. */
	existing = !again ? NULL : LLVMIsAFunction(g) ? LLVMGetNamedFunction(dest, name)
					       : LLVMGetNamedGlobal(dest, name);
	if (existing && !LLVMIsDeclaration(existing)) {
		LLVMSetLinkage(g, LLVMLinkOnceODRLinkage);
		return 0;
	}
	if (is_root(g, name, res))
		return 0;
	/* Where resolution chose another unit's definition (a strong one over this weak one, the
	 * first of several linkonce ones), this one may be looked at but never wins. */
	s = symtab_find(&res->symbols, name);
	if (s && s->defined_by != SIZE_MAX && s->defined_by != unit)
		LLVMSetLinkage(g, LLVMAvailableExternallyLinkage);
	else
		LLVMSetLinkage(g, LLVMLinkOnceODRLinkage);
	return 0;
}

/* Where NAME's linking suffix (LOCAL_MARK + unit + kind) starts, or NULL: the last mark, since
 * an input's own name may hold the text too. */
static const char *local_mark(const char *name)
{
	const char *mark = NULL;

	for (const char *at = name; (at = strstr(at, LOCAL_MARK)); at++)
		mark = at;
	return mark;
}

/* After linking: local definitions get their names and linkage back. */
static int link_restore_locals(LLVMValueRef g)
{
	size_t len;
	const char *name = LLVMGetValueName2(g, &len);
	const char *mark = local_mark(name);
	char *original;

	if (!mark)
		return 0;
	original = strndup(name, (size_t)(mark - name));
	if (!original)
		return -ENOMEM;
	LLVMSetLinkage(g, name[len - 1] == 'p' ? LLVMPrivateLinkage : LLVMInternalLinkage);
	LLVMSetVisibility(g, LLVMDefaultVisibility);
	LLVMSetValueName2(g, original, strlen(original));
	free(original);
	return 0;
}

static int link_prune_unit(LLVMModuleRef module, const struct resolution *res, bool eager,
			   bool keep_debuginfo, size_t unit, LLVMModuleRef dest, bool again)
{
	LLVMPassBuilderOptionsRef pbo;
	LLVMErrorRef error;
	int err = 0;

	if (!eager) {
		for (LLVMValueRef f = LLVMGetFirstFunction(module); f && !err; f = LLVMGetNextFunction(f))
			err = link_make_lazy(f, res, unit, dest, again);
		for (LLVMValueRef g = LLVMGetFirstGlobal(module); g && !err; g = LLVMGetNextGlobal(g))
			err = link_make_lazy(g, res, unit, dest, again);
		/* On a lazy module this also strips the bodies parsed later, as they are read. */
		if (!keep_debuginfo)
			LLVMStripModuleDebugInfo(module);
		return err;
	}
	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f))
		link_internalize_unneeded(f, res, unit);
	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g; g = LLVMGetNextGlobal(g))
		link_internalize_unneeded(g, res, unit);
	for (LLVMValueRef a = LLVMGetFirstGlobalAlias(module); a; a = LLVMGetNextGlobalAlias(a))
		link_internalize_unneeded(a, res, unit);
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

/* Load (again, after round 0), prepare and link one unit into DEST. */
static int link_unit(LLVMContextRef ctx, LLVMModuleRef dest, struct inputs *inputs, size_t index,
		     const struct resolution *res, const struct options *opts, const char *triple,
		     bool again)
{
	struct unit *unit = &inputs->units[index];
	int err;

	/* resolve left the unit read lazily; --eager wants it parsed in full. */
	if (unit->module && opts->eager) {
		LLVMDisposeModule(unit->module);
		unit->module = NULL;
	}
	if (!unit->module && (err = bitcode_load(ctx, unit, !opts->eager)))
		return err;
	/* LLVM's work on the unit is about this file: a crash or error names it. */
	diag_set_subject(unit->name);
	diag_debug("%s: linked%s", unit->name, again ? " again" : "");
	if ((err = link_prune_unit(unit->module, res, opts->eager, opts->btf, index, dest, again))) {
		LLVMDisposeModule(unit->module);
		unit->module = NULL;
		diag_set_subject(NULL);
		return err;
	}
	if (!*LLVMGetDataLayoutStr(dest))
		LLVMSetDataLayout(dest, LLVMGetDataLayoutStr(unit->module));
	LLVMSetTarget(unit->module, triple);
	/* The source module is destroyed whether or not linking succeeds. */
	err = link_into(dest, unit->module, unit->name, unit->size);
	unit->module = NULL;
	diag_set_subject(NULL);
	return err;
}

/* Units that define what DEST still only declares (or holds available_externally): they were
 * linked before anything referred to those definitions. Returns how many were marked in PENDING. */
static size_t link_find_pending(LLVMModuleRef dest, const struct resolution *res, bool *pending)
{
	size_t count = 0;

	for (int pass = 0; pass < 2; pass++)
		for (LLVMValueRef g = pass ? LLVMGetFirstGlobal(dest) : LLVMGetFirstFunction(dest); g;
		     g = pass ? LLVMGetNextGlobal(g) : LLVMGetNextFunction(g)) {
			size_t len;
			const char *name = LLVMGetValueName2(g, &len);
			const struct symbol *s;

			if ((!LLVMIsDeclaration(g) && LLVMGetLinkage(g) != LLVMAvailableExternallyLinkage) ||
			    !LLVMGetFirstUse(g) || !len ||
			    !(s = symtab_find(&res->symbols, name)) || s->defined_by == SIZE_MAX ||
			    pending[s->defined_by])
				continue;
			pending[s->defined_by] = true;
			count++;
		}
	return count;
}

static int link_report_invalid(LLVMValueRef f, const struct inputs *inputs,
			       const struct resolution *res)
{
	size_t len;
	const char *name = LLVMGetValueName2(f, &len);
	const char *mark = local_mark(name);
	const struct symbol *s = symtab_find(&res->symbols, name);
	size_t unit = s ? s->defined_by : SIZE_MAX;

	/* A local's unit is in its linking name: NAME + MARK + unit + kind. */
	if (mark)
		unit = strtoul(mark + strlen(LOCAL_MARK), NULL, 10);
	diag_error(unit < inputs->unit_count ? inputs->units[unit].name : NULL,
		   "corrupt bitcode: function '%.*s' is not valid LLVM IR",
		   (int)(mark ? (size_t)(mark - name) : len), name);
	return -EINVAL;
}

/* prepare_stub_panics: is the declaration F defined by a selected unit? */
static bool link_is_defined(LLVMValueRef f, void *data)
{
	const struct resolution *res = data;
	size_t len;
	const char *name = LLVMGetValueName2(f, &len);
	const struct symbol *s = len ? symtab_find(&res->symbols, name) : NULL;

	return s && s->defined_by != SIZE_MAX;
}

static void link_mark_definer(const struct resolution *res, const char *name, bool *pending)
{
	const struct symbol *s = name ? symtab_find(&res->symbols, name) : NULL;

	if (s && s->defined_by != SIZE_MAX)
		pending[s->defined_by] = true;
}

int link_modules(LLVMContextRef ctx, struct inputs *inputs, const struct resolution *res,
		 const struct options *opts, const char *triple, LLVMModuleRef *out)
{
	LLVMModuleRef dest = LLVMModuleCreateWithNameInContext("bpf-linker", ctx);
	bool *pending = calloc(inputs->unit_count ? inputs->unit_count : 1, sizeof(*pending));
	size_t rounds = 0;
	int err = 0;

	if (!pending) {
		LLVMDisposeModule(dest);
		return -ENOMEM;
	}
	LLVMSetTarget(dest, triple);
	/* First the files on the command line, what must be linked unreferenced (maps, llvm.used),
	 * units LLVM already read, and the definitions of exports and roots; every other selected
	 * member only once something linked refers to what it defines (--eager: all of them). */
	for (size_t i = 0; i < res->count; i++) {
		const struct unit *unit = &inputs->units[res->order[i]];

		pending[res->order[i]] = opts->eager || unit->archive == SIZE_MAX || unit->needed_whole ||
					 unit->module;
	}
	for (size_t i = 0; i < res->exports.cap; i++)
		if (res->exports.slots[i].name &&
		    (opts->eager || !resolve_is_memory_builtin(res->exports.slots[i].name)))
			link_mark_definer(res, res->exports.slots[i].name, pending);
	for (size_t i = 0; i < inputs->roots.len; i++)
		link_mark_definer(res, inputs->roots.items[i], pending);
	for (size_t i = 0; i < res->count && !err; i++)
		if (pending[res->order[i]])
			err = link_unit(ctx, dest, inputs, res->order[i], res, opts, triple, false);
	memset(pending, 0, inputs->unit_count * sizeof(*pending));
	/* Each round links what the previous one came to need; it ends because every round
	 * defines at least one symbol that was only declared, and a bound stops a unit that
	 * does not deliver what its symbol table promised. Panic paths get their final bodies
	 * first (prepare would give them those anyway), declared ones too: what core's panics
	 * format, core::fmt and the units it lives in, is not read for code thrown away. */
	while (!err && !opts->eager && rounds < res->count &&
	       !(err = prepare_stub_panics(dest, link_is_defined, (void *)res, NULL, NULL)) &&
	       link_find_pending(dest, res, pending)) {
		rounds++;
		for (size_t i = 0; i < res->count && !err; i++)
			if (pending[res->order[i]])
				err = link_unit(ctx, dest, inputs, res->order[i], res, opts, triple, true);
		memset(pending, 0, inputs->unit_count * sizeof(*pending));
	}
	free(pending);
	/* LLVM's reader does not check the bodies it parses lazily, and its passes crash or loop
	 * forever on a damaged one (a block without a terminator, say). */
	for (LLVMValueRef f = LLVMGetFirstFunction(dest); f && !err; f = LLVMGetNextFunction(f))
		if (!LLVMIsDeclaration(f) &&
		    (!LLVMGetFirstBasicBlock(f) || LLVMVerifyFunction(f, LLVMReturnStatusAction)))
			err = link_report_invalid(f, inputs, res);
	for (LLVMValueRef f = LLVMGetFirstFunction(dest); f && !err; f = LLVMGetNextFunction(f))
		err = link_restore_locals(f);
	for (LLVMValueRef g = LLVMGetFirstGlobal(dest); g && !err; g = LLVMGetNextGlobal(g))
		err = link_restore_locals(g);
	if (err) {
		LLVMDisposeModule(dest);
		return err;
	}
	diag_info("linked what the programs reach of %zu selected units, in %zu more rounds for what "
		  "earlier units came to need", res->count, rounds);
	*out = dest;
	return 0;
}

int link_own_ir(LLVMModuleRef module, const char *text, size_t len, const char *what)
{
	LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(text, len, what);
	LLVMModuleRef parsed;
	char *message = NULL;

	if (LLVMParseIRInContext(LLVMGetModuleContext(module), buffer, &parsed, &message)) {
		diag_error(NULL, "the linker's %s does not parse: %s", what, message);
		LLVMDisposeMessage(message);
		return -EINVAL;
	}
	LLVMSetDataLayout(parsed, LLVMGetDataLayoutStr(module));
	LLVMSetTarget(parsed, LLVMGetTarget(module));
	if (LLVMLinkModules2(module, parsed)) {
		diag_error(NULL, "cannot link the linker's %s", what);
		return -EINVAL;
	}
	return 0;
}
