/* co_re: Rust has no preserve_access_index attribute, so a type opts in with a field whose type is
 * named Relocatable, and the linker does what clang does for the attribute. rustc emits field
 * accesses as byte-offset GEPs; the debug info of the base pointer (a #dbg_value on it, or a
 * #dbg_declare on the slot it is stored in) names the struct, and the offset names the field.
 * Each such GEP becomes a chain of llvm.preserve.*.access.index calls carrying the debug-info
 * types; LLVM's BPF backend turns the chain into a CO-RE relocation in .BTF.ext, which loaders
 * patch for the running kernel. */
#include "co_re.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>

#include "debuginfo.h"
#include "diag.h"
#include "ptrset.h"

/* DWARF tags of the nodes this stage reads. */
enum {
	TAG_ARRAY = 0x01,
	TAG_MEMBER = 0x0d,
	TAG_POINTER = 0x0f,
	TAG_REFERENCE = 0x10,
	TAG_STRUCT = 0x13,
	TAG_TYPEDEF = 0x16,
	TAG_UNION = 0x17,
	TAG_CONST = 0x26,
	TAG_VOLATILE = 0x35,
	TAG_RVALUE_REFERENCE = 0x42,
};

/* Operand positions, found once by probing nodes made here (LLVM does not promise them). */
struct layout {
	unsigned derived_base;   /* DIDerivedType: base type */
	unsigned variable_type;  /* DILocalVariable: type */
	unsigned variable_scope; /* DILocalVariable: scope */
	unsigned elements;       /* DICompositeType: elements */
	unsigned composite_base; /* DICompositeType: base (element) type */
};

/* A pointer value and the opted-in struct or union it points to, from the debug record before
 * instruction AT (one value can be viewed as several types: a task_struct___old cast). */
struct typed_pointer {
	LLVMValueRef value;
	LLVMMetadataRef type;
	LLVMValueRef at;
};

struct co_re {
	LLVMModuleRef module;
	LLVMContextRef ctx;
	LLVMTargetDataRef data;
	struct layout layout;
	LLVMBuilderRef builder;
	unsigned access_kind;         /* "llvm.preserve.access.index" metadata kind */
	struct typed_pointer *known;  /* pointers of the current function with their type */
	size_t known_count, known_cap;
	size_t relocated, warned;     /* accesses rewritten, accesses left with a warning */
	unsigned sequence;            /* a distinct first operand for each type or enum query */
	struct ptr_set opted;         /* composite types opted_in found opted in */
	struct ptr_set plain_types;   /* and those it found not to */
	struct ptr_set plain_variables; /* variables whose type points to no opted-in type */
};

static LLVMMetadataRef operand(struct co_re *c, LLVMMetadataRef node, unsigned index)
{
	LLVMValueRef v = LLVMMetadataAsValue(c->ctx, node), op;

	if (!node || index >= LLVMGetMDNodeNumOperands(v) || !(op = LLVMGetOperand(v, index)))
		return NULL;
	return LLVMValueAsMetadata(op);
}

static unsigned find_operand(LLVMContextRef ctx, LLVMMetadataRef node, LLVMMetadataRef wanted)
{
	LLVMValueRef v = LLVMMetadataAsValue(ctx, node);

	for (unsigned i = 0; i < LLVMGetMDNodeNumOperands(v); i++) {
		LLVMValueRef op = LLVMGetOperand(v, i);

		if (op && LLVMValueAsMetadata(op) == wanted)
			return i;
	}
	return UINT32_MAX;
}

static int probe_layout(struct layout *layout)
{
	LLVMContextRef ctx = LLVMContextCreate();
	LLVMModuleRef module = LLVMModuleCreateWithNameInContext("layout", ctx);
	LLVMDIBuilderRef b = LLVMCreateDIBuilder(module);
	LLVMMetadataRef file = LLVMDIBuilderCreateFile(b, "f", 1, "", 0);
	LLVMMetadataRef base = LLVMDIBuilderCreateBasicType(b, "u8", 2, 8, 0x08, LLVMDIFlagZero);
	LLVMMetadataRef member = LLVMDIBuilderCreateMemberType(b, file, "m", 1, file, 1, 8, 8, 0,
							       LLVMDIFlagZero, base);
	LLVMMetadataRef range = LLVMDIBuilderGetOrCreateSubrange(b, 0, 2);
	LLVMMetadataRef array = LLVMDIBuilderCreateArrayType(b, 16, 8, base, &range, 1);
	LLVMMetadataRef composite = LLVMDIBuilderCreateStructType(
		b, file, "s", 1, file, 1, 8, 8, LLVMDIFlagZero, NULL, &member, 1, 0, NULL, "", 0);
	LLVMMetadataRef sp = LLVMDIBuilderCreateFunction(
		b, file, "f", 1, "", 0, file, 1, LLVMDIBuilderCreateSubroutineType(b, file, NULL, 0, 0),
		1, 1, 1, LLVMDIFlagZero, 1);
	LLVMMetadataRef variable = LLVMDIBuilderCreateAutoVariable(b, sp, "v", 1, file, 1, array, 1,
								   LLVMDIFlagZero, 8);
	LLVMMetadataRef elements;
	int err = 0;

	layout->derived_base = find_operand(ctx, member, base);
	layout->variable_type = find_operand(ctx, variable, array);
	layout->variable_scope = find_operand(ctx, variable, sp);
	layout->composite_base = find_operand(ctx, array, base);
	layout->elements = UINT32_MAX;
	for (unsigned i = 0; i < LLVMGetMDNodeNumOperands(LLVMMetadataAsValue(ctx, composite)); i++) {
		LLVMValueRef op = LLVMGetOperand(LLVMMetadataAsValue(ctx, composite), i);

		elements = op ? LLVMValueAsMetadata(op) : NULL;
		if (elements && LLVMGetMetadataKind(elements) == LLVMMDTupleMetadataKind &&
		    LLVMGetMDNodeNumOperands(op) == 1 &&
		    LLVMValueAsMetadata(LLVMGetOperand(op, 0)) == member)
			layout->elements = i;
	}
	if (layout->derived_base == UINT32_MAX || layout->variable_type == UINT32_MAX ||
	    layout->variable_scope == UINT32_MAX ||
	    layout->composite_base == UINT32_MAX || layout->elements == UINT32_MAX) {
		diag_error(NULL, "CO-RE: this LLVM's debug-info nodes are not laid out as bpf-linker "
				 "expects; no relocations can be made");
		err = -EINVAL;
	}
	LLVMDisposeDIBuilder(b);
	LLVMDisposeModule(module);
	LLVMContextDispose(ctx);
	return err;
}

