/* debuginfo: LLVM's BPF backend turns whatever debug info is left into .BTF and .BTF.ext; for Rust
 * the kernel refuses it as it is (names such as "Option<&str>", named pointer types, members out
 * of offset order, every function global). With --btf, after optimisation, only the debug info
 * that the kept functions and globals reach is rewritten (DI of removed code is never walked),
 * through LLVM-C accessors where they exist and through operand indices that are checked against
 * this LLVM at startup where they do not. FUNC linkage is not an operand, so it is patched in the
 * emitted .BTF from the ELF symbol table. Without --btf, link strips each unit's debug info. */
#include "debuginfo.h"

#include <errno.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>

#include "diag.h"
#include "ptrset.h"

/* Operand positions in LLVM 22's debug-info nodes; debuginfo_process checks them. */
enum {
	OPERAND_TYPE_NAME = 2,          /* DIType: name */
	OPERAND_COMPOSITE_ELEMENTS = 6, /* DICompositeType: elements */
	OPERAND_SUBPROGRAM_NAME = 2,    /* DISubprogram: name */
};

enum {
	DW_TAG_array_type = 0x01,
	DW_TAG_enumeration_type = 0x04,
	DW_TAG_member = 0x0d,
	DW_TAG_pointer_type = 0x0f,
	DW_TAG_reference_type = 0x10,
	DW_TAG_structure_type = 0x13,
	DW_TAG_union_type = 0x17,
	DW_TAG_const_type = 0x26,
	DW_TAG_volatile_type = 0x35,
	DW_TAG_restrict_type = 0x37,
	DW_TAG_rvalue_reference_type = 0x42,
	DW_TAG_atomic_type = 0x47,
	DW_ATE_unsigned = 0x08,
};

/* What the BTF rewrite changed, for the log. */
struct btf_stats {
	size_t nodes;      /* debug-info nodes walked */
	size_t renamed;    /* names made legal */
	size_t anonymous;  /* pointer-like types made anonymous */
	size_t sorted;     /* structs whose members were put in offset order */
	size_t synthetic;  /* functions given a subprogram */
	size_t variables;  /* global variables given a type */
};

/* State of one walk over the debug info the kept code reaches. */
struct btf_walk {
	LLVMContextRef ctx;      /* the module's context */
	struct ptr_set seen;     /* nodes already walked */
	struct btf_stats stats;  /* what was changed */
};

static uint64_t fnv1a(const char *data, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)data[i]) * 1099511628211ull;
	return h;
}

static bool is_ident_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

size_t debuginfo_btf_name(const char *name, size_t len, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	char full[4 * DEBUGINFO_BTF_NAME_MAX + 8];
	size_t n = 0;

	if (len && name[0] >= '0' && name[0] <= '9')
		full[n++] = '_';
	/* Escape until the result is known to be too long; past that only the hash matters. */
	for (size_t i = 0; i < len && n <= DEBUGINFO_BTF_NAME_MAX; i++) {
		unsigned char c = (unsigned char)name[i];

		if (is_ident_byte(c)) {
			full[n++] = (char)c;
		} else {
			full[n++] = '_';
			full[n++] = hex[c >> 4];
			full[n++] = hex[c & 15];
			full[n++] = '_';
		}
	}
	if (n <= DEBUGINFO_BTF_NAME_MAX) {
		memcpy(out, full, n);
		out[n] = '\0';
		return n;
	}
	memcpy(out, full, 110);
	return 110 + (size_t)snprintf(out + 110, 18, "_%016llx", (unsigned long long)fnv1a(name, len));
}

static bool is_btf_name(const char *name, size_t len)
{
	if (len > DEBUGINFO_BTF_NAME_MAX || (len && name[0] >= '0' && name[0] <= '9'))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_ident_byte((unsigned char)name[i]))
			return false;
	return true;
}

static LLVMValueRef as_value(struct btf_walk *w, LLVMMetadataRef md)
{
	return LLVMMetadataAsValue(w->ctx, md);
}

/* The MDString operand INDEX of NODE, or NULL. */
static const char *string_operand(struct btf_walk *w, LLVMMetadataRef node, unsigned index,
				  unsigned *len)
{
	LLVMValueRef v = as_value(w, node);
	LLVMValueRef op;

	if (index >= LLVMGetMDNodeNumOperands(v))
		return NULL;
	op = LLVMGetOperand(v, index);
	if (!op || LLVMGetMetadataKind(LLVMValueAsMetadata(op)) != LLVMMDStringMetadataKind)
		return NULL;
	return LLVMGetMDString(op, len);
}

