/* The plain BPF object side (clang -g -c): counts calls in a map defined in bitcode and calls a
 * function defined in bitcode. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} shared SEC(".maps");

extern int c_triple(int x);

__noinline int obj_count(int x)
{
	__u32 key = 0;
	__u64 *count = bpf_map_lookup_elem(&shared, &key);

	if (count)
		__sync_fetch_and_add(count, 1);
	return c_triple(x);
}
