//! CO-RE across kernels, built once (task_struct from the build machine's BTF by btf2rust, the rest
//! declared here) and asked in each kernel: each bit of the result is one answer, and each
//! kernel must give its own (tests/kernels/co-re-variance/run computes them from that kernel's
//! BTF). task_struct.state became __state in 5.14; bpf_timer is 5.15's; the map types
//! BLOOM_FILTER and USER_RINGBUF are 5.16's and 6.1's; HASH is 1 everywhere, 7 here.
#![no_std]
#![no_main]
#![allow(non_camel_case_types, dead_code)]

mod kernel;
mod relocatable;
mod vmlinux;

use core::ptr::addr_of;
use kernel::{helper, probe_read_kernel};
use relocatable::*;
use vmlinux::task_struct;

/// 5.15's timer, by name only (type_exists asks whether the kernel has a type of this name).
#[repr(C)]
pub struct bpf_timer {
    _relocatable: Relocatable,
    _opaque: [u64; 2],
}

/// The task_struct of kernels before 5.14: a flavour, matched against the kernel's task_struct.
#[repr(C)]
pub struct task_struct___old {
    _relocatable: Relocatable,
    _before: u64, // not at offset 0: the address of a first member alone is not relocated
    state: i64,
}

#[repr(u32)]
#[derive(Clone, Copy)]
pub enum bpf_map_type {
    BPF_MAP_TYPE_HASH = 7,
    BPF_MAP_TYPE_BLOOM_FILTER = 30,
    BPF_MAP_TYPE_USER_RINGBUF = 31,
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_enter")]
pub extern "C" fn variance(_ctx: *mut u8) -> i32 {
    let task = helper(35)() as *const task_struct; // bpf_get_current_task
    let pid_tgid = helper(14)(); // bpf_get_current_pid_tgid
    let tgid = unsafe { probe_read_kernel(addr_of!((*task).tgid)) };
    let pid = unsafe { probe_read_kernel(addr_of!((*task).pid)) };
    let has_new_state = field_exists(unsafe { addr_of!((*task).__state) });
    let old = task as *const task_struct___old;
    let has_old_state = field_exists(unsafe { addr_of!((*old).state) });
    // The task running this program is running: state 0 (TASK_RUNNING), read where it is.
    let state = if has_new_state {
        (unsafe { probe_read_kernel(addr_of!((*task).__state)) }) as i64
    } else {
        unsafe { probe_read_kernel(addr_of!((*old).state)) }
    };
    // No loop: the dev build would keep it, and 5.10's and 6.1's verifiers refuse its back-edge.
    ((pid_tgid >> 32) as i32 == tgid) as i32
        | ((pid_tgid as u32 as i32 == pid) as i32) << 1
        | (has_new_state as i32) << 2
        | (has_old_state as i32) << 3
        | (type_exists::<bpf_timer>() as i32) << 4
        | (enum_value_exists(bpf_map_type::BPF_MAP_TYPE_BLOOM_FILTER) as i32) << 5
        | (enum_value_exists(bpf_map_type::BPF_MAP_TYPE_USER_RINGBUF) as i32) << 6
        | ((enum_value(bpf_map_type::BPF_MAP_TYPE_HASH) == 1) as i32) << 7
        | ((state == 0) as i32) << 8
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
