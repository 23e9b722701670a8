// With --unroll-loops --ignore-inline-never, a bounded loop over #[inline(never)] helpers
// becomes straight-line code: no calls, no backward jumps. Each flag alone does its half, and
// without them both remain (40 iterations with calls: rustc's -O3 alone does not unroll them).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=3 %s -o %t/plain
// RUN: llvm-objdump -d --no-show-raw-insn --disassemble-symbols=xdp_sum %t/plain > %t/plain.s
// RUN: FileCheck --check-prefix=CALL %s < %t/plain.s
// RUN: grep -E 'goto -' %t/plain.s
// CALL: call
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--unroll-loops %s -o %t/unrolled
// RUN: llvm-objdump -d --no-show-raw-insn --disassemble-symbols=xdp_sum %t/unrolled > %t/unrolled.s
// RUN: FileCheck --check-prefix=CALL %s < %t/unrolled.s
// RUN: not grep -E 'goto -' %t/unrolled.s
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--ignore-inline-never %s -o %t/inlined
// RUN: llvm-objdump -d --no-show-raw-insn --disassemble-symbols=xdp_sum %t/inlined > %t/inlined.s
// RUN: FileCheck --check-prefix=FLAT %s < %t/inlined.s
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--unroll-loops -C link-arg=--ignore-inline-never %s -o %t/flat
// RUN: llvm-objdump -d --no-show-raw-insn --disassemble-symbols=xdp_sum %t/flat > %t/flat.s
// RUN: FileCheck --check-prefix=FLAT %s < %t/flat.s
// FLAT: <xdp_sum>:
// FLAT-NOT: call
// FLAT: exit
// RUN: not grep -E 'goto -' %t/flat.s
// RUN: %inputs/packet.py %t/pkt 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40
// RUN: %load %t/flat %t/pkt 81
// RUN: %load %t/unrolled %t/pkt 81
// RUN: %load %t/inlined %t/pkt 81
// RUN: %load %t/plain %t/pkt 81
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
    for i in 0..40 {
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