static void set_name(struct btf_walk *w, LLVMMetadataRef node, unsigned index, const char *name,
		     size_t len)
{
	LLVMReplaceMDNodeOperandWith(as_value(w, node), index, LLVMMDStringInContext2(w->ctx, name, len));
}

/* Make the name at operand INDEX of NODE a legal BTF name. */
static void sanitize_name(struct btf_walk *w, LLVMMetadataRef node, unsigned index)
{
	char legal[DEBUGINFO_BTF_NAME_MAX + 1];
	unsigned len = 0;
	const char *name = string_operand(w, node, index, &len);

	if (!name || is_btf_name(name, len))
		return;
	set_name(w, node, index, legal, debuginfo_btf_name(name, len, legal));
	w->stats.renamed++;
}

struct member {
	LLVMMetadataRef node; /* the DW_TAG_member */
	uint64_t offset;      /* its offset in bits */
	size_t position;      /* where it was, to keep the sort stable */
};

static int compare_members(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->position < y->position ? -1 : x->position > y->position;
}

/* Rust reorders fields; BTF wants members in offset order. Structs with a variant part (enums
 * that carry data) are left as LLVM describes them. */
static int sort_members(struct btf_walk *w, LLVMMetadataRef composite)
{
	LLVMValueRef v = as_value(w, composite), elements, *items;
	LLVMMetadataRef *sorted_nodes;
	struct member *members;
	unsigned count;
	bool changed = false;

	if (OPERAND_COMPOSITE_ELEMENTS >= LLVMGetMDNodeNumOperands(v) ||
	    !(elements = LLVMGetOperand(v, OPERAND_COMPOSITE_ELEMENTS)) ||
	    LLVMGetMetadataKind(LLVMValueAsMetadata(elements)) != LLVMMDTupleMetadataKind)
		return 0;
	count = LLVMGetMDNodeNumOperands(elements);
	if (count < 2)
		return 0;
	items = calloc(count, sizeof(*items));
	members = calloc(count, sizeof(*members));
	sorted_nodes = calloc(count, sizeof(*sorted_nodes));
	if (!items || !members || !sorted_nodes) {
		free(items);
		free(members);
		free(sorted_nodes);
		return -ENOMEM;
	}
	LLVMGetMDNodeOperands(elements, items);
	for (unsigned i = 0; i < count; i++) {
		LLVMMetadataRef m = items[i] ? LLVMValueAsMetadata(items[i]) : NULL;

		if (!m || LLVMGetMetadataKind(m) != LLVMDIDerivedTypeMetadataKind ||
		    LLVMGetDINodeTag(m) != DW_TAG_member)
			goto out; /* a variant part, a method: not a plain struct */
		members[i] = (struct member){ m, LLVMDITypeGetOffsetInBits(m), i };
	}
	qsort(members, count, sizeof(*members), compare_members);
	for (unsigned i = 0; i < count; i++) {
		sorted_nodes[i] = members[i].node;
		changed |= members[i].position != i;
	}
	if (changed) {
		LLVMReplaceMDNodeOperandWith(v, OPERAND_COMPOSITE_ELEMENTS,
					     LLVMMDNodeInContext2(w->ctx, sorted_nodes, count));
		w->stats.sorted++;
	}
out:
	free(items);
	free(members);
	free(sorted_nodes);
	return 0;
}

int debuginfo_sort_members(LLVMContextRef ctx, LLVMMetadataRef composite)
{
	struct btf_walk w = { .ctx = ctx };

	return sort_members(&w, composite);
}

/* Only nodes that can lead to types BTF emits are followed: not compile units, files,
 * namespaces or other functions' subprograms, so removed code's debug info is never reached. */
static bool follow(LLVMMetadataKind kind)
{
	switch (kind) {
	case LLVMMDTupleMetadataKind:
	case LLVMDIBasicTypeMetadataKind:
	case LLVMDIDerivedTypeMetadataKind:
	case LLVMDICompositeTypeMetadataKind:
	case LLVMDISubroutineTypeMetadataKind:
	case LLVMDISubrangeMetadataKind:
	case LLVMDIGenericSubrangeMetadataKind:
	case LLVMDIEnumeratorMetadataKind:
	case LLVMDILocalVariableMetadataKind:
	case LLVMDIGlobalVariableMetadataKind:
	case LLVMDIGlobalVariableExpressionMetadataKind:
	case LLVMDITemplateTypeParameterMetadataKind:
	case LLVMDITemplateValueParameterMetadataKind:
	case LLVMDIStringTypeMetadataKind:
	case LLVMDISubrangeTypeMetadataKind:
	case LLVMDIFixedPointTypeMetadataKind:
		return true;
	default:
		return false;
	}
}

