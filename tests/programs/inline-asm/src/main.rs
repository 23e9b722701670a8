//! Inline BPF assembly, as aya-ebpf's helpers use it: `#![feature(asm_experimental_arch)]` on the
//! `bpf` toolchain with plain `cargo +bpf build`. An XDP program that measures the packet with an
//! ALU instruction written in assembly and calls a helper by number from assembly; 64-byte packets
//! pass (2), anything else is dropped (1).
#![no_std]
#![no_main]
#![feature(asm_experimental_arch)]

use core::arch::asm;

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
    data_meta: u32,
    ingress_ifindex: u32,
    rx_queue_index: u32,
    egress_ifindex: u32,
}

/// bpf_ktime_get_ns, helper 5, called the way aya-ebpf's generated helpers can be: by number.
#[inline(always)]
fn ktime_get_ns() -> u64 {
    let ns: u64;
    unsafe {
        asm!("call 5", lateout("r0") ns, lateout("r1") _, lateout("r2") _, lateout("r3") _,
             lateout("r4") _, lateout("r5") _);
    }
    ns
}

#[inline(always)]
fn difference(end: u64, start: u64) -> u64 {
    let mut out = end;
    unsafe { asm!("{0} -= {1}", inout(reg) out, in(reg) start) };
    out
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "xdp")]
pub extern "C" fn xdp_asm(ctx: *mut XdpMd) -> u32 {
    let (data, end) = unsafe { ((*ctx).data as u64, (*ctx).data_end as u64) };
    if ktime_get_ns() == 0 {
        return 0;
    }
    if difference(end, data) == 64 { 2 } else { 1 }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
