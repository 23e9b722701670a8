/* prepare: the BPF verifier rejects infinite loops, unresolved calls and __bpf_trap, which is
 * what a Rust panic handler turns into. Every function that cannot return (the panic handler,
 * core::panicking::*) gets a body that calls one marker; the functions on the way to it are
 * inlined into the programs, and after optimisation the marker becomes "return 0" there, so a
 * failed bounds check ends the program with 0 (XDP_ABORTED, TC_ACT_OK, ...). */
#include "prepare.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>

#include "diag.h"
#include "ptrset.h"

static int prepare_internalize(LLVMModuleRef module, const struct symtab *exports);
static size_t prepare_inline_attributes(LLVMModuleRef module, const struct options *opts);
static int prepare_reroute_panics(LLVMModuleRef module, const struct symtab *exports);
static int prepare_inline_panic_paths(LLVMValueRef marker, const struct symtab *exports);

static unsigned attr_kind(const char *name)
{
	return LLVMGetEnumAttributeKindForName(name, strlen(name));
}

static bool has_fn_attr(LLVMValueRef fn, const char *name)
{
	return LLVMGetEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, attr_kind(name)) != NULL;
}

static void add_fn_attr(LLVMValueRef fn, const char *name)
{
	LLVMContextRef ctx = LLVMGetTypeContext(LLVMTypeOf(fn));

	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
				LLVMCreateEnumAttribute(ctx, attr_kind(name), 0));
}

static void remove_fn_attr(LLVMValueRef fn, const char *name)
{
	LLVMRemoveEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, attr_kind(name));
}

/* Drop noinline from FN and from its call sites: rustc marks both for #[inline(never)] and
 * for cold calls. */
static void allow_inlining(LLVMValueRef fn)
{
	unsigned noinline = attr_kind("noinline");

	remove_fn_attr(fn, "noinline");
	for (LLVMUseRef u = LLVMGetFirstUse(fn); u; u = LLVMGetNextUse(u)) {
		LLVMValueRef user = LLVMGetUser(u);

		if (LLVMIsACallInst(user) && LLVMGetCalledValue(user) == fn)
			LLVMRemoveCallSiteEnumAttribute(user, LLVMAttributeFunctionIndex, noinline);
	}
}

static void make_always_inline(LLVMValueRef fn)
{
	allow_inlining(fn);
	if (!has_fn_attr(fn, "alwaysinline"))
		add_fn_attr(fn, "alwaysinline");
}

static void internalize_one(const struct symtab *exports, LLVMValueRef g, size_t *internalized)
{
	size_t len;
	const char *name = LLVMGetValueName2(g, &len);
	LLVMLinkage linkage = LLVMGetLinkage(g);

	if (LLVMIsDeclaration(g) || !strncmp(name, "llvm.", 5) || linkage == LLVMInternalLinkage ||
	    linkage == LLVMPrivateLinkage || linkage == LLVMAppendingLinkage)
		return;
	if (symtab_has_value(exports, g) || resolve_is_map_definition(g)) {
		/* One definition is left: weak or linkonce would let it be dropped or preempted. */
		if (linkage != LLVMExternalLinkage)
			LLVMSetLinkage(g, LLVMExternalLinkage);
		return;
	}
	LLVMSetLinkage(g, LLVMInternalLinkage);
	LLVMSetVisibility(g, LLVMDefaultVisibility);
	(*internalized)++;
}

/* Definitions only: a declaration stays external so it is still reported, or resolved by the
 * loader (.ksyms), rather than becoming a broken local symbol. */
static int prepare_internalize(LLVMModuleRef module, const struct symtab *exports)
{
	size_t internalized = 0;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f))
		internalize_one(exports, f, &internalized);
	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g; g = LLVMGetNextGlobal(g))
		internalize_one(exports, g, &internalized);
	for (LLVMValueRef a = LLVMGetFirstGlobalAlias(module); a; a = LLVMGetNextGlobalAlias(a))
		internalize_one(exports, a, &internalized);
	diag_info("internalized %zu definitions", internalized);
	return 0;
}

/* Returns how many functions were optnone (compiled without optimisation). */
static size_t prepare_inline_attributes(LLVMModuleRef module, const struct options *opts)
{
	size_t optnone = 0;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f)) {
		if (LLVMIsDeclaration(f) || LLVMGetIntrinsicID(f))
			continue;
		/* optnone would keep the O1 pipeline (used for -O0) from making verifiable code. */
		if (has_fn_attr(f, "optnone")) {
			remove_fn_attr(f, "optnone");
			optnone++;
		}
		if (opts->ignore_inline_never)
			allow_inlining(f);
	}
	return optnone;
}

