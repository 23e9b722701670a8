// The relocation functions of examples/co-re/relocatable.rs, answered by the loader for the
// running kernel: field existence, size and offset; type existence and size (a flavour
// task_struct___mine matches task_struct); enum-value existence and the kernel's value of a
// variant declared here with a wrong one; the member at offset 0; a flavour's field through the
// same pointer. Each check
// is a bit of the result, 0x7ff when all hold,
// in dev and release.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %btf2rust task_struct > %t/vmlinux.rs
// RUN: cp %s %t/main.rs && cp %S/../../examples/co-re/relocatable.rs %S/../co-re/kernel.rs %t/
// RUN: %rustc-bpf -C opt-level=0 -C debuginfo=2 -C link-arg=--btf %t/main.rs -o %t/dev
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf %t/main.rs -o %t/release
// RUN: %run-raw-tp %t/dev queries | FileCheck --check-prefix=ALL %s
// RUN: %run-raw-tp %t/release queries | FileCheck --check-prefix=ALL %s
// ALL: retval 2047
// The relocations are the ones clang makes for the C macros (the relocation kind after the type
// name: 0 byte offset, 1 byte size, 2 field exists, 8 type exists, 9 type size, 10 enum value
// exists, 11 enum value; then the local answer).
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf -C link-arg=--emit=obj,llvm-ir %t/main.rs -o %t/ir
// RUN: FileCheck --check-prefix=IR %s < %t/ir.ll
// IR-DAG: @"llvm.task_struct:0:{{[0-9]+}}$0:{{[0-9]+}}"
// IR-DAG: @"llvm.task_struct:1:4$0:{{[0-9]+}}"
// IR-DAG: @"llvm.task_struct:2:1$0:{{[0-9]+}}"
// IR-DAG: @"llvm.task_struct:2:1$0:1"
// IR-DAG: @"llvm.task_struct:8:1$0"
// IR-DAG: @"llvm.task_struct:9:{{[0-9]+}}$0"
// IR-DAG: @"llvm.task_struct___mine:8:1$0"
// IR-DAG: @"llvm.bpf_linker_no_such_type:8:1$0"
// IR-DAG: @"llvm.bpf_map_type:10:1${{[0-9]+}}"
// IR-DAG: @"llvm.bpf_map_type:11:7${{[0-9]+}}"
// RUN: not grep -q __bpf_core %t/ir.ll
// Without --btf nothing can be relocated: the field queries are undefined symbols that say so,
// the type and enum queries warnings.
// RUN: not %rustc-bpf -C opt-level=3 -C debuginfo=2 %t/main.rs -o %t/nobtf 2>&1 | FileCheck --check-prefix=NOBTF %s
// NOBTF-DAG: warning: CO-RE: type_exists/type_size needs debug info and --btf (-C debuginfo=2 -C link-arg=--btf): its calls are left as they are and answer 0
// NOBTF-DAG: warning: CO-RE: enum_value_exists/enum_value needs debug info and --btf
// NOBTF-DAG: undefined symbol 'bpf_core_field_exists': a CO-RE query, which becomes a relocation only with debug info and --btf (-C debuginfo=2 -C link-arg=--btf)
#![no_std]
#![no_main]
#![allow(non_camel_case_types, dead_code)]

mod kernel;
mod relocatable;
mod vmlinux;

use core::mem::{offset_of, size_of};
use core::ptr::addr_of;
use kernel::helper;
use relocatable::*;
use vmlinux::task_struct;

/// A flavour: matched against the kernel's task_struct (pid at a made-up offset).
#[repr(C)]
pub struct task_struct___mine {
    _relocatable: Relocatable,
    _before: u64,
    pid: i32,
}

/// No kernel has it.
#[repr(C)]
pub struct bpf_linker_no_such_type {
    _relocatable: Relocatable,
    x: u32,
}

/// The kernel's enum, with a wrong value for HASH (the kernel's is 1) and a variant it lacks.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum bpf_map_type {
    BPF_MAP_TYPE_UNSPEC = 0,
    BPF_MAP_TYPE_HASH = 7,
    BPF_LINKER_NO_SUCH_VALUE = 99,
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_enter")]
pub extern "C" fn queries(_ctx: *mut u8) -> i32 {
    // Never read: only the addresses of its fields are taken.
    let t = helper(35)() as *const task_struct; // bpf_get_current_task
    let checks = [
        field_exists(unsafe { addr_of!((*t).tgid) }),
        field_size(unsafe { addr_of!((*t).tgid) }) == 4,
        // btf2rust wrote task_struct from this kernel: its offsets are the kernel's.
        field_offset(unsafe { addr_of!((*t).tgid) }) == offset_of!(task_struct, tgid) as u32,
        type_exists::<task_struct>(),
        type_size::<task_struct>() == size_of::<task_struct>() as u32,
        type_exists::<task_struct___mine>(),
        !type_exists::<bpf_linker_no_such_type>(),
        enum_value_exists(bpf_map_type::BPF_MAP_TYPE_HASH) && enum_value(bpf_map_type::BPF_MAP_TYPE_HASH) == 1,
        !enum_value_exists(bpf_map_type::BPF_LINKER_NO_SUCH_VALUE),
        // The member at offset 0: addr_of! gives the struct's own address, relocated all the same.
        field_exists(unsafe { addr_of!((*t).thread_info) }) && field_offset(unsafe { addr_of!((*t).thread_info) }) == 0,
    ];
    // The same pointer viewed as the flavour (after the accesses through t: a view counts from
    // where it is made): its field is the kernel's pid.
    let mine = t as *const task_struct___mine;
    let flavour = field_offset(unsafe { addr_of!((*mine).pid) }) == offset_of!(task_struct, pid) as u32;
    let mut bits = (flavour as i32) << checks.len();
    for (i, ok) in checks.iter().enumerate() {
        bits |= (*ok as i32) << i;
    }
    bits
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
