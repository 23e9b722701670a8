// __noinline global and static subprograms: the verifier checks global ones on their own.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

static __noinline int twice(int x)
{
	return x * 2;
}

__noinline int global_len(struct xdp_md *ctx)
{
	if (!ctx)
		return 0;
	return ctx->data_end - ctx->data;
}

SEC("xdp")
int subprograms(struct xdp_md *ctx)
{
	return twice(global_len(ctx)) == 128 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