static LLVMValueRef caller_of(LLVMValueRef user, LLVMValueRef callee)
{
	if (!LLVMIsACallInst(user) || LLVMGetCalledValue(user) != callee)
		return NULL;
	return LLVMGetBasicBlockParent(LLVMGetInstructionParent(user));
}

/* Everything that can reach the marker through direct calls is inlined into its callers, so
 * that the marker lands in the exported programs. */
static int prepare_inline_panic_paths(LLVMValueRef marker, const struct symtab *exports)
{
	struct ptr_set seen = { 0 };
	LLVMValueRef *work = NULL;
	size_t work_len = 0, work_cap = 0, inlined = 0;
	int err = 0;

	work_cap = 64;
	work = malloc(work_cap * sizeof(*work));
	if (!work)
		return -ENOMEM;
	work[work_len++] = marker;
	while (work_len && !err) {
		LLVMValueRef callee = work[--work_len];

		for (LLVMUseRef u = LLVMGetFirstUse(callee); u; u = LLVMGetNextUse(u)) {
			LLVMValueRef caller = caller_of(LLVMGetUser(u), callee);
			int added;

			if (!caller || symtab_has_value(exports, caller))
				continue;
			added = ptr_set_add(&seen, caller);
			if (added < 0) {
				err = added;
				break;
			}
			if (!added)
				continue;
			make_always_inline(caller);
			inlined++;
			if (work_len == work_cap) {
				LLVMValueRef *grown = realloc(work, 2 * work_cap * sizeof(*work));

				if (!grown) {
					err = -ENOMEM;
					break;
				}
				work = grown;
				work_cap *= 2;
			}
			work[work_len++] = caller;
		}
	}
	diag_info("%zu functions on panic paths marked for inlining", inlined);
	free(work);
	ptr_set_free(&seen);
	return err;
}

/* What a function's body becomes. */
enum body_kind {
	BODY_KEEP,          /* left as it is */
	BODY_PANIC,         /* call the panic marker: the program returns 0 */
	BODY_UNREACHABLE,   /* a debug-only UB check failed: assumed not to happen, as in release */
	BODY_RETURN,        /* a debug-only precondition check: nothing to check */
};

/* Debug builds of core check pointers for alignment and null before dereferencing them, and
 * unsafe functions' preconditions; the checks test pointer bits, which the verifier rejects, and
 * the verifier checks every access itself. Release builds have none of them. */
static enum body_kind classify_body(LLVMValueRef f, prepare_defined_fn defined, void *data)
{
	size_t len;
	const char *name = LLVMGetValueName2(f, &len);

	if (LLVMIsDeclaration(f) && (!defined || !LLVMGetFirstUse(f) || !defined(f, data)))
		return BODY_KEEP;
	if (strstr(name, "panic_misaligned_pointer_dereference") ||
	    strstr(name, "panic_null_pointer_dereference"))
		return BODY_UNREACHABLE;
	if (strstr(name, "precondition_check") &&
	    LLVMGetTypeKind(LLVMGetReturnType(LLVMGlobalGetValueType(f))) == LLVMVoidTypeKind)
		return BODY_RETURN;
	if (has_fn_attr(f, "noreturn"))
		return BODY_PANIC;
	return BODY_KEEP;
}

/* Give F a new body of KIND: a fresh function of the same type takes its place and name. */
static int replace_body(LLVMModuleRef module, LLVMValueRef f, enum body_kind kind,
			LLVMValueRef marker, LLVMBuilderRef builder)
{
	LLVMContextRef ctx = LLVMGetModuleContext(module);
	size_t len;
	const char *name = LLVMGetValueName2(f, &len);
	char *saved = strndup(name, len);
	LLVMValueRef body;

	if (!saved)
		return -ENOMEM;
	body = LLVMAddFunction(module, "", LLVMGlobalGetValueType(f));
	if (LLVMIsDeclaration(f)) {
		/* Linked lazily, its definition would have been linkonce_odr. */
		LLVMSetLinkage(body, LLVMLinkOnceODRLinkage);
		LLVMSetVisibility(body, LLVMHiddenVisibility);
	} else {
		LLVMSetLinkage(body, LLVMGetLinkage(f));
		LLVMSetVisibility(body, LLVMGetVisibility(f));
	}
	LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ctx, body, "entry"));
	if (kind == BODY_PANIC) {
		LLVMBuildCall2(builder, LLVMGlobalGetValueType(marker), marker, NULL, 0, "");
		LLVMBuildUnreachable(builder);
		add_fn_attr(body, "noreturn");
	} else if (kind == BODY_UNREACHABLE) {
		LLVMBuildUnreachable(builder);
		add_fn_attr(body, "noreturn");
	} else {
		LLVMBuildRetVoid(builder);
	}
	add_fn_attr(body, "nounwind");
	LLVMReplaceAllUsesWith(f, body);
	LLVMDeleteFunction(f);
	LLVMSetValueName2(body, saved, len);
	free(saved);
	make_always_inline(body);
	return 0;
}

