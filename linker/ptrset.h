/* ptrset: a set of pointers (LLVM values, metadata nodes), by address. */
#ifndef BPF_LINKER_PTRSET_H
#define BPF_LINKER_PTRSET_H

#include <stdbool.h>
#include <stddef.h>

struct ptr_set {
	const void **slots; /* open addressing; NULL is empty */
	size_t cap;         /* a power of two */
	size_t count;       /* pointers in the set */
};

/* Returns 1 if P was added, 0 if it was there already, -ENOMEM. */
int ptr_set_add(struct ptr_set *set, const void *p);
bool ptr_set_has(const struct ptr_set *set, const void *p);
void ptr_set_free(struct ptr_set *set);

#endif
