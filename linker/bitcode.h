/* bitcode: read a unit into an LLVM module, refusing bitcode from a newer LLVM by name. */
#ifndef BPF_LINKER_BITCODE_H
#define BPF_LINKER_BITCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <llvm-c/Types.h>

#include "inputs.h"

/* Copy the producer string of bitcode DATA ("LLVM22.1.8...") into OUT; returns 0, -ENOENT when
 * the bitcode names none, -EINVAL when it is malformed. */
int bitcode_producer(const uint8_t *data, size_t size, char *out, size_t out_size);

/* A symbol of the symbol table LLVM writes into bitcode (irsymtab). */
struct bitcode_symbol {
	const char *name;  /* inside the input's string table, not NUL-terminated */
	size_t len;        /* bytes in name */
	uint32_t flags;    /* BITCODE_SYMBOL_* */
};

#define BITCODE_SYMBOL_UNDEFINED (1u << 3)
#define BITCODE_SYMBOL_WEAK (1u << 4)
#define BITCODE_SYMBOL_GLOBAL (1u << 10)
#define BITCODE_SYMBOL_FORMAT_SPECIFIC (1u << 11)

struct bitcode_symtab {
	struct bitcode_symbol *symbols; /* every symbol, locals and llvm.* ones included */
	size_t count;
	const char *triple;             /* the module's target triple, not NUL-terminated */
	size_t triple_len;
	bool needed_whole;              /* a symbol in a section (a map): link it whatever */
	char layout_endian;             /* the data layout's byte order: 'l', 'b', 0 when it has none */
};

/* Read the symbol table of bitcode DATA without LLVM: 0, -ENOENT when there is none this LLVM
 * would trust (another LLVM version wrote it), -EINVAL when it is malformed, -ENODATA when a
 * block runs past the end of DATA (truncated), -ENOMEM. */
int bitcode_symbols(const uint8_t *data, size_t size, struct bitcode_symtab *out);
void bitcode_symtab_free(struct bitcode_symtab *table);

/* 'l' for a bpfel triple, 'b' for bpfeb, 0 for anything else ("bpf": either). */
char bitcode_triple_endian(const char *triple, size_t len);
/* The byte order of a data layout string ("e-m:e-..."): 'l', 'b', or 0 for an empty one. */
char bitcode_layout_endian(const char *layout);

/* bitcode_symbols for UNIT, after the producer check, reporting what is wrong with UNIT's name:
 * 0, -ENOENT (no table to trust: read the unit with LLVM), or a negative errno after reporting. */
int bitcode_read_symbols(const struct unit *unit, struct bitcode_symtab *out);

/* Parse UNIT into CTX (unit->module): LAZY reads only the module's symbol table and leaves
 * function bodies unread. Returns 0 or -EINVAL after reporting. */
int bitcode_load(LLVMContextRef ctx, struct unit *unit, bool lazy);

#endif
