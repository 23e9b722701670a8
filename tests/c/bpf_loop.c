// bpf_loop with a static callback.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct loop_ctx {
	__u64 sum;
};

static long add_index(__u32 index, void *data)
{
	struct loop_ctx *c = data;

	c->sum += index;
	return 0;
}

SEC("xdp")
int loop(struct xdp_md *ctx)
{
	struct loop_ctx c = {};

	bpf_loop(10, add_index, &c, 0);
	return c.sum == 45 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
