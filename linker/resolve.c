/* resolve: command-line files are linked whole; an archive member is linked only when it defines
 * a symbol that is referenced and still undefined, repeated over all archives until nothing
 * changes (so archive order does not matter). Archive symbol indexes answer without parsing. */
#include "resolve.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>

#include "bitcode.h"
#include "diag.h"
#include "prepare.h"

const char *const resolve_memory_builtins[] = { "memcpy", "memmove", "memset", "memcmp", "bcmp" };
const size_t resolve_memory_builtin_count =
	sizeof(resolve_memory_builtins) / sizeof(resolve_memory_builtins[0]);

static int resolve_load_unit(struct inputs *inputs, size_t index, LLVMContextRef ctx,
			     struct resolution *res);
static int resolve_add_module_symbols(struct inputs *inputs, size_t index, struct resolution *res);
static int resolve_note_endianness(struct inputs *inputs, size_t index, struct resolution *res,
				   size_t *endian_unit);
static int resolve_pull_members(const struct options *opts, struct inputs *inputs,
				LLVMContextRef ctx, struct resolution *res, bool *changed);
static int resolve_check_target(const struct options *opts, const struct inputs *inputs,
				struct resolution *res, size_t endian_unit);
static int resolve_check_exports(const struct options *opts, const struct inputs *inputs,
				 const struct resolution *res);

static uint64_t hash_name(const char *name)
{
	uint64_t h = 1469598103934665603ull;

	for (; *name; name++)
		h = (h ^ (uint8_t)*name) * 1099511628211ull;
	return h;
}

struct symbol *symtab_find(const struct symtab *table, const char *name)
{
	if (!table->cap)
		return NULL;
	for (size_t i = hash_name(name) & (table->cap - 1);; i = (i + 1) & (table->cap - 1)) {
		struct symbol *s = &table->slots[i];

		if (!s->name)
			return NULL;
		if (!strcmp(s->name, name))
			return s;
	}
}

bool symtab_has_value(const struct symtab *table, LLVMValueRef value)
{
	size_t len;
	const char *name = LLVMGetValueName2(value, &len);

	return len && symtab_find(table, name);
}

static int symtab_grow(struct symtab *table)
{
	size_t cap = table->cap ? table->cap * 2 : 1024;
	struct symbol *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < table->cap; i++) {
		struct symbol *s = &table->slots[i];
		size_t j;

		if (!s->name)
			continue;
		for (j = hash_name(s->name) & (cap - 1); slots[j].name; j = (j + 1) & (cap - 1))
			;
		slots[j] = *s;
	}
	free(table->slots);
	table->slots = slots;
	table->cap = cap;
	return 0;
}

int symtab_insert(struct symtab *table, const char *name, struct symbol **out)
{
	struct symbol *s = symtab_find(table, name);
	size_t i;

	if (s) {
		*out = s;
		return 0;
	}
	if ((table->count + 1) * 2 > table->cap && symtab_grow(table))
		return -ENOMEM;
	for (i = hash_name(name) & (table->cap - 1); table->slots[i].name; i = (i + 1) & (table->cap - 1))
		;
	s = &table->slots[i];
	*s = (struct symbol){ .defined_by = SIZE_MAX, .first_ref = SIZE_MAX };
	if (!(s->name = strdup(name)))
		return -ENOMEM;
	table->count++;
	*out = s;
	return 0;
}

void symtab_free(struct symtab *table)
{
	for (size_t i = 0; i < table->cap; i++)
		free(table->slots[i].name);
	free(table->slots);
	memset(table, 0, sizeof(*table));
}

static bool is_local(LLVMLinkage linkage)
{
	return linkage == LLVMInternalLinkage || linkage == LLVMPrivateLinkage ||
	       linkage == LLVMAppendingLinkage;
}

static bool is_weak(LLVMLinkage linkage)
{
	return linkage == LLVMLinkOnceAnyLinkage || linkage == LLVMLinkOnceODRLinkage ||
	       linkage == LLVMWeakAnyLinkage || linkage == LLVMWeakODRLinkage ||
	       linkage == LLVMCommonLinkage;
}

