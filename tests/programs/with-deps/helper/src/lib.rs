#![no_std]

#[inline(never)]
pub fn mix(x: u32) -> u32 {
    x.wrapping_mul(3) & 0xff
}

pub fn widen<T: Into<u64>>(x: T) -> u32 {
    (x.into() >> 1) as u32
}

#[no_mangle]
pub extern "C" fn helper_exported(x: u32) -> u32 {
    x ^ 0x5a
}
