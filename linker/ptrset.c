/* ptrset: open addressing with linear probing, grown at half full. */
#include "ptrset.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

static size_t ptr_hash(const void *p, size_t cap)
{
	return (size_t)(((uintptr_t)p >> 4) * 0x9e3779b97f4a7c15ull) & (cap - 1);
}

/* The slot holding P, or the empty one where it would go (the set has room). */
static size_t slot_of(const struct ptr_set *set, const void *p)
{
	size_t i = ptr_hash(p, set->cap);

	while (set->slots[i] && set->slots[i] != p)
		i = (i + 1) & (set->cap - 1);
	return i;
}

int ptr_set_add(struct ptr_set *set, const void *p)
{
	size_t i;

	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 256;
		const void **slots = calloc(cap, sizeof(*slots));

		if (!slots)
			return -ENOMEM;
		for (size_t k = 0; k < set->cap; k++) {
			if (!set->slots[k])
				continue;
			for (i = ptr_hash(set->slots[k], cap); slots[i]; i = (i + 1) & (cap - 1))
				;
			slots[i] = set->slots[k];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	i = slot_of(set, p);
	if (set->slots[i])
		return 0;
	set->slots[i] = p;
	set->count++;
	return 1;
}

bool ptr_set_has(const struct ptr_set *set, const void *p)
{
	return set->cap && set->slots[slot_of(set, p)];
}

void ptr_set_free(struct ptr_set *set)
{
	free(set->slots);
	set->slots = NULL;
	set->cap = set->count = 0;
}
