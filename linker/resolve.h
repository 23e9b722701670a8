/* resolve: which units to link, with classic static-linker semantics. */
#ifndef BPF_LINKER_RESOLVE_H
#define BPF_LINKER_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include <llvm-c/Types.h>

#include "inputs.h"
#include "options.h"

/* Functions LLVM may call after optimisation; kept unless --disable-memory-builtins. */
extern const char *const resolve_memory_builtins[];
extern const size_t resolve_memory_builtin_count;

struct symbol {
	char *name;          /* the symbol's name; NULL marks an empty slot */
	size_t defined_by;   /* unit index of the definition, SIZE_MAX if undefined */
	size_t first_ref;    /* unit that first referenced it, SIZE_MAX for roots */
	bool strong;         /* the definition is not weak or linkonce */
	bool shared;         /* more than one unit defines it: defined_by is the one that wins */
	bool referenced;     /* some unit or root needs it */
};

struct symtab {
	struct symbol *slots; /* open addressing, linear probing */
	size_t cap;           /* slot count, a power of two */
	size_t count;         /* slots in use */
};

int symtab_insert(struct symtab *table, const char *name, struct symbol **out);
struct symbol *symtab_find(const struct symtab *table, const char *name);
/* Is the name of the LLVM global VALUE in TABLE? */
bool symtab_has_value(const struct symtab *table, LLVMValueRef value);
void symtab_free(struct symtab *table);

struct resolution {
	size_t *order;      /* units to link, in the order they were chosen */
	size_t count;       /* entries in order */
	struct symtab symbols; /* every global symbol seen in the chosen units */
	struct symtab exports; /* what stays global: --export, --export-symbols, memory builtins */
	char triple[32];    /* the output's: --target, else bpfel, bpfeb, or bpf when no input says */
};

/* Parse the command-line units, then pull archive members that define needed symbols until
 * nothing changes. Returns 0, or -EINVAL after reporting duplicate definitions or bad units. */
int resolve_run(const struct options *opts, struct inputs *inputs, LLVMContextRef ctx,
		struct resolution *res);
void resolve_free(struct resolution *res);



/* A map definition (section .maps or maps): it stays global, exported or not, as clang leaves
 * it, because libbpf refuses static maps ("unsupported map linkage static"). */
bool resolve_is_map_definition(LLVMValueRef g);
/* A kernel extern the loader resolves: a declaration in .ksyms or .kconfig, or a weak one. */
bool resolve_is_kernel_extern(LLVMValueRef g);
/* One of resolve_memory_builtins. */
bool resolve_is_memory_builtin(const char *name);

/* After optimisation: every function or variable the final module still uses but nothing
 * defines is an error naming it and a unit that referenced it (a warning with
 * --allow-undefined). Kernel externs (sections .ksyms, .kconfig) and weak references are left to the
 * loader. Returns 0 or -EINVAL. */
int resolve_check_undefined(LLVMModuleRef module, const struct options *opts,
			    const struct inputs *inputs, const struct resolution *res);
#endif