/* Rust has no anonymous members: a field named __anon_N (as btf2rust writes C's) stands for one,
 * and is anonymous in BTF, where CO-RE looks through anonymous members for the named fields. */
static bool is_anonymous_member(struct btf_walk *w, LLVMMetadataRef member)
{
	unsigned len = 0;
	const char *name = string_operand(w, member, OPERAND_TYPE_NAME, &len);

	if (!name || len <= 7 || strncmp(name, "__anon_", 7))
		return false;
	for (unsigned i = 7; i < len; i++)
		if (name[i] < '0' || name[i] > '9')
			return false;
	return true;
}

/* Rewrite NODE once its operands are done (post-order: a node is never touched after its own
 * rewrite, which may re-unique it). */
static int rewrite_node(struct btf_walk *w, LLVMMetadataRef node, LLVMMetadataKind kind)
{
	unsigned tag;

	switch (kind) {
	case LLVMDICompositeTypeMetadataKind:
		tag = LLVMGetDINodeTag(node);
		if (tag == DW_TAG_structure_type || tag == DW_TAG_union_type) {
			int err = sort_members(w, node);

			if (err)
				return err;
		}
		if (tag != DW_TAG_array_type)
			sanitize_name(w, node, OPERAND_TYPE_NAME);
		return 0;
	case LLVMDIDerivedTypeMetadataKind:
		tag = LLVMGetDINodeTag(node);
		if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type ||
		    tag == DW_TAG_rvalue_reference_type || tag == DW_TAG_const_type ||
		    tag == DW_TAG_volatile_type || tag == DW_TAG_restrict_type ||
		    tag == DW_TAG_atomic_type) {
			unsigned len = 0;

			if (string_operand(w, node, OPERAND_TYPE_NAME, &len) && len) {
				set_name(w, node, OPERAND_TYPE_NAME, "", 0);
				w->stats.anonymous++;
			}
		} else if (tag == DW_TAG_member && is_anonymous_member(w, node)) {
			set_name(w, node, OPERAND_TYPE_NAME, "", 0);
			w->stats.anonymous++;
		} else {
			sanitize_name(w, node, OPERAND_TYPE_NAME);
		}
		return 0;
	case LLVMDIBasicTypeMetadataKind:
		sanitize_name(w, node, OPERAND_TYPE_NAME);
		return 0;
	default:
		return 0;
	}
}

static int walk(struct btf_walk *w, LLVMMetadataRef node)
{
	LLVMMetadataKind kind = LLVMGetMetadataKind(node);
	LLVMValueRef v, *ops;
	unsigned count;
	int added, err = 0;

	if (!follow(kind) && kind != LLVMDISubprogramMetadataKind)
		return 0;
	added = ptr_set_add(&w->seen, node);
	if (added <= 0)
		return added;
	w->stats.nodes++;
	v = as_value(w, node);
	count = LLVMGetMDNodeNumOperands(v);
	ops = calloc(count ? count : 1, sizeof(*ops));
	if (!ops)
		return -ENOMEM;
	LLVMGetMDNodeOperands(v, ops);
	for (unsigned i = 0; i < count && !err; i++) {
		LLVMMetadataRef op = ops[i] ? LLVMValueAsMetadata(ops[i]) : NULL;

		if (op && follow(LLVMGetMetadataKind(op)))
			err = walk(w, op);
	}
	free(ops);
	return err ? err : rewrite_node(w, node, kind);
}

/* A DI type for an LLVM parameter or return type, close enough for a FUNC_PROTO. */
static LLVMMetadataRef synthetic_type(LLVMDIBuilderRef builder, LLVMTypeRef type)
{
	static const char *const names[] = { "u8", "u16", "u32", "u64", "u128" };

	switch (LLVMGetTypeKind(type)) {
	case LLVMVoidTypeKind:
		return NULL;
	case LLVMPointerTypeKind:
		return LLVMDIBuilderCreatePointerType(builder, NULL, 64, 0, 0, "", 0);
	case LLVMIntegerTypeKind: {
		unsigned bits = LLVMGetIntTypeWidth(type);
		unsigned i = bits <= 8 ? 0 : bits <= 16 ? 1 : bits <= 32 ? 2 : bits <= 64 ? 3 : 4;

		return LLVMDIBuilderCreateBasicType(builder, names[i], strlen(names[i]), 8u << i,
						    DW_ATE_unsigned, LLVMDIFlagZero);
	}
	default:
		return LLVMDIBuilderCreateBasicType(builder, "u64", 3, 64, DW_ATE_unsigned, LLVMDIFlagZero);
	}
}