/* A global symbol of unit INDEX: a REFERENCE (undefined; EXTERN_WEAK ones never pull a member
 * in) or a definition, WEAK or strong. */
static int add_symbol(struct inputs *inputs, size_t index, struct resolution *res, const char *name,
		      bool reference, bool extern_weak, bool weak)
{
	struct symbol *s;
	int err;

	if ((err = symtab_insert(&res->symbols, name, &s)))
		return err;
	if (reference) {
		if (extern_weak)
			return 0; /* a weak reference never pulls a member in */
		if (!s->referenced)
			s->first_ref = index;
		s->referenced = true;
		return 0;
	}
	if (s->defined_by == SIZE_MAX) {
		s->defined_by = index;
		s->strong = !weak;
		return 0;
	}
	s->shared = true;
	if (!weak) {
		if (s->strong) {
			diag_error(inputs->units[index].name, "duplicate symbol '%s': also defined in %s",
				   name, inputs->units[s->defined_by].name);
			return -EINVAL;
		}
		/* A strong definition overrides a weak one (compiler_builtins' memcpy). */
		s->defined_by = index;
		s->strong = true;
	}
	return 0;
}

static int add_global(struct inputs *inputs, size_t index, struct resolution *res, LLVMValueRef g)
{
	LLVMLinkage linkage = LLVMGetLinkage(g);
	size_t len;
	const char *name = LLVMGetValueName2(g, &len);

	if (!len || is_local(linkage) || !strncmp(name, "llvm.", 5))
		return 0;
	return add_symbol(inputs, index, res, name,
			  LLVMIsDeclaration(g) || linkage == LLVMAvailableExternallyLinkage,
			  linkage == LLVMExternalWeakLinkage, is_weak(linkage));
}

/* The same from the symbol table LLVM wrote into the bitcode: no module is built. */
static int add_table_symbols(struct inputs *inputs, size_t index, struct resolution *res,
			     const struct bitcode_symtab *table)
{
	int err = 0;

	for (size_t i = 0; i < table->count && !err; i++) {
		const struct bitcode_symbol *sym = &table->symbols[i];
		bool undefined = sym->flags & BITCODE_SYMBOL_UNDEFINED;
		bool weak = sym->flags & BITCODE_SYMBOL_WEAK;
		char *name;

		if (!sym->len || !(sym->flags & BITCODE_SYMBOL_GLOBAL) ||
		    (sym->flags & BITCODE_SYMBOL_FORMAT_SPECIFIC) || memchr(sym->name, 0, sym->len))
			continue;
		if (!(name = strndup(sym->name, sym->len)))
			return -ENOMEM;
		err = add_symbol(inputs, index, res, name, undefined, undefined && weak, weak);
		free(name);
	}
	return err;
}

static int resolve_add_module_symbols(struct inputs *inputs, size_t index, struct resolution *res)
{
	LLVMModuleRef m = inputs->units[index].module;
	int err = 0;

	for (LLVMValueRef f = LLVMGetFirstFunction(m); f && !err; f = LLVMGetNextFunction(f))
		if (!LLVMGetIntrinsicID(f))
			err = add_global(inputs, index, res, f);
	for (LLVMValueRef g = LLVMGetFirstGlobal(m); g && !err; g = LLVMGetNextGlobal(g))
		err = add_global(inputs, index, res, g);
	for (LLVMValueRef a = LLVMGetFirstGlobalAlias(m); a && !err; a = LLVMGetNextGlobalAlias(a))
		err = add_global(inputs, index, res, a);
	return err;
}

static const char *endian_name(char endian)
{
	return endian == 'b' ? "big-endian" : "little-endian";
}

/* The triple of a byte order: "bpfel", "bpfeb", NULL for none. */
static const char *endian_triple(char endian)
{
	return endian == 'l' ? "bpfel" : endian == 'b' ? "bpfeb" : NULL;
}

