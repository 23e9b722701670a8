// CO-RE reads with BPF_CORE_READ and preserve_access_index, and bpf_core_field_exists.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct task_struct___mine {
	int tgid;
	struct task_struct___mine *real_parent;
	int field_that_does_not_exist;
} __attribute__((preserve_access_index));

__u64 seen_tgid, parent_tgid, has_missing;

SEC("raw_tracepoint/sys_enter")
int core_read(void *ctx)
{
	struct task_struct___mine *task = (void *)bpf_get_current_task();

	seen_tgid = BPF_CORE_READ(task, tgid);
	parent_tgid = BPF_CORE_READ(task, real_parent, tgid);
	has_missing = bpf_core_field_exists(task->field_that_does_not_exist);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
