//! XDP program using a path dependency (generics, #[inline(never)], an exported function), a
//! build script and a proc-macro. Returns helper::mix(first byte after Ethernet) + answer!().
#![no_std]
#![no_main]

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_with_deps(ctx: *mut XdpMd) -> u32 {
    let ctx = unsafe { &*ctx };
    let (start, end) = (ctx.data as usize, ctx.data_end as usize);
    if start + 15 > end {
        return 2;
    }
    let byte = unsafe { *((start + 14) as *const u8) };
    let bonus: u32 = match env!("DEPS_BONUS") {
        "4" => 4,
        _ => 0,
    };
    helper::mix(byte as u32) + helper::widen(byte) + answer::answer!() + bonus
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