/* TYPE without typedefs, const and volatile. */
static LLVMMetadataRef strip(struct co_re *c, LLVMMetadataRef type)
{
	for (int depth = 0; type && depth < 16; depth++) {
		unsigned tag;

		if (LLVMGetMetadataKind(type) != LLVMDIDerivedTypeMetadataKind)
			return type;
		tag = LLVMGetDINodeTag(type);
		if (tag != TAG_TYPEDEF && tag != TAG_CONST && tag != TAG_VOLATILE)
			return type;
		type = operand(c, type, c->layout.derived_base);
	}
	return type;
}

static bool is_composite(LLVMMetadataRef type, unsigned tag)
{
	return type && LLVMGetMetadataKind(type) == LLVMDICompositeTypeMetadataKind &&
	       LLVMGetDINodeTag(type) == tag;
}

static unsigned member_count(struct co_re *c, LLVMMetadataRef composite)
{
	LLVMMetadataRef elements = operand(c, composite, c->layout.elements);

	if (!elements || LLVMGetMetadataKind(elements) != LLVMMDTupleMetadataKind)
		return 0;
	return LLVMGetMDNodeNumOperands(LLVMMetadataAsValue(c->ctx, elements));
}

static LLVMMetadataRef member_at(struct co_re *c, LLVMMetadataRef composite, unsigned index)
{
	LLVMValueRef elements = LLVMMetadataAsValue(c->ctx, operand(c, composite, c->layout.elements));
	LLVMValueRef m = LLVMGetOperand(elements, index);

	return m ? LLVMValueAsMetadata(m) : NULL;
}

static bool is_marker(LLVMMetadataRef type)
{
	size_t len = 0;
	const char *name = type ? LLVMDITypeGetName(type, &len) : NULL;

	return name && len == strlen(CO_RE_MARKER) && !memcmp(name, CO_RE_MARKER, len);
}

/* A struct or union with a member of the marker type (the answer is kept: every debug record
 * of a pointer asks about its pointee). */
static bool opted_in(struct co_re *c, LLVMMetadataRef type)
{
	unsigned count;
	bool found = false;

	if (!is_composite(type, TAG_STRUCT) && !is_composite(type, TAG_UNION))
		return false;
	if (ptr_set_has(&c->opted, type))
		return true;
	if (ptr_set_has(&c->plain_types, type))
		return false;
	count = member_count(c, type);
	for (unsigned i = 0; i < count && !found; i++) {
		LLVMMetadataRef m = member_at(c, type, i);

		found = m && LLVMGetMetadataKind(m) == LLVMDIDerivedTypeMetadataKind &&
			LLVMGetDINodeTag(m) == TAG_MEMBER &&
			is_marker(strip(c, operand(c, m, c->layout.derived_base)));
	}
	/* Out of memory only loses the shortcut. */
	ptr_set_add(found ? &c->opted : &c->plain_types, type);
	return found;
}

/* The opted-in type a variable of debug-info type TYPE points to, or NULL. */
static LLVMMetadataRef pointee(struct co_re *c, LLVMMetadataRef type)
{
	unsigned tag;

	type = strip(c, type);
	if (!type || LLVMGetMetadataKind(type) != LLVMDIDerivedTypeMetadataKind)
		return NULL;
	tag = LLVMGetDINodeTag(type);
	if (tag != TAG_POINTER && tag != TAG_REFERENCE && tag != TAG_RVALUE_REFERENCE)
		return NULL;
	type = strip(c, operand(c, type, c->layout.derived_base));
	return opted_in(c, type) ? type : NULL;
}