/* What an error about byte order tells the user to do, for a build of TRIPLE (bpfel, bpfeb). */
#define BUILD_FOR_FIX "build it for %s (clang -target %s, rustc --target %s-unknown-none)"

/* clang's plain "bpf" triple says nothing; the data layout it writes says the byte order the
 * code was compiled for (the host's), and that is what the unit is. */
static int unit_endian(struct unit *unit, char from_triple, char from_layout)
{
	if (from_triple && from_layout && from_triple != from_layout) {
		diag_error(unit->name, "corrupt bitcode: its target triple is %s but its data layout %s",
			   endian_name(from_triple), endian_name(from_layout));
		return -EINVAL;
	}
	unit->endian = from_triple ? from_triple : from_layout;
	return 0;
}

/* bpfel and bpfeb inputs cannot meet; "bpf" (clang's default) fits either. */
static int resolve_note_endianness(struct inputs *inputs, size_t index, struct resolution *res,
				   size_t *endian_unit)
{
	const struct unit *unit = &inputs->units[index];
	const char *endian = endian_triple(unit->endian);

	if (!endian)
		return 0;
	if (*endian_unit == SIZE_MAX) {
		snprintf(res->triple, sizeof(res->triple), "%s", endian);
		*endian_unit = index;
	} else if (strcmp(res->triple, endian)) {
		diag_error(unit->name, "%s bitcode cannot be linked with %s bitcode from %s: " BUILD_FOR_FIX,
			   endian_name(unit->endian), endian_name(inputs->units[*endian_unit].endian),
			   inputs->units[*endian_unit].name, res->triple, res->triple, res->triple);
		return -EINVAL;
	}
	return 0;
}

/* --target with a byte order fixes it: every input must have been built for it. */
static int resolve_check_target(const struct options *opts, const struct inputs *inputs,
				struct resolution *res, size_t endian_unit)
{
	char wanted = opts->target ? bitcode_triple_endian(opts->target, strlen(opts->target)) : 0;
	char have = bitcode_triple_endian(res->triple, strlen(res->triple));
	const char *name = NULL;

	/* The output's triple: --target's when it names a byte order or no input does; "bpf" alone
	 * means the host's byte order to LLVM, so then the inputs' wins. */
	if (!wanted || !have || wanted == have) {
		if (opts->target && (wanted || !have))
			snprintf(res->triple, sizeof(res->triple), "%s", opts->target);
		return 0;
	}
	if (endian_unit != SIZE_MAX)
		name = inputs->units[endian_unit].name;
	for (size_t i = 0; !name && i < inputs->object_count; i++)
		if (inputs->objects[i].needed)
			name = inputs->objects[i].name;
	diag_error(name, "%s input cannot be linked into a --target %s object: " BUILD_FOR_FIX,
		   endian_name(have), opts->target, opts->target, endian_triple(wanted),
		   endian_triple(wanted));
	return -EINVAL;
}

static bool is_defined(const struct inputs *inputs, const struct resolution *res, const char *name)
{
	const struct symbol *s = symtab_find(&res->symbols, name);

	return (s && s->defined_by != SIZE_MAX) || inputs_object_defines(inputs, name);
}

/* An --export nothing defines is a typo or a renamed program: an error (a warning with
 * --allow-undefined). rustc's --export-symbols list only warns: the link is not the user's. */
static int resolve_check_exports(const struct options *opts, const struct inputs *inputs,
				 const struct resolution *res)
{
	int err = 0;

	for (size_t i = 0; i < opts->exports.len; i++) {
		const char *name = opts->exports.items[i];

		if (is_defined(inputs, res, name))
			continue;
		if (opts->allow_undefined) {
			diag_warn(NULL, "--export %s: no input defines it (--allow-undefined)", name);
			continue;
		}
		diag_error(NULL, "--export %s: no input defines it (a typo, or a program renamed?)", name);
		err = -EINVAL;
	}
	for (size_t i = 0; i < opts->listed_exports.len; i++)
		if (!is_defined(inputs, res, opts->listed_exports.items[i]))
			diag_warn(NULL, "'%s' in --export-symbols: no input defines it",
				  opts->listed_exports.items[i]);
	return err;
}

