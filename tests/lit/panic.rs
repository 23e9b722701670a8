// A bounds check that cannot be proven (the index is read from the packet) keeps its panic path;
// the linker ends the program with 0 there, whatever the panic handler does, in dev and release.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %inputs/packet.py %t/in 1
// RUN: %inputs/packet.py %t/out 200
// RUN: %rustc-bpf -C opt-level=3 %s -o %t/release
// RUN: %load %t/release %t/in 3 %t/out 0
// RUN: %rustc-bpf -C opt-level=0 -C debug-assertions=on %s -o %t/dev
// RUN: %load %t/dev %t/in 3 %t/out 0
// RUN: %rustc-bpf -C opt-level=s %s -o %t/size
// RUN: %load %t/size %t/in 3 %t/out 0
// RUN: llvm-objdump -d --no-show-raw-insn %t/release | FileCheck %s
// CHECK: <xdp_index>:
// CHECK-NOT: call
// CHECK-NOT: goto -1
#![no_std]
#![no_main]

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

static TABLE: [u32; 4] = [2, 3, 1, 2];

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_index(ctx: *mut XdpMd) -> u32 {
    let ctx = unsafe { &*ctx };
    let (start, end) = (ctx.data as usize, ctx.data_end as usize);
    if start + 15 > end {
        return 2;
    }
    let i = unsafe { *((start + 14) as *const u8) } as usize;
    TABLE[i]
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

// A handler that would never return and that the verifier would reject as an infinite loop.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    let mut x = 0u64;
    loop {
        x = x.wrapping_add(1);
        unsafe { core::ptr::write_volatile(&mut x as *mut u64, x) };
    }
}
