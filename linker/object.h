/* object: what a BPF ELF object produced by code generation refers to, read from its symbol table
 * and relocations: undefined symbols it uses (and a function that uses each), and which of its
 * function definitions nothing calls. */
#ifndef BPF_LINKER_OBJECT_H
#define BPF_LINKER_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A symbol of the object and how it is used. */
struct object_symbol {
	char *name;      /* the ELF symbol's name */
	char *user;      /* for an undefined symbol: a function that refers to it, or NULL */
	bool defined;    /* a function defined in the object (else undefined) */
	bool weak;       /* an undefined weak reference: the loader may leave it 0 */
	bool referenced; /* a relocation outside the function itself refers to it */
};

struct object_refs {
	struct object_symbol *symbols; /* undefined symbols and function definitions */
	size_t count;
};

/* Read the references of the ELF object DATA. Returns 0, or -EINVAL when it is not an ELF
 * object with a symbol table (after reporting). */
int object_scan(const uint8_t *data, size_t size, struct object_refs *out);
const struct object_symbol *object_find(const struct object_refs *refs, const char *name);
void object_refs_free(struct object_refs *refs);

#endif