/* A plain object in an archive is merged, as a member is linked, only when it defines a symbol
 * something refers to. */
static void resolve_select_objects(struct inputs *inputs, const struct resolution *res)
{
	for (size_t i = 0; i < inputs->object_count; i++) {
		struct input_object *o = &inputs->objects[i];

		for (size_t d = 0; !o->needed && d < o->defines.len; d++) {
			const struct symbol *s = symtab_find(&res->symbols, o->defines.items[d]);

			o->needed = (s && s->referenced) || symtab_find(&res->exports, o->defines.items[d]);
		}
		if (!o->needed)
			diag_info("%s: left out: nothing refers to what it defines", o->name);
	}
}

/* Plain objects have an endianness of their own: it must match the bitcode's, and it decides the
 * target when the bitcode says "bpf". */
static int resolve_object_endianness(const struct inputs *inputs, struct resolution *res,
				     size_t endian_unit)
{
	const char host = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 'b' : 'l';

	for (size_t i = 0; i < inputs->object_count; i++) {
		const struct input_object *o = &inputs->objects[i];
		const char *endian = endian_triple(o->endian);

		if (!o->needed)
			continue;
		/* libbpf's linker (before 1.5) merges objects of this machine's byte order only. */
		if (o->endian != host) {
			diag_error(o->name, "%s BPF object: libbpf's linker merges only objects of this "
					    "machine's byte order (%s); link its bitcode instead",
				   endian_name(o->endian), endian_triple(host));
			return -EINVAL;
		}
		if (!strcmp(res->triple, "bpf")) {
			snprintf(res->triple, sizeof(res->triple), "%s", endian);
			continue;
		}
		if (strcmp(res->triple, endian)) {
			diag_error(o->name, "%s object cannot be linked with %s inputs (%s)",
				   endian_name(o->endian), res->triple,
				   endian_unit != SIZE_MAX ? inputs->units[endian_unit].name
							   : inputs->objects[0].name);
			return -EINVAL;
		}
	}
	return 0;
}

/* Only symbols are read here (the bitcode's own table, or a lazy module: no function bodies);
 * link parses what the programs reach. */
static int resolve_load_unit(struct inputs *inputs, size_t index, LLVMContextRef ctx,
			     struct resolution *res)
{
	struct unit *unit = &inputs->units[index];
	const char *triple;
	int err;

	if (unit->loaded)
		return 0;
	/* The symbol table LLVM writes into bitcode answers without building a module; link then
	 * reads only the units the programs reach. Without one, LLVM reads the unit lazily. */
	if (unit->format == UNIT_BITCODE) {
		struct bitcode_symtab table;

		err = bitcode_read_symbols(unit, &table);
		if (err != -ENOENT) {
			if (err)
				return err;
			unit->loaded = true;
			unit->needed_whole = table.needed_whole;
			err = unit_endian(unit, bitcode_triple_endian(table.triple, table.triple_len),
					  table.layout_endian);
			if (err) {
				bitcode_symtab_free(&table);
				return err;
			}
			res->order[res->count++] = index;
			diag_debug("%s: selected (symbol table)", unit->name);
			err = add_table_symbols(inputs, index, res, &table);
			bitcode_symtab_free(&table);
			return err;
		}
	}
	if ((err = bitcode_load(ctx, unit, true)))
		return err;
	diag_set_subject(unit->name); /* reading symbols may still make LLVM parse the file */
	unit->loaded = true;
	unit->needed_whole = true;
	triple = LLVMGetTarget(unit->module);
	if ((err = unit_endian(unit, bitcode_triple_endian(triple, strlen(triple)),
			       bitcode_layout_endian(LLVMGetDataLayoutStr(unit->module)))))
		return err;
	res->order[res->count++] = index;
	diag_debug("%s: selected", unit->name);
	err = resolve_add_module_symbols(inputs, index, res);
	/* The lazy module is kept for link: its bodies are still unparsed, and reading it again
	 * would parse its module-level metadata twice. */
	diag_set_subject(NULL);
	return err;
}

