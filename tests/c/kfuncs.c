// kfuncs: typed __ksym functions resolved against the kernel's BTF; a typeless __ksym resolved
// from kallsyms. (Typed __ksym variables link the same way, but this kernel's kallsyms lists no
// data symbols, so the verifier cannot place one: none is loaded here.)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;

extern const void do_sys_openat2 __ksym;

__u64 calls, where;

SEC("xdp")
int kfuncs(struct xdp_md *ctx)
{
	bpf_rcu_read_lock();
	calls++;
	where = (__u64)&do_sys_openat2;
	bpf_rcu_read_unlock();
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
