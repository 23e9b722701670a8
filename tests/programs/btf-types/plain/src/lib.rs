#![no_std]

/// Built without debug info (see the parent's profile), and kept out of line.
#[inline(never)]
pub fn scramble(x: u32) -> u32 {
    x.rotate_left(7) ^ 0x9e37_79b9
}