static bool needs_variable_type(LLVMValueRef g, unsigned dbg_kind)
{
	size_t count = 0, len;
	const char *name = LLVMGetValueName2(g, &len);
	LLVMValueMetadataEntry *entries;
	bool has = false;
	LLVMLinkage linkage = LLVMGetLinkage(g);

	if (LLVMIsDeclaration(g) || linkage == LLVMInternalLinkage || linkage == LLVMPrivateLinkage ||
	    !len || !strncmp(name, "llvm.", 5) || resolve_is_map_definition(g))
		return false;
	entries = LLVMGlobalCopyAllMetadata(g, &count);
	for (size_t i = 0; i < count; i++)
		has |= LLVMValueMetadataEntriesGetKind(entries, (unsigned)i) == dbg_kind;
	if (entries)
		LLVMDisposeValueMetadataEntries(entries);
	return !has;
}

static bool has_variables_without_type(LLVMModuleRef module)
{
	unsigned dbg = LLVMGetMDKindIDInContext(LLVMGetModuleContext(module), "dbg", 3);

	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g; g = LLVMGetNextGlobal(g))
		if (needs_variable_type(g, dbg))
			return true;
	return false;
}

/* libbpf's linker wants BTF for every global variable (a plain object may refer to it): one
 * without debug info (a crate built without it, LICENSE) gets a byte array of its size. Maps
 * are left alone: their BTF is their definition, and only the source can give it. */
static void add_missing_variables(LLVMModuleRef module, LLVMDIBuilderRef builder,
				  LLVMMetadataRef file, struct btf_stats *stats)
{
	LLVMTargetDataRef layout = LLVMGetModuleDataLayout(module);
	unsigned dbg = LLVMGetMDKindIDInContext(LLVMGetModuleContext(module), "dbg", 3);
	LLVMMetadataRef byte = LLVMDIBuilderCreateBasicType(builder, "u8", 2, 8, DW_ATE_unsigned,
							    LLVMDIFlagZero);

	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g; g = LLVMGetNextGlobal(g)) {
		size_t len;
		const char *name = LLVMGetValueName2(g, &len);
		uint64_t size;
		LLVMMetadataRef range, type, var;

		if (!needs_variable_type(g, dbg))
			continue;
		size = LLVMABISizeOfType(layout, LLVMGlobalGetValueType(g));
		range = LLVMDIBuilderGetOrCreateSubrange(builder, 0, (int64_t)size);
		type = LLVMDIBuilderCreateArrayType(builder, size * 8, 8, byte, &range, 1);
		var = LLVMDIBuilderCreateGlobalVariableExpression(
			builder, file, name, len, name, len, file, 0, type, 0,
			LLVMDIBuilderCreateExpression(builder, NULL, 0), NULL, 0);
		LLVMGlobalSetMetadata(g, dbg, var);
		stats->variables++;
	}
}

/* BTFDebug needs a subprogram on every function once the module has debug info (it crashes
 * otherwise), and the verifier wants func_info for each: give one to functions that have none
 * (from crates built without debug info, or made by the linker). */
