// A USDT probe through libbpf's usdt.bpf.h: its spec maps and argument fetching.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/usdt.bpf.h>

__u64 hits;

SEC("usdt")
int BPF_USDT(usdt_probe, long x, long y)
{
	hits += x + y;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
