/* Bitcode that calls a function a plain object in an archive defines. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern int obj_count(int x);

SEC("xdp")
int merge_main(struct xdp_md *ctx)
{
	return obj_count(1);
}

char LICENSE[] SEC("license") = "GPL";