static int add_missing_subprograms(LLVMModuleRef module, const struct symtab *exports,
				   struct btf_stats *stats)
{
	LLVMDIBuilderRef builder = NULL;
	LLVMMetadataRef file = NULL;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f)) {
		LLVMTypeRef fn_type = LLVMGlobalGetValueType(f);
		unsigned params = LLVMCountParamTypes(fn_type);
		LLVMMetadataRef *types, sp;
		LLVMTypeRef *param_types;
		char name[DEBUGINFO_BTF_NAME_MAX + 1];
		size_t len, name_len;
		const char *symbol = LLVMGetValueName2(f, &len);
		bool definition = !LLVMIsDeclaration(f);

		/* A called extern (a plain object's function, a kfunc) needs one too: libbpf's linker
		 * and loader match externs by their BTF. */
		if (LLVMGetSubprogram(f) || LLVMGetIntrinsicID(f) || !strncmp(symbol, "llvm.", 5) ||
		    (!definition && !LLVMGetFirstUse(f)))
			continue;
		if (!builder) {
			builder = LLVMCreateDIBuilder(module);
			file = LLVMDIBuilderCreateFile(builder, "bpf-linker", 10, "", 0);
			LLVMDIBuilderCreateCompileUnit(builder, LLVMDWARFSourceLanguageC, file, "bpf-linker",
						       10, 1, "", 0, 0, "", 0, LLVMDWARFEmissionFull, 0, 0,
						       0, "", 0, "", 0);
		}
		types = calloc(params + 1, sizeof(*types));
		param_types = calloc(params ? params : 1, sizeof(*param_types));
		if (!types || !param_types) {
			free(types);
			free(param_types);
			LLVMDisposeDIBuilder(builder);
			return -ENOMEM;
		}
		LLVMGetParamTypes(fn_type, param_types);
		types[0] = synthetic_type(builder, LLVMGetReturnType(fn_type));
		for (unsigned i = 0; i < params; i++)
			types[i + 1] = synthetic_type(builder, param_types[i]);
		name_len = debuginfo_btf_name(symbol, len, name);
		sp = LLVMDIBuilderCreateFunction(
			builder, file, name, name_len, symbol, len, file, 0,
			LLVMDIBuilderCreateSubroutineType(builder, file, types, params + 1, LLVMDIFlagZero),
			definition && !symtab_has_value(exports, f), definition, 0, LLVMDIFlagPrototyped,
			1);
		/* The kernel wants every FUNC_PROTO parameter named: arg0, arg1, ... */
		for (unsigned i = 0; definition && i < params; i++) {
			char arg[16];
			int arg_len = snprintf(arg, sizeof(arg), "arg%u", i);

			LLVMDIBuilderCreateParameterVariable(builder, sp, arg, (size_t)arg_len, i + 1, file, 0,
							     types[i + 1] ? types[i + 1] : synthetic_type(builder, param_types[i]),
							     1, LLVMDIFlagZero);
		}
		LLVMSetSubprogram(f, sp);
		LLVMDIBuilderFinalizeSubprogram(builder, sp);
		free(types);
		free(param_types);
		stats->synthetic++;
	}
	if (builder)
		add_missing_variables(module, builder, file, stats);
	else if (has_variables_without_type(module)) {
		builder = LLVMCreateDIBuilder(module);
		file = LLVMDIBuilderCreateFile(builder, "bpf-linker", 10, "", 0);
		LLVMDIBuilderCreateCompileUnit(builder, LLVMDWARFSourceLanguageC, file, "bpf-linker",
					       10, 1, "", 0, 0, "", 0, LLVMDWARFEmissionFull, 0, 0,
					       0, "", 0, "", 0);
		add_missing_variables(module, builder, file, stats);
	}
	if (builder) {
		LLVMDIBuilderFinalize(builder);
		LLVMDisposeDIBuilder(builder);
	}
	return 0;
}

static bool has_module_flag(LLVMModuleRef module, const char *key)
{
	return LLVMGetModuleFlag(module, key, strlen(key)) != NULL;
}

int debuginfo_prepare_btf(LLVMModuleRef module, const struct symtab *exports)
{
	struct btf_walk w = { .ctx = LLVMGetModuleContext(module) };
	LLVMTypeRef i32 = LLVMInt32TypeInContext(w.ctx);
	int err;

	if (!has_module_flag(module, "Debug Info Version"))
		LLVMAddModuleFlag(module, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
				  LLVMValueAsMetadata(LLVMConstInt(i32, LLVMDebugMetadataVersion(), 0)));
	if (!has_module_flag(module, "Dwarf Version"))
		LLVMAddModuleFlag(module, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
				  LLVMValueAsMetadata(LLVMConstInt(i32, 4, 0)));
	if ((err = add_missing_subprograms(module, exports, &w.stats)))
		return err;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f && !err; f = LLVMGetNextFunction(f)) {
		LLVMMetadataRef sp = LLVMIsDeclaration(f) ? NULL : LLVMGetSubprogram(f);

		if (sp && !(err = walk(&w, sp)))
			sanitize_name(&w, sp, OPERAND_SUBPROGRAM_NAME);
	}
	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g && !err; g = LLVMGetNextGlobal(g)) {
		size_t count = 0;
		LLVMValueMetadataEntry *entries = LLVMGlobalCopyAllMetadata(g, &count);

		for (size_t i = 0; i < count && !err; i++)
			err = walk(&w, LLVMValueMetadataEntriesGetMetadata(entries, (unsigned)i));
		if (entries)
			LLVMDisposeValueMetadataEntries(entries);
	}
	ptr_set_free(&w.seen);
	if (err)
		return err;
	diag_info("BTF: %zu debug-info nodes walked, %zu names made legal, %zu pointer types made "
		  "anonymous, %zu structs put in offset order, %zu functions given a subprogram, %zu "
		  "variables given a type",
		  w.stats.nodes, w.stats.renamed, w.stats.anonymous, w.stats.sorted, w.stats.synthetic,
		  w.stats.variables);
	return 0;
}

/* Give the phis at the head of OLD to FRESH, rebuilt with FRESH for OLD among their incoming
 * blocks (a loop on OLD itself): replacing OLD's uses updates the phis of its successors, and OLD
 * is no longer one of those once its own branch goes to FRESH. */
