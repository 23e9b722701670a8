// bpf_core_field_exists and bpf_core_field_size from Rust: extern "C" declarations the linker
// turns into llvm.bpf.preserve.field.info on a relocated field. Against the running kernel,
// task_struct has tgid (4 bytes) and no field_that_does_not_exist: 1*100 + 0*10 + 4.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=0 -C debuginfo=2 -C link-arg=--btf %s -o %t/dev
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf %s -o %t/release
// RUN: %run-raw-tp %t/dev field_info | FileCheck %s
// RUN: %run-raw-tp %t/release field_info | FileCheck %s
// CHECK: retval 104
#![no_std]
#![no_main]
#![allow(non_camel_case_types)]
#[repr(C)] #[derive(Clone, Copy)] pub struct Relocatable;
#[repr(C)]
pub struct task_struct { _r: Relocatable, _x: [u8; 12], pub tgid: i32, pub field_that_does_not_exist: u64 }
unsafe extern "C" {
    fn bpf_core_field_exists(field: *const u8) -> u32;
    fn bpf_core_field_size(field: *const u8) -> u32;
}
#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_enter")]
pub extern "C" fn field_info(_ctx: *mut u8) -> u32 {
    let f: extern "C" fn() -> u64 = unsafe { core::mem::transmute(35usize) };
    let task = f() as *const task_struct;
    unsafe {
        let e1 = bpf_core_field_exists(core::ptr::addr_of!((*task).tgid).cast());
        let e2 = bpf_core_field_exists(core::ptr::addr_of!((*task).field_that_does_not_exist).cast());
        let sz = bpf_core_field_size(core::ptr::addr_of!((*task).tgid).cast());
        e1 * 100 + e2 * 10 + sz
    }
}
#[unsafe(no_mangle)] #[unsafe(link_section = "license")] pub static LICENSE: [u8; 4] = *b"GPL\0";
#[panic_handler] fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