static int resolve_pull_members(const struct options *opts, struct inputs *inputs,
				LLVMContextRef ctx, struct resolution *res, bool *changed)
{
	int err;

	for (size_t a = 0; a < inputs->archive_count; a++) {
		struct input_archive *ar = &inputs->archives[a];

		if (opts->whole_archive || !ar->has_index) {
			/* Without an index every member is needed to know what it defines. */
			for (size_t u = ar->first_unit; u < ar->first_unit + ar->unit_count; u++) {
				if (inputs->units[u].loaded)
					continue;
				if ((err = resolve_load_unit(inputs, u, ctx, res)))
					return err;
				*changed = true;
			}
			continue;
		}
		for (size_t i = 0; i < ar->index_len; i++) {
			struct unit *unit = &inputs->units[ar->index[i].unit];
			struct symbol *s;

			if (unit->loaded)
				continue;
			s = symtab_find(&res->symbols, ar->index[i].name);
			if (!s || !s->referenced || s->defined_by != SIZE_MAX)
				continue;
			if ((err = resolve_load_unit(inputs, ar->index[i].unit, ctx, res)))
				return err;
			*changed = true;
		}
	}
	return 0;
}

static int add_root(struct resolution *res, const char *name)
{
	struct symbol *s;
	int err = symtab_insert(&res->symbols, name, &s);

	if (!err)
		s->referenced = true;
	return err;
}

int resolve_run(const struct options *opts, struct inputs *inputs, LLVMContextRef ctx,
		struct resolution *res)
{
	size_t endian_unit = SIZE_MAX;
	struct symbol *s;
	bool changed = true;
	int err = 0;

	memset(res, 0, sizeof(*res));
	res->order = calloc(inputs->unit_count ? inputs->unit_count : 1, sizeof(*res->order));
	if (!res->order)
		return -ENOMEM;
	for (size_t i = 0; i < opts->exports.len && !err; i++)
		err = symtab_insert(&res->exports, opts->exports.items[i], &s);
	for (size_t i = 0; i < opts->listed_exports.len && !err; i++)
		err = symtab_insert(&res->exports, opts->listed_exports.items[i], &s);
	for (size_t i = 0; !opts->disable_memory_builtins && i < resolve_memory_builtin_count && !err; i++)
		err = symtab_insert(&res->exports, resolve_memory_builtins[i], &s);
	for (size_t i = 0; i < res->exports.cap && !err; i++)
		if (res->exports.slots[i].name)
			err = add_root(res, res->exports.slots[i].name);
	for (size_t i = 0; i < inputs->roots.len && !err; i++)
		err = add_root(res, inputs->roots.items[i]);
	/* What plain objects call in the bitcode must stay global for libbpf's linker to find. */
	for (size_t i = 0; i < inputs->object_needs.len && !err; i++)
		err = symtab_insert(&res->exports, inputs->object_needs.items[i], &s);
	if (err)
		return err;

	/* Every file named on the command line, whole; report every bad one before stopping. */
	for (size_t u = 0; u < inputs->unit_count; u++) {
		if (inputs->units[u].archive != SIZE_MAX)
			continue;
		int e = resolve_load_unit(inputs, u, ctx, res);

		if (e == -ENOMEM)
			return e;
		if (e && !err)
			err = e;
	}
	while (!err && changed) {
		changed = false;
		err = resolve_pull_members(opts, inputs, ctx, res, &changed);
	}
	for (size_t i = 0; i < res->count && !err; i++)
		err = resolve_note_endianness(inputs, res->order[i], res, &endian_unit);
	if (err)
		return err;
	if (!res->count && !inputs->object_count) {
		diag_error(NULL, "no input contains LLVM bitcode or a BPF object");
		return -EINVAL;
	}
	if (endian_unit == SIZE_MAX)
		snprintf(res->triple, sizeof(res->triple), "bpf");
	resolve_select_objects(inputs, res);
	if (!res->count && !inputs_object_count_merged(inputs)) {
		diag_error(NULL, "nothing to link: no bitcode, and no plain BPF object defines a symbol "
				 "anything refers to (--export one)");
		return -EINVAL;
	}
	if ((err = resolve_object_endianness(inputs, res, endian_unit)) ||
	    (err = resolve_check_target(opts, inputs, res, endian_unit)) ||
	    (err = resolve_check_exports(opts, inputs, res)))
		return err;
	s = symtab_find(&res->symbols, PREPARE_PANIC_MARKER);
	if (s && (s->defined_by != SIZE_MAX || s->first_ref != SIZE_MAX)) {
		diag_error(inputs->units[s->defined_by != SIZE_MAX ? s->defined_by : s->first_ref].name,
			   "uses the name '%s', which the linker keeps for itself", PREPARE_PANIC_MARKER);
		return -EINVAL;
	}
	diag_info("resolved: %zu of %zu units selected, %zu symbols", res->count, inputs->unit_count,
		  res->symbols.count);
	return 0;
}

