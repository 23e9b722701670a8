//! Indexes a table with a byte read from the packet: the bounds check cannot be proven, so the
//! panic path survives optimisation. In bounds the program returns TABLE[i]; out of bounds the
//! panic ends the program with 0 (XDP_ABORTED), whatever the panic handler does.
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
    let start = ctx.data as usize;
    let end = ctx.data_end as usize;
    if start + 15 > end {
        return 2;
    }
    let i = unsafe { *((start + 14) as *const u8) } as usize;
    TABLE[i]
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

// A handler the verifier would reject as an infinite loop: the linker never lets it be reached.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    let mut x = 0u64;
    loop {
        x = x.wrapping_add(1);
        unsafe { core::ptr::write_volatile(&mut x as *mut u64, x) };
    }
}