static int remember(struct co_re *c, LLVMValueRef value, LLVMMetadataRef type, LLVMValueRef at)
{
	if (c->known_count == c->known_cap) {
		size_t cap = c->known_cap ? 2 * c->known_cap : 16;
		struct typed_pointer *grown = realloc(c->known, cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		c->known = grown;
		c->known_cap = cap;
	}
	c->known[c->known_count++] = (struct typed_pointer){ value, type, at };
	return 0;
}

static unsigned member_holding(struct co_re *c, LLVMMetadataRef composite, uint64_t offset,
			       unsigned *holding);

/* The instruction before I in the function's layout, across blocks. */
static LLVMValueRef before(LLVMValueRef i)
{
	LLVMValueRef prev = LLVMGetPreviousInstruction(i);
	LLVMBasicBlockRef bb = LLVMGetInstructionParent(i);

	while (!prev && (bb = LLVMGetPreviousBasicBlock(bb)))
		prev = LLVMGetLastInstruction(bb);
	return prev;
}

/* The type VALUE points to where instruction USE reaches OFFSET into it. When the debug info
 * views the value as several types (a cast to a flavour: one pointer, two variables), the views
 * with a member at OFFSET count, and of those the one recorded last before USE; with none, the
 * use is ambiguous: NULL, and *AMBIGUOUS is set. */
static LLVMMetadataRef known_type(struct co_re *c, LLVMValueRef value, LLVMValueRef use,
				  uint64_t offset, bool *ambiguous)
{
	*ambiguous = false;
	/* Through casts: rustc turns a helper's u64 into a pointer with inttoptr. */
	for (int depth = 0; value && depth < 4; depth++) {
		LLVMMetadataRef found = NULL, fitting = NULL;
		bool several = false, several_fit = false;

		for (size_t i = 0; i < c->known_count; i++) {
			LLVMMetadataRef type = c->known[i].type;

			if (c->known[i].value != value)
				continue;
			several |= found && found != type;
			if (!found)
				found = type;
			if (member_holding(c, type, offset, NULL) != UINT32_MAX) {
				several_fit |= fitting && fitting != type;
				if (!fitting)
					fitting = type;
			}
		}
		if (several && fitting && !several_fit)
			return fitting;
		if (several) {
			/* Back from USE in layout order (source order, for the code rustc emits). */
			for (LLVMValueRef i = use; i; i = before(i))
				for (size_t k = c->known_count; k-- > 0;)
					if (c->known[k].value == value && c->known[k].at == i &&
					    member_holding(c, c->known[k].type, offset, NULL) != UINT32_MAX)
						return c->known[k].type;
			*ambiguous = true;
			return NULL;
		}
		if (found)
			return found;
		if (!LLVMIsACastInst(value))
			break;
		value = LLVMGetOperand(value, 0);
	}
	return NULL;
}

/* Whether VARIABLE belongs to relocatable.rs's field_exists, field_size or field_offset (inlined):
 * their parameter points to the member asked about, not to a struct the access starts from. */
static bool is_query_parameter(struct co_re *c, LLVMMetadataRef variable)
{
	static const char *const queries[] = { "field_exists", "field_size", "field_offset" };
	LLVMMetadataRef scope = operand(c, variable, c->layout.variable_scope);
	LLVMValueRef v = scope && LLVMGetMetadataKind(scope) == LLVMDISubprogramMetadataKind
				 ? LLVMMetadataAsValue(c->ctx, scope) : NULL;

	/* The subprogram's name is its first string operand. */
	for (unsigned i = 0; v && i < LLVMGetMDNodeNumOperands(v); i++) {
		LLVMValueRef op = LLVMGetOperand(v, i);
		unsigned len = 0;
		const char *name;

		if (!op || LLVMGetMetadataKind(LLVMValueAsMetadata(op)) != LLVMMDStringMetadataKind)
			continue;
		name = LLVMGetMDString(op, &len);
		for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
			size_t n = strlen(queries[q]);

			if (len >= n && !strncmp(name, queries[q], n) && (len == n || name[n] == '<'))
				return true;
		}
		return false;
	}
	return false;
}

/* Pointers the debug info types: #dbg_value(V, var) gives V; #dbg_declare(slot, var) gives
 * what is stored into the slot and what is loaded from it. */
static int collect_pointers(struct co_re *c, LLVMValueRef fn)
{
	int err = 0;

	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
		for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i))
			for (LLVMDbgRecordRef r = LLVMGetFirstDbgRecord(i); r && !err; r = LLVMGetNextDbgRecord(r)) {
				LLVMDbgRecordKind kind = LLVMDbgRecordGetKind(r);
				LLVMMetadataRef type, variable;
				LLVMValueRef value;

				if (kind != LLVMDbgRecordValue && kind != LLVMDbgRecordDeclare)
					continue;
				/* Most variables point to no opted-in type: each is asked about once. */
				variable = LLVMDbgVariableRecordGetVariable(r);
				if (ptr_set_has(&c->plain_variables, variable) || is_query_parameter(c, variable))
					continue;
				type = pointee(c, operand(c, variable, c->layout.variable_type));
				if (!type && ptr_set_add(&c->plain_variables, variable) < 0)
					err = -ENOMEM;
				value = type ? LLVMDbgVariableRecordGetValue(r, 0) : NULL;
				if (!value)
					continue;
				if (kind == LLVMDbgRecordValue) {
					err = remember(c, value, type, i);
					continue;
				}
				for (LLVMUseRef u = LLVMGetFirstUse(value); u && !err; u = LLVMGetNextUse(u)) {
					LLVMValueRef user = LLVMGetUser(u);

					if (LLVMIsAStoreInst(user) && LLVMGetOperand(user, 1) == value)
						err = remember(c, LLVMGetOperand(user, 0), type, user);
					else if (LLVMIsALoadInst(user))
						err = remember(c, user, type, user);
				}
			}
	return err;
}