void resolve_free(struct resolution *res)
{
	free(res->order);
	symtab_free(&res->symbols);
	symtab_free(&res->exports);
	memset(res, 0, sizeof(*res));
}

static int report_undefined(LLVMValueRef g, const struct options *opts, const struct inputs *inputs,
			    const struct resolution *res)
{
	size_t len;
	const char *name = LLVMGetValueName2(g, &len);
	const struct symbol *s;
	const char *by;

	if (!LLVMIsDeclaration(g) || !LLVMGetFirstUse(g) || !len || !strncmp(name, "llvm.", 5) ||
	    resolve_is_kernel_extern(g))
		return 0;
	if ((LLVMIsAFunction(g) && LLVMGetIntrinsicID(g)) || inputs_object_defines(inputs, name))
		return 0;
	s = symtab_find(&res->symbols, name);
	by = s && s->first_ref != SIZE_MAX ? inputs->units[s->first_ref].name : NULL;
	if (opts->allow_undefined) {
		diag_warn(by, "undefined symbol '%s' (left for the loader: --allow-undefined)", name);
		return 0;
	}
	if (by && !strncmp(name, "bpf_core_field_", 15) && !opts->btf)
		diag_error(by, "undefined symbol '%s': a CO-RE query, which becomes a relocation only "
			       "with debug info and --btf (-C debuginfo=2 -C link-arg=--btf)", name);
	else if (by && !strncmp(name, "bpf_core_field_", 15))
		diag_error(by, "undefined symbol '%s': a CO-RE query on an access that could not be "
			       "relocated (see the warning before)", name);
	else if (by)
		diag_error(by, "undefined symbol '%s' (referenced here, defined by no input)", name);
	else
		diag_error(NULL, "undefined symbol '%s' (introduced by code generation; link an input "
				 "that defines it)", name);
	return -EINVAL;
}

int resolve_check_undefined(LLVMModuleRef module, const struct options *opts,
			    const struct inputs *inputs, const struct resolution *res)
{
	int err = 0;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f))
		if (report_undefined(f, opts, inputs, res))
			err = -EINVAL;
	for (LLVMValueRef g = LLVMGetFirstGlobal(module); g; g = LLVMGetNextGlobal(g))
		if (report_undefined(g, opts, inputs, res))
			err = -EINVAL;
	return err;
}

bool resolve_is_map_definition(LLVMValueRef g)
{
	const char *section = LLVMIsAGlobalVariable(g) ? LLVMGetSection(g) : NULL;

	return section && (!strcmp(section, ".maps") || !strcmp(section, "maps"));
}

bool resolve_is_kernel_extern(LLVMValueRef g)
{
	const char *section = LLVMGetSection(g);

	return LLVMGetLinkage(g) == LLVMExternalWeakLinkage ||
	       (section && (!strcmp(section, ".ksyms") || !strcmp(section, ".kconfig")));
}

bool resolve_is_memory_builtin(const char *name)
{
	for (size_t i = 0; name && i < resolve_memory_builtin_count; i++)
		if (!strcmp(name, resolve_memory_builtins[i]))
			return true;
	return false;
}
