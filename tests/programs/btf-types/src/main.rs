//! Every kind of Rust type BTF has to carry: generics (nested, long), C-like and data-carrying
//! enums, Option/Result, unions, zero-sized types, tuples, slices, &str, closures, MaybeUninit,
//! arrays, a struct shared with C, a dependency without debug info, and maps. Each kind reaches
//! BTF through a global or the signature of a function kept out of line.
#![no_std]
#![no_main]

#[path = "../../../../examples/xdp-firewall/src/maps.rs"]
mod maps;

use core::hint::black_box;
use core::mem::MaybeUninit;
use maps::{ArrayMap, HashMap};

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

#[derive(Clone, Copy)]
pub enum Color {
    Red,
    Green,
    Blue,
}

#[derive(Clone, Copy)]
pub enum Shape {
    Circle(u32),
    Rect { w: u16, h: u16 },
    Empty,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub union Bits {
    word: u32,
    bytes: [u8; 4],
}

pub struct Pair<A, B> {
    pub a: A,
    pub b: B,
}

pub struct Zst;

/// Rust lays the fields out as it likes: BTF must list them in offset order.
pub struct Reordered {
    pub small: u8,
    pub big: u64,
    pub mid: u16,
}

#[repr(C)]
pub struct Flow {
    saddr: u32,
    daddr: u32,
    sport: u16,
    dport: u16,
}

extern "C" {
    fn flow_hash(f: *const Flow) -> u32;
}

pub mod a_rather_long_module_name_for_testing {
    pub mod and_another_nested_module_to_make_names_long {
        pub struct Wrapper<T>(pub T);
    }
}
use a_rather_long_module_name_for_testing::and_another_nested_module_to_make_names_long::Wrapper;

type Deep = Wrapper<Wrapper<Wrapper<Pair<Wrapper<Pair<u64, Option<u32>>>, Result<Wrapper<u8>, Wrapper<u16>>>>>>;

#[no_mangle]
pub static mut LAST_SHAPE: Shape = Shape::Empty;
#[no_mangle]
pub static mut LAST_DEEP: MaybeUninit<Deep> = MaybeUninit::uninit();
#[no_mangle]
pub static mut LAST_TUPLE: (u8, Pair<i16, [u32; 3]>, Zst) = (0, Pair { a: 0, b: [0; 3] }, Zst);
#[no_mangle]
pub static mut LAST_BITS: Bits = Bits { word: 0 };
#[no_mangle]
pub static mut LAST_REORDERED: Reordered = Reordered { small: 0, big: 0, mid: 0 };

#[no_mangle]
#[link_section = ".maps"]
static SEEN: ArrayMap<u64, 2> = ArrayMap::new();
#[no_mangle]
#[link_section = ".maps"]
static BY_COLOR: HashMap<u32, Pair<u32, u32>, 16> = HashMap::new();

#[inline(never)]
fn color_of(byte: u8) -> Color {
    match byte % 3 {
        0 => Color::Red,
        1 => Color::Green,
        _ => Color::Blue,
    }
}

#[inline(never)]
fn area(shape: &Shape, bits: Bits, maybe: Option<&u32>, result: Result<u16, u8>) -> u32 {
    let extra = maybe.copied().unwrap_or(0) + result.map(u32::from).unwrap_or(1) + unsafe { bits.bytes[0] } as u32;
    extra
        + match *shape {
            Shape::Circle(r) => 3 * r * r,
            Shape::Rect { w, h } => w as u32 * h as u32,
            Shape::Empty => 0,
        }
}

#[inline(never)]
fn total(bytes: &[u8], label: &str, pair: (u8, u16), zst: Zst) -> u32 {
    let _ = zst;
    bytes.len() as u32 + label.len() as u32 + pair.0 as u32 + pair.1 as u32
}

#[inline(never)]
fn apply<F: Fn(u32) -> u32>(f: &F, x: u32) -> u32 {
    f(x)
}

#[inline(never)]
fn deep(d: &Deep) -> u64 {
    (d.0).0 .0.a.0.a
}

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_types(ctx: *mut XdpMd) -> u32 {
    let ctx = unsafe { &*ctx };
    let (start, end) = (ctx.data as usize, ctx.data_end as usize);
    if start + 16 > end {
        return 2;
    }
    let byte = unsafe { *((start + 14) as *const u8) };
    let color = color_of(byte);
    let shape = if byte > 100 { Shape::Rect { w: byte as u16, h: 2 } } else { Shape::Circle(byte as u32) };
    unsafe { LAST_SHAPE = shape };
    unsafe { LAST_BITS = Bits { word: byte as u32 } };
    let k = black_box(3u32);
    let scaled = apply(&|x| x * k, byte as u32);
    let d: Deep = Wrapper(Wrapper(Wrapper(Pair { a: Wrapper(Pair { a: byte as u64, b: None }), b: Ok(Wrapper(1)) })));
    let flow = Flow { saddr: 1, daddr: 2, sport: byte as u16, dport: 80 };
    let hashed = unsafe { flow_hash(black_box(&flow)) };
    let value = area(&shape, Bits { word: 7 }, Some(&k), Err(byte)) + total(b"ab", "xyz", (1, 2), Zst)
        + scaled + deep(&d) as u32 + plain::scramble(hashed) % 2;
    if let Some(seen) = SEEN.get_mut(0) {
        *seen += 1;
    }
    let key = color as u32;
    match BY_COLOR.get_mut(&key) {
        Some(pair) => pair.a += 1,
        None => {
            BY_COLOR.insert(&key, &Pair { a: 1, b: byte as u32 });
        }
    }
    value % 4
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