/* The constant byte offset a GEP adds, or false. */
static bool constant_offset(struct co_re *c, LLVMValueRef gep, int64_t *out)
{
	LLVMTypeRef type = LLVMGetGEPSourceElementType(gep);
	unsigned n = (unsigned)LLVMGetNumIndices(gep);
	int64_t offset = 0;

	for (unsigned i = 0; i < n; i++) {
		LLVMValueRef index = LLVMGetOperand(gep, i + 1);
		int64_t k;

		if (!LLVMIsAConstantInt(index))
			return false;
		k = LLVMConstIntGetSExtValue(index);
		if (i == 0) {
			offset += k * (int64_t)LLVMABISizeOfType(c->data, type);
		} else if (LLVMGetTypeKind(type) == LLVMStructTypeKind) {
			offset += (int64_t)LLVMOffsetOfElement(c->data, type, (unsigned)k);
			type = LLVMStructGetTypeAtIndex(type, (unsigned)k);
		} else if (LLVMGetTypeKind(type) == LLVMArrayTypeKind) {
			type = LLVMGetElementType(type);
			offset += k * (int64_t)LLVMABISizeOfType(c->data, type);
		} else {
			return false;
		}
	}
	*out = offset;
	return true;
}

/* An IR type with one element per member of COMPOSITE (the struct access intrinsic's element
 * type): a packed struct of byte arrays at the members' offsets, padding where they leave gaps.
 * *GEP_INDEX receives the element that stands for member MEMBER. */
static LLVMTypeRef layout_type(struct co_re *c, LLVMMetadataRef composite, unsigned member,
			       unsigned *gep_index)
{
	unsigned count = member_count(c, composite), n = 0;
	LLVMTypeRef *fields = calloc(2 * (size_t)count + 1, sizeof(*fields));
	LLVMTypeRef i8 = LLVMInt8TypeInContext(c->ctx), type;
	uint64_t at = 0;

	if (!fields)
		return NULL;
	for (unsigned i = 0; i < count; i++) {
		LLVMMetadataRef m = member_at(c, composite, i);
		uint64_t offset = LLVMDITypeGetOffsetInBits(m) / 8, size = LLVMDITypeGetSizeInBits(m) / 8;

		if (offset > at)
			fields[n++] = LLVMArrayType2(i8, offset - at);
		if (i == member)
			*gep_index = n;
		fields[n++] = LLVMArrayType2(i8, size);
		at = offset + size > at ? offset + size : at;
	}
	type = LLVMStructTypeInContext(c->ctx, fields, n, 1);
	free(fields);
	return type;
}

static LLVMValueRef access_call(struct co_re *c, const char *intrinsic, LLVMValueRef *args,
				unsigned nargs, LLVMTypeRef element, LLVMMetadataRef di_type)
{
	LLVMTypeRef ptr = LLVMTypeOf(args[0]);
	LLVMTypeRef overload[2] = { ptr, ptr };
	unsigned id = LLVMLookupIntrinsicID(intrinsic, strlen(intrinsic));
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(c->module, id, overload, 2);
	LLVMValueRef call = LLVMBuildCall2(c->builder, LLVMGlobalGetValueType(fn), fn, args, nargs, "");

	if (element) {
		const char *kind = "elementtype";
		unsigned attr = LLVMGetEnumAttributeKindForName(kind, strlen(kind));

		LLVMAddCallSiteAttribute(call, 1, LLVMCreateTypeAttribute(c->ctx, attr, element));
	}
	LLVMSetMetadata(call, c->access_kind, LLVMMetadataAsValue(c->ctx, di_type));
	return call;
}

/* The member of COMPOSITE (in offset order) holding byte OFFSET, or UINT32_MAX. Zero-sized
 * members (the marker) hold nothing. *HOLDING, unless NULL, receives how many members hold it
 * (several, in a union). */
static unsigned member_holding(struct co_re *c, LLVMMetadataRef composite, uint64_t offset,
			       unsigned *holding)
{
	unsigned count = member_count(c, composite), found = UINT32_MAX, n = 0;

	for (unsigned i = 0; i < count; i++) {
		LLVMMetadataRef m = member_at(c, composite, i);
		uint64_t start, size;

		if (!m || LLVMGetMetadataKind(m) != LLVMDIDerivedTypeMetadataKind ||
		    LLVMGetDINodeTag(m) != TAG_MEMBER)
			return UINT32_MAX;
		start = LLVMDITypeGetOffsetInBits(m) / 8;
		size = LLVMDITypeGetSizeInBits(m) / 8;
		if (size && offset >= start && offset < start + size && !n++)
			found = i;
	}
	if (holding)
		*holding = n;
	return found;
}

/* Rewrite "BASE + OFFSET" into a relocatable access chain starting at the opted-in COMPOSITE;
 * returns the new pointer, or NULL when OFFSET names no member (reported by the caller).
 * *REACHED receives the opted-in type the pointer points to, if it does. */