static void move_phis(LLVMBuilderRef builder, LLVMBasicBlockRef old, LLVMBasicBlockRef fresh)
{
	LLVMValueRef phi, next;
	size_t len;

	for (phi = LLVMGetFirstInstruction(old); phi && LLVMIsAPHINode(phi); phi = next) {
		const char *name = LLVMGetValueName2(phi, &len);
		LLVMValueRef rebuilt = LLVMBuildPhi(builder, LLVMTypeOf(phi), name ? name : "");

		next = LLVMGetNextInstruction(phi);
		for (unsigned i = 0, n = LLVMCountIncoming(phi); i < n; i++) {
			LLVMValueRef value = LLVMGetIncomingValue(phi, i);
			LLVMBasicBlockRef from = LLVMGetIncomingBlock(phi, i);

			if (from == old)
				from = fresh;
			LLVMAddIncoming(rebuilt, &value, &from, 1);
		}
		LLVMReplaceAllUsesWith(phi, rebuilt);
		LLVMInstructionEraseFromParent(phi);
	}
}

/* Move the instructions of OLD into a new block put in its place, leaving OLD's debug records
 * behind, and delete OLD with them. LLVM-C cannot erase a record, and an instruction taken out of
 * a block leaves its records to the instruction after it, so the last one moved would hand them
 * to the block's trailing records, which the next terminator inserted there adopts: an
 * instruction put after the terminator receives them instead and goes with OLD. Uses of OLD
 * (branches, the incoming blocks of phis) move to the new block first. */
static int replace_block(LLVMContextRef ctx, LLVMBuilderRef builder, LLVMBasicBlockRef old)
{
	const char *given = LLVMGetBasicBlockName(old);
	char *name = strdup(given ? given : "");
	LLVMBasicBlockRef fresh;
	LLVMValueRef sink, next;
	size_t len;

	if (!name)
		return -ENOMEM;
	fresh = LLVMInsertBasicBlockInContext(ctx, old, "");
	LLVMPositionBuilderAtEnd(builder, fresh);
	move_phis(builder, old, fresh);
	LLVMReplaceAllUsesWith(LLVMBasicBlockAsValue(old), LLVMBasicBlockAsValue(fresh));
	LLVMPositionBuilderAtEnd(builder, old);
	sink = LLVMBuildUnreachable(builder);
	LLVMPositionBuilderAtEnd(builder, fresh);
	for (LLVMValueRef i = LLVMGetFirstInstruction(old); i != sink; i = next) {
		const char *own = LLVMGetValueName2(i, &len);

		next = LLVMGetNextInstruction(i);
		LLVMInstructionRemoveFromParent(i);
		/* The builder renames what it inserts: give it the name the instruction has. */
		LLVMInsertIntoBuilderWithName(builder, i, own ? own : "");
	}
	LLVMDeleteBasicBlock(old);
	LLVMSetValueName2(LLVMBasicBlockAsValue(fresh), name, strlen(name));
	free(name);
	return 0;
}

static bool block_has_records(LLVMBasicBlockRef block)
{
	for (LLVMValueRef i = LLVMGetFirstInstruction(block); i; i = LLVMGetNextInstruction(i))
		if (LLVMGetFirstDbgRecord(i))
			return true;
	return false;
}

int debuginfo_drop_variables(LLVMModuleRef module)
{
	LLVMContextRef ctx = LLVMGetModuleContext(module);
	LLVMBuilderRef builder = LLVMCreateBuilderInContext(ctx);
	size_t blocks = 0;
	int err = 0;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f && !err; f = LLVMGetNextFunction(f)) {
		LLVMBasicBlockRef next;

		for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b && !err; b = next) {
			next = LLVMGetNextBasicBlock(b);
			if (block_has_records(b) && !(err = replace_block(ctx, builder, b)))
				blocks++;
		}
	}
	LLVMDisposeBuilder(builder);
	if (!err)
		diag_info("debug info: the variable records of %zu blocks dropped", blocks);
	return err;
}

