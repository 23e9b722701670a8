// CO-RE from Rust: a partial task_struct with the Relocatable marker and made-up offsets reads
// the current task's tgid with bpf_probe_read_kernel; libbpf relocates the access against the
// running kernel's BTF, so the program returns 1 (tgid equals bpf_get_current_pid_tgid() >> 32)
// in dev and release. Without the marker the made-up offset is read and it returns 0.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=0 -C debuginfo=2 -C link-arg=--btf --cfg marker %s -o %t/dev
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf --cfg marker %s -o %t/release
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf %s -o %t/unmarked
// RUN: %run-raw-tp %t/dev tgid_check | FileCheck --check-prefix=ONE %s
// RUN: %run-raw-tp %t/release tgid_check | FileCheck --check-prefix=ONE %s
// RUN: %run-raw-tp %t/unmarked tgid_check | FileCheck --check-prefix=ZERO %s
// ONE: retval 1
// ZERO: retval 0
// The BTF name is the kernel's, and the relocation is against it.
// RUN: bpftool btf dump file %t/release | FileCheck --check-prefix=BTF %s
// BTF: STRUCT 'task_struct'
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf -C link-arg=--emit=obj,llvm-ir --cfg marker %s -o %t/ir
// RUN: FileCheck --check-prefix=RELOC %s < %t/ir.ll
// RELOC: @"llvm.task_struct:0:20$0:4" = external global i64, !llvm.preserve.access.index
#![no_std]
#![no_main]
#![allow(non_camel_case_types)]

#[path = "../co-re/kernel.rs"]
mod kernel;
use kernel::{helper, probe_read_kernel};

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Relocatable;

/// The kernel's task_struct: only what is read, at made-up offsets.
#[repr(C)]
pub struct task_struct {
    #[cfg(marker)]
    _relocatable: Relocatable,
    _made_up: [u8; 12],
    pub pid: i32,
    pub flags: u32,
    pub tgid: i32,
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_enter")]
pub extern "C" fn tgid_check(_ctx: *mut u8) -> i32 {
    let task = helper(35)() as *const task_struct; // bpf_get_current_task
    let tgid = unsafe { probe_read_kernel(core::ptr::addr_of!((*task).tgid)) };
    ((helper(14)() >> 32) as i32 == tgid) as i32 // bpf_get_current_pid_tgid
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