static LLVMValueRef relocate(struct co_re *c, LLVMValueRef base, LLVMMetadataRef composite,
			     uint64_t offset, LLVMMetadataRef *reached)
{
	LLVMTypeRef i32 = LLVMInt32TypeInContext(c->ctx), i8 = LLVMInt8TypeInContext(c->ctx);
	bool is_union = is_composite(composite, TAG_UNION);
	unsigned index, gep_index = 0, holding = 0;
	LLVMMetadataRef member, type;
	LLVMValueRef result;
	uint64_t rest;

	/* Member indexes count in offset order, the order --btf gives every struct. */
	if (debuginfo_sort_members(c->ctx, composite))
		return NULL;
	index = member_holding(c, composite, offset, &holding);

	*reached = NULL;
	if (index == UINT32_MAX)
		return NULL;
	/* Inside a union, several members may hold the offset: which one the access is through is
	 * not in the IR. Relocated up to the union, a fixed offset inside it, and a warning. */
	if (is_union && holding > 1) {
		LLVMValueRef by = LLVMConstInt(LLVMInt64TypeInContext(c->ctx), offset, 0);
		size_t len = 0;
		const char *name = LLVMDITypeGetName(composite, &len);

		diag_warn(NULL, "CO-RE: an access %llu bytes into union %.*s keeps that offset: more than "
				"one of its members lies there", (unsigned long long)offset, (int)len, name);
		c->warned++;
		return LLVMBuildGEP2(c->builder, i8, base, &by, 1, "");
	}
	member = member_at(c, composite, index);
	rest = offset - LLVMDITypeGetOffsetInBits(member) / 8;
	if (is_union) {
		LLVMValueRef args[2] = { base, LLVMConstInt(i32, index, 0) };

		result = access_call(c, "llvm.preserve.union.access.index", args, 2, NULL, composite);
	} else {
		LLVMTypeRef element = layout_type(c, composite, index, &gep_index);
		LLVMValueRef args[3] = { base, LLVMConstInt(i32, gep_index, 0), LLVMConstInt(i32, index, 0) };

		if (!element)
			return NULL;
		result = access_call(c, "llvm.preserve.struct.access.index", args, 3, element, composite);
	}
	type = strip(c, operand(c, member, c->layout.derived_base));
	/* Deeper: into an opted-in struct or union, or an element of an array. */
	if (rest && opted_in(c, type))
		return relocate(c, result, type, rest, reached);
	if (rest && is_composite(type, TAG_ARRAY)) {
		LLVMMetadataRef element = strip(c, operand(c, type, c->layout.composite_base));
		uint64_t size = element ? LLVMDITypeGetSizeInBits(element) / 8 : 0;
		uint64_t total = LLVMDITypeGetSizeInBits(type) / 8;

		if (size && total / size) {
			LLVMTypeRef array = LLVMArrayType2(LLVMArrayType2(i8, size), total / size);
			LLVMValueRef args[3] = { result, LLVMConstInt(i32, 1, 0),
						 LLVMConstInt(i32, rest / size, 0) };

			result = access_call(c, "llvm.preserve.array.access.index", args, 3, array, type);
			rest %= size;
			if (rest && opted_in(c, element))
				return relocate(c, result, element, rest, reached);
			type = element;
		}
	}
	if (!rest && opted_in(c, type))
		*reached = type;
	/* Inside a member of a type that did not opt in: a fixed offset, as clang does. */
	if (rest) {
		LLVMValueRef by = LLVMConstInt(LLVMInt64TypeInContext(c->ctx), rest, 0);

		result = LLVMBuildGEP2(c->builder, i8, result, &by, 1, "");
	}
	return result;
}

static void warn_unrelocated(struct co_re *c, LLVMValueRef fn, LLVMMetadataRef type,
			     const char *why)
{
	size_t fn_len = 0, type_len = 0;
	const char *fn_name = LLVMGetValueName2(fn, &fn_len);
	const char *type_name = LLVMDITypeGetName(type, &type_len);

	diag_warn(NULL, "CO-RE: an access to %.*s in '%.*s' keeps a fixed offset: %s", (int)type_len,
		  type_name, (int)fn_len, fn_name, why);
	c->warned++;
}

/* A call of bpf_core_field_exists, _size or _offset (declared by the program or relocatable.rs). */
static bool is_field_query(LLVMValueRef call)
{
	LLVMValueRef callee = LLVMGetCalledValue(call);
	size_t len = 0;
	const char *name = callee && LLVMIsAFunction(callee) ? LLVMGetValueName2(callee, &len) : "";

	return !strncmp(name, "bpf_core_field_", 15);
}

static void warn_ambiguous(struct co_re *c, LLVMValueRef fn)
{
	size_t len = 0;
	const char *name = LLVMGetValueName2(fn, &len);

	diag_warn(NULL, "CO-RE: an access in '%.*s' keeps a fixed offset: its pointer is viewed as "
			"several relocatable types and none comes before it", (int)len, name);
	c->warned++;
}

/* Every GEP from a typed pointer becomes a relocatable access, and so does a load or store
 * straight through one (the member at offset 0). */
