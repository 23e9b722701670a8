/* The C bitcode side of a mixed link: a map and a function a plain BPF object uses. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} shared SEC(".maps");

__noinline int c_triple(int x)
{
	return 3 * x;
}
