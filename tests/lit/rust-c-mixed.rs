// Rust calling a function defined in C bitcode (clang-22), linked into one object that loads.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang-bpf -emit-llvm -c %inputs/helper.c -o %t/helper.bc
// RUN: %rustc-bpf -C opt-level=2 -C link-arg=%t/helper.bc %s -o %t/mixed
// RUN: %inputs/packet.py %t/pkt 0
// RUN: %load %t/mixed %t/pkt 3
#![no_std]
#![no_main]

extern "C" {
    fn helper(x: i32) -> i32;
}

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_mixed(_ctx: *mut u8) -> u32 {
    unsafe { helper(2) as u32 }
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