static int rewrite_function(struct co_re *c, LLVMValueRef fn)
{
	int err;

	c->known_count = 0;
	if ((err = collect_pointers(c, fn)) || !c->known_count)
		return err;
	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
		for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i && !err; i = LLVMGetNextInstruction(i)) {
			LLVMMetadataRef type, reached;
			LLVMValueRef replacement;
			int64_t offset;
			unsigned pointer;
			bool ambiguous;

			if (LLVMIsAGetElementPtrInst(i)) {
				bool constant = constant_offset(c, i, &offset) && offset >= 0;

				if (!(type = known_type(c, LLVMGetOperand(i, 0), i, constant ? (uint64_t)offset : 0,
							&ambiguous))) {
					if (ambiguous)
						warn_ambiguous(c, fn);
					continue;
				}
				if (!constant) {
					warn_unrelocated(c, fn, type, "the offset is not a constant");
					continue;
				}
				LLVMPositionBuilderBefore(c->builder, i);
				replacement = relocate(c, LLVMGetOperand(i, 0), type, (uint64_t)offset, &reached);
				if (!replacement) {
					warn_unrelocated(c, fn, type, "no member lies at that offset");
					continue;
				}
				if (LLVMIsAInstruction(replacement))
					LLVMInstructionSetDebugLoc(replacement, LLVMInstructionGetDebugLoc(i));
				LLVMReplaceAllUsesWith(i, replacement);
				/* What the access reached may be opted in too: a nested struct. */
				if (reached)
					err = remember(c, replacement, reached, i);
				c->relocated++;
				continue;
			}
			/* A field query on the typed pointer itself: addr_of!((*p).first), the member at
			 * offset 0, has the struct's own address. */
			if (LLVMIsACallInst(i) && LLVMGetNumArgOperands(i) == 1 && is_field_query(i) &&
			    (type = known_type(c, LLVMGetOperand(i, 0), i, 0, &ambiguous)) &&
			    member_holding(c, type, 0, NULL) != UINT32_MAX) {
				LLVMPositionBuilderBefore(c->builder, i);
				replacement = relocate(c, LLVMGetOperand(i, 0), type, 0, &reached);
				if (replacement) {
					LLVMSetOperand(i, 0, replacement);
					c->relocated++;
				}
				continue;
			}
			/* A load or store straight through the base: the member at offset 0. */
			pointer = LLVMIsALoadInst(i) ? 0 : LLVMIsAStoreInst(i) ? 1 : UINT32_MAX;
			if (pointer == UINT32_MAX ||
			    !(type = known_type(c, LLVMGetOperand(i, pointer), i, 0, &ambiguous)) ||
			    member_holding(c, type, 0, NULL) == UINT32_MAX)
				continue;
			LLVMPositionBuilderBefore(c->builder, i);
			replacement = relocate(c, LLVMGetOperand(i, pointer), type, 0, &reached);
			if (replacement) {
				LLVMSetOperand(i, pointer, replacement);
				c->relocated++;
			}
		}
	}
	return err;
}

/* bpf_core_field_exists(p), bpf_core_field_size(p) and bpf_core_field_offset(p), declared by the
 * program as extern "C" functions, on a relocated access P: llvm.bpf.preserve.field.info with
 * the relocation kind libbpf patches (existence 2, byte size 1, byte offset 0). */
static void rewrite_field_info(struct co_re *c)
{
	static const struct { const char *name; uint64_t kind; } queries[] = {
		{ "bpf_core_field_exists", 2 },
		{ "bpf_core_field_size", 1 },
		{ "bpf_core_field_offset", 0 },
	};
	const char *intrinsic = "llvm.bpf.preserve.field.info";
	unsigned id = LLVMLookupIntrinsicID(intrinsic, strlen(intrinsic));

	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		LLVMValueRef fn = LLVMGetNamedFunction(c->module, queries[q].name);
		LLVMUseRef u = fn ? LLVMGetFirstUse(fn) : NULL;

		while (u) {
			LLVMValueRef call = LLVMGetUser(u), field, info, args[2];
			LLVMTypeRef ptr;

			u = LLVMGetNextUse(u);
			if (!LLVMIsACallInst(call) || LLVMGetCalledValue(call) != fn ||
			    LLVMGetNumArgOperands(call) != 1)
				continue;
			field = LLVMGetOperand(call, 0);
			if (!LLVMIsACallInst(field) || !LLVMGetMetadata(field, c->access_kind)) {
				c->warned++;
				diag_warn(NULL, "CO-RE: %s needs the address of a field of an opted-in type "
						"(addr_of!((*p).field)); this call is left as it is", queries[q].name);
				continue;
			}
			ptr = LLVMTypeOf(field);
			info = LLVMGetIntrinsicDeclaration(c->module, id, &ptr, 1);
			LLVMPositionBuilderBefore(c->builder, call);
			args[0] = field;
			args[1] = LLVMConstInt(LLVMInt64TypeInContext(c->ctx), queries[q].kind, 0);
			info = LLVMBuildCall2(c->builder, LLVMGlobalGetValueType(info), info, args, 2, "");
			if (LLVMGetTypeKind(LLVMTypeOf(call)) == LLVMIntegerTypeKind &&
			    LLVMGetIntTypeWidth(LLVMTypeOf(call)) != 32)
				info = LLVMBuildZExtOrBitCast(c->builder, info, LLVMTypeOf(call), "");
			LLVMReplaceAllUsesWith(call, info);
			LLVMInstructionEraseFromParent(call);
		}
		if (fn && !LLVMGetFirstUse(fn))
			LLVMDeleteFunction(fn);
	}
}

/* The first template type parameter of FN's debug info (T of a generic Rust function), found by
 * shape: the subprogram's operand that is a tuple of template parameters, and in that parameter
 * the operand that is a type. */
