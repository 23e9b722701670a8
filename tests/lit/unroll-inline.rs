// With --unroll-loops --ignore-inline-never, a bounded loop over #[inline(never)] helpers
// becomes straight-line code: no calls, no backward jumps. Without them both remain.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=3 %s -o %t/plain
// RUN: llvm-objdump -d --no-show-raw-insn --disassemble-symbols=xdp_sum %t/plain | FileCheck --check-prefix=PLAIN %s
// PLAIN: call
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--unroll-loops -C link-arg=--ignore-inline-never %s -o %t/flat
// RUN: llvm-objdump -d --no-show-raw-insn --disassemble-symbols=xdp_sum %t/flat > %t/flat.s
// RUN: FileCheck --check-prefix=FLAT %s < %t/flat.s
// FLAT: <xdp_sum>:
// FLAT-NOT: call
// FLAT: exit
// RUN: not grep -E 'goto -' %t/flat.s
// RUN: %inputs/packet.py %t/pkt 1 2 3 4 5 6 7 8
// RUN: %load %t/flat %t/pkt 15
// RUN: %load %t/plain %t/pkt 15
#![no_std]
#![no_main]

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

#[inline(never)]
fn weight(i: usize) -> u32 {
    (i as u32) * 2 + 1
}

#[inline(never)]
fn read(start: usize, end: usize, i: usize) -> u32 {
    if start + 14 + i + 1 > end {
        return 0;
    }
    unsafe { *((start + 14 + i) as *const u8) as u32 }
}

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_sum(ctx: *mut XdpMd) -> u32 {
    let ctx = unsafe { &*ctx };
    let (start, end) = (ctx.data as usize, ctx.data_end as usize);
    let mut sum = 0u32;
    for i in 0..8 {
        sum = sum.wrapping_add(read(start, end, i) * weight(i) % 7);
    }
    sum
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
