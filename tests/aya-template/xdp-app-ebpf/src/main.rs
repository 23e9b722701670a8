//! The eBPF half: XDP_PASS for broadcast Ethernet frames, XDP_DROP for others and short ones;
//! XDP_ABORTED when the build did not pass aya-build's `bpf_target_arch` cfg.
#![no_std]
#![no_main]

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

#[cfg(any(bpf_target_arch = "x86_64", bpf_target_arch = "aarch64", bpf_target_arch = "s390x"))]
const PASS: u32 = 2;
#[cfg(not(any(bpf_target_arch = "x86_64", bpf_target_arch = "aarch64", bpf_target_arch = "s390x")))]
const PASS: u32 = 0;

#[unsafe(no_mangle)]
#[unsafe(link_section = "xdp")]
pub extern "C" fn xdp_app(ctx: *mut XdpMd) -> u32 {
    let ctx = unsafe { &*ctx };
    let (start, end) = (ctx.data as usize, ctx.data_end as usize);
    if start + 14 > end {
        return 1;
    }
    // The verifier allows this read only after the comparison above.
    let first = unsafe { *(start as *const u8) };
    if first == 0xff { PASS } else { 1 }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