static LLVMMetadataRef template_type(struct co_re *c, LLVMValueRef fn)
{
	LLVMMetadataRef sp = LLVMGetSubprogram(fn);
	LLVMValueRef v = sp ? LLVMMetadataAsValue(c->ctx, sp) : NULL;

	for (unsigned i = 0; v && i < LLVMGetMDNodeNumOperands(v); i++) {
		LLVMMetadataRef tuple = operand(c, sp, i), param;
		LLVMValueRef tv;

		if (!tuple || LLVMGetMetadataKind(tuple) != LLVMMDTupleMetadataKind)
			continue;
		tv = LLVMMetadataAsValue(c->ctx, tuple);
		if (!LLVMGetMDNodeNumOperands(tv) || !(param = operand(c, tuple, 0)) ||
		    LLVMGetMetadataKind(param) != LLVMDITemplateTypeParameterMetadataKind)
			continue;
		for (unsigned k = 0; k < LLVMGetMDNodeNumOperands(LLVMMetadataAsValue(c->ctx, param)); k++) {
			LLVMMetadataRef t = operand(c, param, k);
			LLVMMetadataKind kind = t ? LLVMGetMetadataKind(t) : LLVMMDStringMetadataKind;

			if (kind == LLVMDICompositeTypeMetadataKind || kind == LLVMDIDerivedTypeMetadataKind ||
			    kind == LLVMDIBasicTypeMetadataKind)
				return t;
		}
	}
	return NULL;
}

/* An enumerator's value: LLVM-C has no accessor, but prints it ("!DIEnumerator(name: "A",
 * value: 2)"); INT64_MIN when the text has none. */
static int64_t enumerator_value(struct co_re *c, LLVMMetadataRef e)
{
	char *text = LLVMPrintValueToString(LLVMMetadataAsValue(c->ctx, e));
	const char *at = text ? strstr(text, "value: ") : NULL;
	int64_t value = INT64_MIN;

	if (at)
		value = strncmp(at + 7, "-", 1) ? (int64_t)strtoull(at + 7, NULL, 10)
						 : strtoll(at + 7, NULL, 10);
	LLVMDisposeMessage(text);
	return value;
}

/* "NAME:VALUE" of the enumerator of ENUM whose value is VALUE, into OUT; false if none is. */
static bool enumerator_named(struct co_re *c, LLVMMetadataRef type, int64_t value, char *out,
			     size_t cap)
{
	unsigned count = member_count(c, type);

	for (unsigned i = 0; i < count; i++) {
		LLVMMetadataRef e = member_at(c, type, i);
		LLVMValueRef ev = e ? LLVMMetadataAsValue(c->ctx, e) : NULL;
		unsigned len = 0;
		const char *name = NULL;

		if (!e || LLVMGetMetadataKind(e) != LLVMDIEnumeratorMetadataKind)
			continue;
		/* The enumerator's name is its one string operand. */
		for (unsigned k = 0; k < LLVMGetMDNodeNumOperands(ev) && !name; k++) {
			LLVMValueRef op = LLVMGetOperand(ev, k);

			if (op && LLVMGetMetadataKind(LLVMValueAsMetadata(op)) == LLVMMDStringMetadataKind)
				name = LLVMGetMDString(op, &len);
		}
		if (name && enumerator_value(c, e) == value) {
			snprintf(out, cap, "%.*s:%lld", (int)len, name, (long long)value);
			return true;
		}
	}
	return false;
}

static void warn_no_debug_info(bool is_type)
{
	diag_warn(NULL, "CO-RE: %s needs debug info and --btf (-C debuginfo=2 -C link-arg=--btf): "
			"its calls are left as they are and answer 0",
		  is_type ? "type_exists/type_size" : "enum_value_exists/enum_value");
}

/* Whether the mangled NAME has the path component IDENT: its length in decimal, then (v0 only,
 * before a leading underscore or digit) '_', then IDENT, in both of rustc's manglings. */
static bool has_component(const char *name, const char *ident)
{
	char legacy[64], v0[64];

	snprintf(legacy, sizeof(legacy), "%zu%s", strlen(ident), ident);
	snprintf(v0, sizeof(v0), "%zu_%s", strlen(ident), ident);
	return strstr(name, legacy) || strstr(name, v0);
}

static bool is_type_query(const char *name)
{
	return has_component(name, "__bpf_core_type_info");
}

static bool is_enum_query(const char *name)
{
	return has_component(name, "__bpf_core_enum_value");
}

void co_re_warn_without_btf(LLVMModuleRef module)
{
	bool type_warned = false, enum_warned = false;

	for (LLVMValueRef fn = LLVMGetFirstFunction(module); fn; fn = LLVMGetNextFunction(fn)) {
		size_t len;
		const char *name = LLVMGetValueName2(fn, &len);

		if (!type_warned && is_type_query(name)) {
			warn_no_debug_info(true);
			type_warned = true;
		} else if (!enum_warned && is_enum_query(name)) {
			warn_no_debug_info(false);
			enum_warned = true;
		}
	}
}

