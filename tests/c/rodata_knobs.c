// const volatile knobs in .rodata, set by loaders before load; .bss and .data counters; a custom
// .data.* section.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

const volatile __u32 drop_port = 9999;
const volatile bool verbose = false;
__u64 packets;                          /* .bss */
__u64 dropped = 0;                      /* .bss too: zero */
__u32 generation = 7;                   /* .data */
__u64 custom_counter SEC(".data.custom") = 3;

SEC("xdp")
int knobs(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;

	packets++;
	custom_counter += generation;
	if (verbose)
		bpf_printk("len %u", len);
	if (len == drop_port) {
		dropped++;
		return XDP_DROP;
	}
	return len >= 64 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
