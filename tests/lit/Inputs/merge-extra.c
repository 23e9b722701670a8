/* A plain object nothing refers to: an archive holding it does not bring it in. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("xdp")
int extra_prog(struct xdp_md *ctx)
{
	return XDP_DROP;
}
