// Struct zero-init and copies from 8 to 512 bytes: inline stores, as clang makes them.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define BLOB(n) struct blob##n { __u8 b[n]; }
BLOB(8); BLOB(24); BLOB(64); BLOB(200); BLOB(512);

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct blob512);
} store SEC(".maps");

struct blob8 g8;
struct blob24 g24;
struct blob64 g64;
struct blob200 g200;

SEC("xdp")
int copies(struct xdp_md *ctx)
{
	struct blob512 big = {};
	struct blob24 small = {};
	__u32 key = 0;
	struct blob512 *slot;

	small.b[3] = 1;
	g24 = small;
	__builtin_memset(&g8, 0x5a, sizeof(g8));
	__builtin_memcpy(&g64, &big, sizeof(g64));
	__builtin_memcpy(&g200, &big, sizeof(g200));
	big.b[100] = g8.b[1];
	slot = bpf_map_lookup_elem(&store, &key);
	if (!slot)
		return XDP_ABORTED;
	*slot = big;
	return slot->b[100] == 0x5a && g24.b[3] == 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