/* Check on a node made here that the operands the rewrite edits are where it expects them. */
static int check_layout(void)
{
	LLVMContextRef ctx = LLVMContextCreate();
	LLVMModuleRef module = LLVMModuleCreateWithNameInContext("layout", ctx);
	LLVMDIBuilderRef builder = LLVMCreateDIBuilder(module);
	LLVMMetadataRef file = LLVMDIBuilderCreateFile(builder, "f", 1, "", 0);
	LLVMMetadataRef member = LLVMDIBuilderCreateBasicType(builder, "m", 1, 8, DW_ATE_unsigned, 0);
	LLVMMetadataRef composite = LLVMDIBuilderCreateStructType(
		builder, file, "probe_struct", 12, file, 1, 8, 8, LLVMDIFlagZero, NULL, &member, 1, 0,
		NULL, "", 0);
	LLVMMetadataRef sp = LLVMDIBuilderCreateFunction(
		builder, file, "probe_function", 14, "", 0, file, 1,
		LLVMDIBuilderCreateSubroutineType(builder, file, NULL, 0, LLVMDIFlagZero), 1, 1, 1,
		LLVMDIFlagZero, 1);
	struct btf_walk w = { .ctx = ctx };
	LLVMValueRef elements;
	unsigned len = 0;
	const char *name;
	bool ok;

	name = string_operand(&w, composite, OPERAND_TYPE_NAME, &len);
	ok = name && len == 12 && !memcmp(name, "probe_struct", 12);
	name = string_operand(&w, sp, OPERAND_SUBPROGRAM_NAME, &len);
	ok = ok && name && len == 14 && !memcmp(name, "probe_function", 14);
	elements = OPERAND_COMPOSITE_ELEMENTS < LLVMGetMDNodeNumOperands(as_value(&w, composite))
			   ? LLVMGetOperand(as_value(&w, composite), OPERAND_COMPOSITE_ELEMENTS)
			   : NULL;
	ok = ok && elements && LLVMGetMetadataKind(LLVMValueAsMetadata(elements)) == LLVMMDTupleMetadataKind &&
	     LLVMGetMDNodeNumOperands(elements) == 1 &&
	     LLVMValueAsMetadata(LLVMGetOperand(elements, 0)) == member;
	LLVMDisposeDIBuilder(builder);
	LLVMDisposeModule(module);
	LLVMContextDispose(ctx);
	if (!ok) {
		diag_error(NULL, "--btf: this LLVM's debug-info nodes are not laid out as bpf-linker "
				 "expects (name at operand %d, elements at %d); BTF cannot be rewritten safely",
			   OPERAND_TYPE_NAME, OPERAND_COMPOSITE_ELEMENTS);
		return -EINVAL;
	}
	return 0;
}

int debuginfo_check_btf(void)
{
	return check_layout();
}

/* .BTF and .BTF.ext, read and patched in place in the emitted object. */

#define BTF_MAGIC 0xeB9F
#define BTF_KIND_FUNC 12

struct btf_image {
	uint8_t *base;  /* the object */
	bool swap;      /* the object's byte order is not the host's */
};

static uint32_t rd32(const struct btf_image *img, const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return img->swap ? __builtin_bswap32(v) : v;
}

static uint16_t rd16(const struct btf_image *img, const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return img->swap ? __builtin_bswap16(v) : v;
}

static void wr32(const struct btf_image *img, uint8_t *p, uint32_t v)
{
	if (img->swap)
		v = __builtin_bswap32(v);
	memcpy(p, &v, 4);
}

/* Bytes that follow the 12-byte header of a BTF type of KIND with VLEN entries. */
static size_t btf_type_extra(unsigned kind, unsigned vlen)
{
	switch (kind) {
	case 1: case 14: case 17: return 4;   /* INT, VAR, DECL_TAG */
	case 3: return 12;                     /* ARRAY */
	case 4: case 5: return 12u * vlen;     /* STRUCT, UNION */
	case 6: case 13: return 8u * vlen;     /* ENUM, FUNC_PROTO */
	case 15: case 19: return 12u * vlen;   /* DATASEC, ENUM64 */
	default: return 0;
	}
}

/* Where each type starts, so FUNC types can be found by id; returns the number of types. */
static size_t btf_index_types(const struct btf_image *img, uint8_t *types, size_t len,
			      uint8_t ***out)
{
	size_t count = 0, cap = 0;
	uint8_t **starts = NULL;

	for (size_t off = 0; off + 12 <= len;) {
		uint32_t info = rd32(img, types + off + 4);
		unsigned kind = (info >> 24) & 0x1f, vlen = info & 0xffff;

		if (count == cap) {
			uint8_t **grown = realloc(starts, (cap = cap ? cap * 2 : 256) * sizeof(*starts));

			if (!grown) {
				free(starts);
				*out = NULL;
				return 0;
			}
			starts = grown;
		}
		starts[count++] = types + off;
		off += 12 + btf_type_extra(kind, vlen);
	}
	*out = starts;
	return count;
}

