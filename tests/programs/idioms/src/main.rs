//! The idioms of idioms.rs as an XDP program: the case and operands come from the packet (after
//! the Ethernet header), so nothing is known at build time; the result is the return value.
#![no_std]
#![no_main]

mod idioms;

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

fn read(at: usize) -> i64 {
    let mut v = 0u64;
    for k in 0..8 {
        v |= (unsafe { *((at + k) as *const u8) } as u64) << (8 * k);
    }
    v as i64
}

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_idioms(ctx: *mut XdpMd) -> u32 {
    let ctx = unsafe { &*ctx };
    let (start, end) = (ctx.data as usize, ctx.data_end as usize);
    if start + 14 + 25 > end {
        return 1000;
    }
    let p = start + 14;
    let input = idioms::Input { case: unsafe { *(p as *const u8) }, a: read(p + 1), b: read(p + 9), c: read(p + 17) };
    idioms::run(&input)
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
