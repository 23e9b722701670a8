// CO-RE with types from btf2rust: the running kernel's task_struct, generated, read through a
// relocation (returns 1 when tgid equals bpf_get_current_pid_tgid() >> 32), dev and release.
// Its anonymous members, fields named __anon_N in Rust, are anonymous in the object's BTF, where
// libbpf looks through them for named fields.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %btf2rust task_struct > %t/vmlinux.rs
// RUN: cp %s %t/main.rs && cp %S/../../examples/co-re/relocatable.rs %S/../co-re/kernel.rs %t/
// RUN: %rustc-bpf -C opt-level=0 -C debuginfo=2 -C link-arg=--btf %t/main.rs -o %t/dev
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf %t/main.rs -o %t/release
// RUN: %run-raw-tp %t/dev tgid_check | FileCheck --check-prefix=ONE %s
// RUN: %run-raw-tp %t/release tgid_check | FileCheck --check-prefix=ONE %s
// ONE: retval 1
// RUN: bpftool btf dump file %t/release > %t/btf
// RUN: FileCheck --check-prefix=BTF %s < %t/btf
// BTF: STRUCT 'task_struct'
// BTF: '(anon)' type_id={{[0-9]+}} bits_offset=
// RUN: not grep -q "'__anon_[0-9]*' type_id" %t/btf
#![no_std]
#![no_main]

mod kernel;
mod relocatable;
mod vmlinux;

use kernel::{helper, probe_read_kernel};
use vmlinux::task_struct;

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