/* Does F already have the body KIND gives (an earlier prepare_stub_panics)? */
static bool is_stub(LLVMValueRef f, enum body_kind kind, LLVMValueRef marker)
{
	LLVMBasicBlockRef entry = LLVMGetFirstBasicBlock(f);
	LLVMValueRef first = entry ? LLVMGetFirstInstruction(entry) : NULL;

	if (!first || LLVMGetNextBasicBlock(entry))
		return false;
	switch (kind) {
	case BODY_PANIC:
		return LLVMIsACallInst(first) && LLVMGetCalledValue(first) == marker;
	case BODY_UNREACHABLE:
		return LLVMGetInstructionOpcode(first) == LLVMUnreachable;
	case BODY_RETURN:
		return LLVMGetInstructionOpcode(first) == LLVMRet;
	default:
		return true;
	}
}

/* The marker, added the first time; NULL (reported) where a global of an input took its name
 * (a local one is renamed out of the way, as linking does with locals of the same name). */
static LLVMValueRef panic_marker(LLVMModuleRef module)
{
	static const char local_name[] = PREPARE_PANIC_MARKER ".local";
	LLVMContextRef ctx = LLVMGetModuleContext(module);
	LLVMValueRef marker = LLVMGetNamedFunction(module, PREPARE_PANIC_MARKER);
	LLVMValueRef taken = marker ? marker : LLVMGetNamedGlobal(module, PREPARE_PANIC_MARKER);
	LLVMTypeRef type;

	if (!taken)
		taken = LLVMGetNamedGlobalAlias(module, PREPARE_PANIC_MARKER, strlen(PREPARE_PANIC_MARKER));
	if (taken && (LLVMGetLinkage(taken) == LLVMInternalLinkage ||
		      LLVMGetLinkage(taken) == LLVMPrivateLinkage)) {
		LLVMSetValueName2(taken, local_name, sizeof(local_name) - 1);
		marker = taken = NULL;
	}
	type = marker ? LLVMGlobalGetValueType(marker) : NULL;
	if (marker && LLVMIsDeclaration(marker) && !LLVMCountParamTypes(type) &&
	    !LLVMIsFunctionVarArg(type) && LLVMGetTypeKind(LLVMGetReturnType(type)) == LLVMVoidTypeKind &&
	    has_fn_attr(marker, "noreturn"))
		return marker;
	if (taken) {
		diag_error(NULL, "an input uses the name '%s', which the linker keeps for itself",
			   PREPARE_PANIC_MARKER);
		return NULL;
	}
	marker = LLVMAddFunction(module, PREPARE_PANIC_MARKER,
				 LLVMFunctionType(LLVMVoidTypeInContext(ctx), NULL, 0, 0));
	add_fn_attr(marker, "noreturn");
	add_fn_attr(marker, "nounwind");
	return marker;
}

int prepare_stub_panics(LLVMModuleRef module, prepare_defined_fn defined, void *data,
			size_t *panics, size_t *checks)
{
	LLVMValueRef marker = panic_marker(module);
	size_t count = 0, cap = 0, counts[BODY_RETURN + 1] = { 0 };
	struct { LLVMValueRef fn; enum body_kind kind; } *work = NULL;
	LLVMBuilderRef builder;
	int err = 0;

	if (!marker)
		return -EINVAL;
	/* Collect first: the replacements are added to the same function list. */
	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f)) {
		enum body_kind kind = f == marker ? BODY_KEEP : classify_body(f, defined, data);

		if (kind == BODY_KEEP)
			continue;
		if (is_stub(f, kind, marker)) {
			counts[kind]++;  /* given its body while linking */
			continue;
		}
		if (count == cap) {
			void *grown = realloc(work, (cap ? cap * 2 : 32) * sizeof(*work));

			if (!grown) {
				free(work);
				return -ENOMEM;
			}
			work = grown;
			cap = cap ? cap * 2 : 32;
		}
		work[count].fn = f;
		work[count++].kind = kind;
	}
	builder = LLVMCreateBuilderInContext(LLVMGetModuleContext(module));
	for (size_t i = 0; i < count && !err; i++) {
		err = replace_body(module, work[i].fn, work[i].kind, marker, builder);
		counts[work[i].kind]++;
	}
	LLVMDisposeBuilder(builder);
	free(work);
	if (panics)
		*panics += counts[BODY_PANIC];
	if (checks)
		*checks += counts[BODY_UNREACHABLE] + counts[BODY_RETURN];
	return err;
}

