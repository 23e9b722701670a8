// Debug info is stripped without --btf (no .BTF, no .debug_*), and --btf is accepted.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=2 -C debuginfo=2 %s -o %t/plain
// RUN: llvm-readelf -S %t/plain | FileCheck %s
// CHECK-NOT: .BTF
// CHECK-NOT: .debug_
// RUN: %rustc-bpf -C opt-level=2 -C debuginfo=2 -C link-arg=--btf %s -o %t/btf
// RUN: %load %t/btf
#![no_std]
#![no_main]

struct Wrapper<T>(T);

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_dbg(_ctx: *mut u8) -> u32 {
    let w = Wrapper(2u32);
    w.0
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
