//! A larger benchmark program: many XDP programs sharing generic parsing helpers, lookup tables
//! and checked arithmetic, so that the link pulls a good part of core and compiler_builtins.
#![no_std]
#![no_main]

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

struct Packet {
    start: usize,
    end: usize,
}

impl Packet {
    fn new(ctx: &XdpMd) -> Self {
        Packet { start: ctx.data as usize, end: ctx.data_end as usize }
    }
    #[inline(always)]
    fn get<T: Copy>(&self, offset: usize) -> Option<T> {
        if self.start + offset + core::mem::size_of::<T>() > self.end {
            return None;
        }
        Some(unsafe { core::ptr::read_unaligned((self.start + offset) as *const T) })
    }
}

trait Rule {
    fn check(&self, p: &Packet) -> Option<u32>;
}

struct PortRule<const OFFSET: usize, const PORT: u16>;

impl<const OFFSET: usize, const PORT: u16> Rule for PortRule<OFFSET, PORT> {
    fn check(&self, p: &Packet) -> Option<u32> {
        let v: u16 = p.get(OFFSET)?;
        Some(if u16::from_be(v) == PORT { 1 } else { 2 })
    }
}

static WEIGHTS: [u32; 64] = {
    let mut w = [0u32; 64];
    let mut i = 0;
    while i < 64 {
        w[i] = (i as u32).wrapping_mul(2654435761) >> 7;
        i += 1;
    }
    w
};

fn score(p: &Packet, salt: u32) -> Option<u32> {
    let mut acc = salt;
    for i in 0..8 {
        let b: u8 = p.get(14 + i)?;
        acc = acc.checked_add(WEIGHTS[(b as usize) & 63]).unwrap_or(acc) ^ (b as u32).rotate_left(i as u32);
    }
    Some(acc % 3)
}

macro_rules! programs {
    ($($name:ident $offset:literal $port:literal $salt:literal;)*) => {$(
        #[no_mangle]
        #[link_section = "xdp"]
        pub extern "C" fn $name(ctx: *mut XdpMd) -> u32 {
            let p = Packet::new(unsafe { &*ctx });
            let rule = PortRule::<$offset, $port>;
            match (rule.check(&p), score(&p, $salt)) {
                (Some(1), _) => 1,
                (_, Some(s)) => s,
                _ => 2,
            }
        }
    )*};
}

programs! {
    prog_00 36 22 1; prog_01 36 53 2; prog_02 36 80 3; prog_03 36 443 4; prog_04 36 8080 5;
    prog_05 34 22 6; prog_06 34 53 7; prog_07 34 80 8; prog_08 34 443 9; prog_09 34 8080 10;
    prog_10 38 22 11; prog_11 38 53 12; prog_12 38 80 13; prog_13 38 443 14; prog_14 38 8080 15;
    prog_15 40 22 16; prog_16 40 53 17; prog_17 40 80 18; prog_18 40 443 19; prog_19 40 8080 20;
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