/* The binding of the function symbol at OFFSET in section SECTION_NAME, and its name. */
static int symbol_binding(Elf *elf, const char *section_name, uint64_t offset, const char **name_out)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL, *symtab = NULL;
	size_t target = 0;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return -1;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *name;

		if (!gelf_getshdr(scn, &shdr))
			return -1;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (shdr.sh_type == SHT_SYMTAB)
			symtab = scn;
		if (name && !strcmp(name, section_name))
			target = elf_ndxscn(scn);
	}
	if (!symtab || !target)
		return -1;
	Elf_Data *data = elf_getdata(symtab, NULL);
	GElf_Shdr shdr;
	gelf_getshdr(symtab, &shdr);
	for (size_t i = 0; data && shdr.sh_entsize && i < shdr.sh_size / shdr.sh_entsize; i++) {
		GElf_Sym sym;

		if (gelf_getsym(data, (int)i, &sym) && sym.st_shndx == target && sym.st_value == offset &&
		    GELF_ST_TYPE(sym.st_info) == STT_FUNC) {
			*name_out = elf_strptr(elf, shdr.sh_link, sym.st_name);
			return GELF_ST_BIND(sym.st_info);
		}
	}
	return -1;
}

int debuginfo_finish_btf(uint8_t *object, size_t size)
{
	uint8_t *btf = NULL, *ext = NULL, **types = NULL;
	size_t btf_size = 0, ext_size = 0, shstrndx, type_count = 0, patched = 0;
	struct btf_image img = { .base = object };
	Elf_Scn *scn = NULL;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE || !(elf = elf_memory((char *)object, size)))
		return 0;
	if (elf_getshdrstrndx(elf, &shstrndx))
		goto out;
	img.swap = (object[EI_DATA] == ELFDATA2MSB) != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *name;

		if (!gelf_getshdr(scn, &shdr) || !(name = elf_strptr(elf, shstrndx, shdr.sh_name)) ||
		    shdr.sh_offset + shdr.sh_size > size)
			continue;
		if (!strcmp(name, ".BTF")) {
			btf = object + shdr.sh_offset;
			btf_size = shdr.sh_size;
		} else if (!strcmp(name, ".BTF.ext")) {
			ext = object + shdr.sh_offset;
			ext_size = shdr.sh_size;
		}
	}
	if (!btf || btf_size < 24 || rd16(&img, btf) != BTF_MAGIC) {
		diag_warn(NULL, "--btf: no BTF was emitted");
		goto out;
	}
	uint32_t hdr_len = rd32(&img, btf + 4), type_off = rd32(&img, btf + 8),
		 type_len = rd32(&img, btf + 12), str_off = rd32(&img, btf + 16),
		 str_len = rd32(&img, btf + 20);
	if ((uint64_t)hdr_len + type_off + type_len > btf_size ||
	    (uint64_t)hdr_len + str_off + str_len > btf_size)
		goto out;
	type_count = btf_index_types(&img, btf + hdr_len + type_off, type_len, &types);
	const char *strings = (const char *)btf + hdr_len + str_off;

	/* .BTF.ext func_info: per section, (instruction offset, FUNC type id) records. */
	if (ext && ext_size >= 16) {
		uint32_t ext_hdr = rd32(&img, ext + 4), fi_off = rd32(&img, ext + 8),
			 fi_len = rd32(&img, ext + 12);
		uint8_t *p = ext + ext_hdr + fi_off, *end = p + fi_len;

		if ((uint64_t)ext_hdr + fi_off + fi_len <= ext_size && fi_len >= 4) {
			uint32_t rec_size = rd32(&img, p);

			for (p += 4; rec_size >= 8 && p + 8 <= end;) {
				uint32_t sec_off = rd32(&img, p), n = rd32(&img, p + 4);
				const char *sec = sec_off < str_len ? strings + sec_off : "";

				p += 8;
				for (uint32_t i = 0; i < n && p + rec_size <= end; i++, p += rec_size) {
					uint32_t insn_off = rd32(&img, p), id = rd32(&img, p + 4);
					const char *symbol = NULL;
					int bind = symbol_binding(elf, sec, insn_off, &symbol);

					if (!id || id > type_count || bind < 0)
						continue;
					uint8_t *t = types[id - 1];
					uint32_t info = rd32(&img, t + 4);

					if (((info >> 24) & 0x1f) != BTF_KIND_FUNC)
						continue;
					/* Memory builtins are global only to be kept; the verifier checks
					 * global functions on their own and wants them to return scalars. */
					uint32_t linkage = bind != STB_LOCAL && !resolve_is_memory_builtin(symbol);
					if ((info & 0xffff) != linkage) {
						wr32(&img, t + 4, (info & ~0xffffu) | linkage);
						patched++;
					}
				}
			}
		}
	}
	diag_info("BTF: %zu types emitted, %zu functions made static", type_count, patched);
out:
	free(types);
	elf_end(elf);
	return 0;
}
