// Kernel externs are left to the loader with the BTF libbpf expects, never reported as undefined:
// strong and weak .kconfig variables and kfuncs (.ksyms functions). (Typed .ksyms variables are
// linked the same way; this kernel resolves no variable addresses, so none is loaded here.)
// The linked object loads and runs like clang's own, with the same instructions.
// RUN: rm -rf %t && mkdir -p %t
// RUN: bpftool btf dump file /sys/kernel/btf/vmlinux format c > %t/vmlinux.h
// RUN: %clang -target bpf -O2 -g -I %t -emit-llvm -c %s -o %t/externs.bc
// RUN: %clang -target bpf -O2 -g -I %t -c %s -o %t/clang.o
// RUN: %bpf-linker --btf %t/externs.bc --export prog,LICENSE -o %t/linked.o
// RUN: bpftool btf dump file %t/linked.o | FileCheck --check-prefix=BTF %s
// BTF-DAG: DATASEC '.kconfig'
// BTF-DAG: VAR 'LINUX_KERNEL_VERSION' type_id={{[0-9]+}}, linkage=extern
// BTF-DAG: VAR 'CONFIG_BPF_LINKER_NOT_THERE' type_id={{[0-9]+}}, linkage=extern
// BTF-DAG: FUNC 'bpf_rcu_read_lock' type_id={{[0-9]+}} linkage=extern
// RUN: python3 -c "open('%t/frame64', 'wb').write(bytes(64))"
// RUN: %load %t/linked.o %t/frame64 2
// RUN: %load %t/clang.o %t/frame64 2
// RUN: llvm-objdump -d --no-show-raw-insn --no-leading-addr %t/linked.o | sed -n '/<prog>:/,$p' > %t/linked.s
// RUN: llvm-objdump -d --no-show-raw-insn --no-leading-addr %t/clang.o | sed -n '/<prog>:/,$p' > %t/clang.s
// RUN: grep -q exit %t/linked.s
// RUN: diff %t/linked.s %t/clang.s
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern __u32 LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_BPF_LINKER_NOT_THERE __kconfig __weak;
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	if (LINUX_KERNEL_VERSION < KERNEL_VERSION(5, 0, 0) || CONFIG_BPF_LINKER_NOT_THERE)
		return 1;
	return 2;
}

char LICENSE[] SEC("license") = "GPL";