static int prepare_reroute_panics(LLVMModuleRef module, const struct symtab *exports)
{
	size_t panics = 0, checks = 0;
	int err = prepare_stub_panics(module, NULL, NULL, &panics, &checks);

	if (err)
		return err;
	diag_info("%zu functions that cannot return rerouted to the panic marker, %zu debug UB "
		  "checks removed", panics, checks);
	return prepare_inline_panic_paths(LLVMGetNamedFunction(module, PREPARE_PANIC_MARKER), exports);
}

/* How many of BPF's five argument registers a value of TYPE takes. */
static unsigned registers_of(LLVMTypeRef type)
{
	unsigned n = 0;

	switch (LLVMGetTypeKind(type)) {
	case LLVMIntegerTypeKind:
		return (LLVMGetIntTypeWidth(type) + 63) / 64;
	case LLVMArrayTypeKind:
		return (unsigned)LLVMGetArrayLength2(type) * registers_of(LLVMGetElementType(type));
	case LLVMStructTypeKind:
		for (unsigned i = 0; i < LLVMCountStructElementTypes(type); i++)
			n += registers_of(LLVMStructGetTypeAtIndex(type, i));
		return n;
	default:
		return 1;
	}
}

/* BPF passes five arguments, all in registers: a function that is not exported and needs more
 * is inlined into its callers (each of which has its own registers and stack). */
static void prepare_inline_wide_calls(LLVMModuleRef module)
{
	size_t inlined = 0;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f)) {
		LLVMTypeRef type = LLVMGlobalGetValueType(f);
		unsigned count = LLVMCountParamTypes(type), registers = 0;
		LLVMTypeRef params[64];

		if (LLVMIsDeclaration(f) || LLVMGetLinkage(f) != LLVMInternalLinkage)
			continue;
		if (count <= 64) {
			LLVMGetParamTypes(type, params);
			for (unsigned i = 0; i < count; i++)
				registers += registers_of(params[i]);
		}
		if (count > 64 || registers > 5) {
			make_always_inline(f);
			inlined++;
		}
	}
	if (inlined)
		diag_info("%zu functions with more than five argument registers marked to inline", inlined);
}

int prepare_module(LLVMModuleRef module, const struct options *opts, const struct symtab *exports,
		   bool *optimized)
{
	int err = prepare_internalize(module, exports);

	if (err)
		return err;
	*optimized = !prepare_inline_attributes(module, opts);
	prepare_inline_wide_calls(module);
	return prepare_reroute_panics(module, exports);
}

int prepare_lower_panics(LLVMModuleRef module, const struct symtab *exports)
{
	LLVMValueRef marker = LLVMGetNamedFunction(module, PREPARE_PANIC_MARKER);
	LLVMBuilderRef builder;
	int lowered = 0;

	if (!marker)
		return 0;
	builder = LLVMCreateBuilderInContext(LLVMGetModuleContext(module));
	while (LLVMGetFirstUse(marker)) {
		LLVMValueRef call = LLVMGetUser(LLVMGetFirstUse(marker));
		LLVMBasicBlockRef block = LLVMGetInstructionParent(call);
		LLVMValueRef fn = LLVMGetBasicBlockParent(block);
		LLVMValueRef after = LLVMGetNextInstruction(call);
		LLVMTypeRef ret = LLVMGetReturnType(LLVMGlobalGetValueType(fn));
		size_t len;
		const char *name = LLVMGetValueName2(fn, &len);

		if (!LLVMIsACallInst(call) || !after || LLVMGetInstructionOpcode(after) != LLVMUnreachable) {
			diag_error(NULL, "cannot lower a panic path in function '%s'", name);
			LLVMDisposeBuilder(builder);
			return -EINVAL;
		}
		if (!symtab_has_value(exports, fn))
			diag_warn(NULL, "panic in '%s', which was not inlined into a program: it returns 0 "
					"to its caller", name);
		LLVMInstructionEraseFromParent(after);
		LLVMInstructionEraseFromParent(call);
		LLVMPositionBuilderAtEnd(builder, block);
		if (LLVMGetTypeKind(ret) == LLVMVoidTypeKind)
			LLVMBuildRetVoid(builder);
		else
			LLVMBuildRet(builder, LLVMConstNull(ret));
		lowered++;
	}
	LLVMDisposeBuilder(builder);
	LLVMDeleteFunction(marker);
	diag_info("%d panic sites lowered to 'return 0'", lowered);
	return lowered;
}