/* Calls of relocatable.rs's __bpf_core_type_info::<T>(kind) and __bpf_core_enum_value::<E>(value,
 * kind): llvm.bpf.preserve.type.info and llvm.bpf.preserve.enum.value on T's or E's debug-info
 * type, which the backend turns into type and enum-value relocations (what clang emits for
 * bpf_core_type_exists/size and bpf_core_enum_value_exists/bpf_core_enum_value). */
static void rewrite_type_queries(struct co_re *c)
{
	const char *type_info = "llvm.bpf.preserve.type.info", *enum_value = "llvm.bpf.preserve.enum.value";
	unsigned type_id = LLVMLookupIntrinsicID(type_info, strlen(type_info));
	unsigned enum_id = LLVMLookupIntrinsicID(enum_value, strlen(enum_value));
	LLVMTypeRef i32 = LLVMInt32TypeInContext(c->ctx), i64 = LLVMInt64TypeInContext(c->ctx);
	LLVMValueRef fn, next;

	for (fn = LLVMGetFirstFunction(c->module); fn; fn = next) {
		size_t len;
		const char *name = LLVMGetValueName2(fn, &len);
		bool is_type = is_type_query(name), is_enum = is_enum_query(name);
		LLVMMetadataRef type;
		LLVMUseRef u;

		next = LLVMGetNextFunction(fn);
		if (!is_type && !is_enum)
			continue;
		type = template_type(c, fn);
		if (!type) {
			warn_no_debug_info(is_type);
			c->warned++;
			continue;
		}
		for (u = LLVMGetFirstUse(fn); u;) {
			LLVMValueRef call = LLVMGetUser(u), kind, result, args[3];
			unsigned argc = is_type ? 1 : 2;
			LLVMValueRef decl;
			char enumerator[512];

			u = LLVMGetNextUse(u);
			if (!LLVMIsACallInst(call) || LLVMGetCalledValue(call) != fn ||
			    LLVMGetNumArgOperands(call) != argc)
				continue;
			kind = LLVMGetOperand(call, argc - 1);
			if (!LLVMIsAConstantInt(kind) ||
			    (is_enum && !LLVMIsAConstantInt(LLVMGetOperand(call, 0)))) {
				diag_warn(NULL, "CO-RE: a type or enum query whose %s is not a constant is left "
						"as it is", is_enum ? "variant" : "kind");
				c->warned++;
				continue;
			}
			LLVMPositionBuilderBefore(c->builder, call);
			args[0] = LLVMConstInt(i32, c->sequence++, 0);
			if (is_type) {
				decl = LLVMGetIntrinsicDeclaration(c->module, type_id, NULL, 0);
				args[1] = LLVMConstInt(i64, LLVMConstIntGetZExtValue(kind), 0);
				result = LLVMBuildCall2(c->builder, LLVMGlobalGetValueType(decl), decl, args, 2, "");
			} else {
				LLVMValueRef text;

				if (!enumerator_named(c, strip(c, type), LLVMConstIntGetSExtValue(LLVMGetOperand(call, 0)),
						      enumerator, sizeof(enumerator))) {
					diag_warn(NULL, "CO-RE: an enum_value query names no variant of its enum; it is "
							"left as it is");
					c->warned++;
					continue;
				}
				text = LLVMBuildGlobalStringPtr(c->builder, enumerator, "");
				decl = LLVMGetIntrinsicDeclaration(c->module, enum_id, NULL, 0);
				args[1] = text;
				args[2] = LLVMConstInt(i64, LLVMConstIntGetZExtValue(kind), 0);
				result = LLVMBuildCall2(c->builder, LLVMGlobalGetValueType(decl), decl, args, 3, "");
			}
			LLVMSetMetadata(result, c->access_kind, LLVMMetadataAsValue(c->ctx, type));
			if (LLVMInstructionGetDebugLoc(call))
				LLVMInstructionSetDebugLoc(result, LLVMInstructionGetDebugLoc(call));
			result = LLVMBuildIntCast2(c->builder, result, LLVMTypeOf(call), false, "");
			LLVMReplaceAllUsesWith(call, result);
			LLVMInstructionEraseFromParent(call);
			c->relocated++;
		}
		if (!LLVMGetFirstUse(fn))
			LLVMDeleteFunction(fn);
	}
}

int co_re_rewrite(LLVMModuleRef module)
{
	struct co_re c = { .module = module, .ctx = LLVMGetModuleContext(module) };
	const char *kind = "llvm.preserve.access.index";
	int err;

	if ((err = probe_layout(&c.layout)))
		return err;
	c.data = LLVMGetModuleDataLayout(module);
	c.builder = LLVMCreateBuilderInContext(c.ctx);
	c.access_kind = LLVMGetMDKindIDInContext(c.ctx, kind, (unsigned)strlen(kind));
	for (LLVMValueRef fn = LLVMGetFirstFunction(module); fn && !err; fn = LLVMGetNextFunction(fn))
		if (!LLVMIsDeclaration(fn))
			err = rewrite_function(&c, fn);
	if (!err) {
		rewrite_field_info(&c);
		rewrite_type_queries(&c);
	}
	LLVMDisposeBuilder(c.builder);
	free(c.known);
	ptr_set_free(&c.opted);
	ptr_set_free(&c.plain_types);
	ptr_set_free(&c.plain_variables);
	if (!err && (c.relocated || c.warned))
		diag_info("CO-RE: %zu field accesses made relocatable, %zu left with a fixed offset",
			  c.relocated, c.warned);
	return err;
}
