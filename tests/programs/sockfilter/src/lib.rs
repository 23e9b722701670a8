//! A socket filter built as a cdylib: keeps the first 64 bytes of every packet.
#![no_std]

#[no_mangle]
#[link_section = "socket"]
pub extern "C" fn keep_head(_skb: *mut u8) -> u32 {
    64
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
