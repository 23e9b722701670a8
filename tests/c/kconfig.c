// Strong and weak __kconfig externs, resolved by libbpf at load time.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern __u32 LINUX_KERNEL_VERSION __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig __weak;
extern int CONFIG_SURELY_NOT_A_REAL_OPTION __kconfig __weak;

SEC("xdp")
int kconfig(struct xdp_md *ctx)
{
	if (LINUX_KERNEL_VERSION < KERNEL_VERSION(5, 4, 0))
		return XDP_ABORTED;
	return CONFIG_BPF_SYSCALL && !CONFIG_SURELY_NOT_A_REAL_OPTION ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
