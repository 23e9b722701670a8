// A map of maps (array of hash maps), with its inner map declared through __array.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} inner1 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &inner1 },
};

SEC("xdp")
int map_in_map(struct xdp_md *ctx)
{
	__u32 zero = 0, key = 5;
	__u64 one = 1;
	void *inner = bpf_map_lookup_elem(&outer, &zero);

	if (!inner)
		return XDP_DROP;
	bpf_map_update_elem(inner, &key, &one, BPF_ANY);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
