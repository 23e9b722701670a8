// A kprobe and a tracepoint with BPF_KPROBE and a tracepoint context struct.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, __u32);
	__type(value, __u64);
} opens SEC(".maps");

SEC("kprobe/do_sys_openat2")
int BPF_KPROBE(kprobe_openat, int dfd, const char *filename)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *count = bpf_map_lookup_elem(&opens, &pid);

	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&opens, &pid, &one, BPF_NOEXIST);
	return 0;
}

SEC("tracepoint/sched/sched_process_exit")
int tp_exit(struct trace_event_raw_sched_process_template *ctx)
{
	__u32 pid = ctx->pid;

	bpf_map_delete_elem(&opens, &pid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
