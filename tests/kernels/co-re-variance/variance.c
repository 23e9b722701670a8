/* The C twin of main.rs, the control: the same nine questions with libbpf's CO-RE macros,
 * against this machine's vmlinux.h, built by clang and linked by bpf-linker. */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

struct task_struct___old {
	long state;
} __attribute__((preserve_access_index));

SEC("raw_tracepoint/sys_enter")
int variance(void *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct task_struct___old *old = (void *)task;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	int tgid = BPF_CORE_READ(task, tgid), pid = BPF_CORE_READ(task, pid);
	int has_new_state = bpf_core_field_exists(task->__state);
	int has_old_state = bpf_core_field_exists(old->state);
	long state = has_new_state ? (long)BPF_CORE_READ(task, __state) : BPF_CORE_READ(old, state);

	return ((pid_tgid >> 32) == (__u32)tgid) | (((__u32)pid_tgid == (__u32)pid) << 1) |
	       (has_new_state << 2) | (has_old_state << 3) |
	       (bpf_core_type_exists(struct bpf_timer) << 4) |
	       (bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_BLOOM_FILTER) << 5) |
	       (bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_USER_RINGBUF) << 6) |
	       ((bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_HASH) == 1) << 7) |
	       ((state == 0) << 8);
}

char LICENSE[] SEC("license") = "GPL";
