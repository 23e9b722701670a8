//! Rust as people write it, which BPF has no instruction or calling convention for: signed
//! division and remainder (no sdiv/smod before v4), 128-bit arithmetic (no libcalls), more than
//! five arguments (five registers), values returned by value (sret, pairs, i128). The BPF program
//! (main.rs) and the host (host.rs) run the same `run`; a panic gives 0 on both.

/// A case number and three operands, read from the packet as little-endian integers.
pub struct Input {
    pub case: u8,
    pub a: i64,
    pub b: i64,
    pub c: i64,
}

pub struct Triple {
    pub x: u64,
    pub y: u64,
    pub z: u64,
}

pub enum Outcome {
    Small(u8),
    Pair(u32, i64),
    Nothing,
}

#[inline(never)]
fn div_i32(a: i32, b: i32) -> i32 {
    a / b
}

#[inline(never)]
fn rem_i64(a: i64, b: i64) -> i64 {
    a % b
}

#[inline(never)]
fn div_small(a: i8, b: i16) -> i16 {
    (a as i16).wrapping_div(b) + (a.wrapping_rem(b as i8)) as i16
}

#[inline(never)]
fn mul_high(a: u64, b: u64) -> u64 {
    ((a as u128 * b as u128) >> 64) as u64
}

#[inline(never)]
fn div_u128(a: u64, b: u64, c: u64) -> u64 {
    let wide = (a as u128) << 64 | b as u128;
    (wide / c as u128) as u64 ^ (wide % c as u128) as u64
}

#[inline(never)]
fn div_i128(a: i64, b: i64) -> i64 {
    let wide = (a as i128) * (1i128 << 40);
    (wide / b as i128) as i64 ^ (wide % b as i128) as i64
}

#[inline(never)]
fn shift_i128(a: i64, s: u32) -> u64 {
    let x = a as i128;
    let s = s % 128;
    ((x << s) as u64) ^ (((x << s) >> 64) as u64).rotate_left(17) ^ ((x >> s) as u64)
        ^ (((x as u128) >> s) as u64).rotate_left(31)
}

#[inline(never)]
fn div_wide(a: u64, b: u64, c: u64) -> u64 {
    // A divisor of more than 64 bits when c >= 2^24.
    let n = (a as u128) << 64 | b as u128;
    let d = (c as u128) << 40 | 7;
    (n / d) as u64 ^ ((n % d) as u64).rotate_left(9) ^ ((n % d) >> 64) as u64
}

#[inline(never)]
fn six(a: u64, b: u32, c: u16, d: u8, e: i64, f: i32) -> i64 {
    (a as i64).wrapping_mul(3) ^ (b as i64) << 1 ^ (c as i64) << 2 ^ (d as i64) << 3 ^ e.wrapping_sub(f as i64)
}

#[inline(never)]
fn seven(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64) -> u64 {
    a.wrapping_add(b).wrapping_mul(c) ^ d.rotate_left(7) ^ e.wrapping_sub(f) ^ g >> 3
}

#[inline(never)]
fn triple(a: u64, b: u64) -> Triple {
    Triple { x: a ^ b, y: a.wrapping_add(b), z: a.wrapping_mul(b) }
}

#[inline(never)]
fn outcome(a: i64, b: i64) -> Outcome {
    match a & 3 {
        0 => Outcome::Small(b as u8),
        1 => Outcome::Pair(a as u32, b),
        _ => Outcome::Nothing,
    }
}

#[inline(never)]
fn pair(a: u64, b: u64) -> (u64, u64) {
    (a.wrapping_mul(b), a ^ b)
}

#[inline(never)]
fn wide(a: u64, b: u64) -> u128 {
    (a as u128) << 64 | b as u128
}

fn fold(v: u64) -> u32 {
    (v ^ (v >> 32)) as u32
}

pub fn run(i: &Input) -> u32 {
    let (a, b, c) = (i.a, i.b, i.c);
    match i.case {
        0 => fold(div_i32(a as i32, b as i32) as u64),
        1 => fold(rem_i64(a, b) as u64),
        2 => fold(div_small(a as i8, b as i16) as u64),
        3 => fold(mul_high(a as u64, b as u64)),
        4 => fold(div_u128(a as u64, b as u64, c as u64)),
        5 => fold(div_i128(a, b) as u64),
        6 => fold(shift_i128(a, b as u32)),
        7 => fold(six(a as u64, b as u32, c as u16, a as u8, b, c as i32) as u64),
        8 => fold(seven(a as u64, b as u64, c as u64, 1, 2, a as u64 >> 3, 99)),
        9 => {
            let t = triple(a as u64, b as u64);
            fold(t.x ^ t.y.rotate_left(13) ^ t.z.rotate_left(29))
        }
        10 => match outcome(a, b) {
            Outcome::Small(s) => s as u32 + 1,
            Outcome::Pair(x, y) => fold(x as u64 ^ y as u64),
            Outcome::Nothing => 7,
        },
        11 => {
            let (p, q) = pair(a as u64, b as u64);
            fold(p ^ q.rotate_left(5))
        }
        12 => {
            let w = wide(a as u64, b as u64);
            fold((w >> 3) as u64 ^ (w >> 67) as u64)
        }
        13 => fold(a.wrapping_div(b) as u64 ^ a.wrapping_rem(b) as u64),
        14 => fold((a as i32 / 7) as u64 ^ (a % -13) as u64),
        // Overflow panics in dev and wraps in release: the host gives each profile's answer.
        15 => fold(((a as i32) * (b as i32)) as u64),
        16 => fold(div_wide(a as u64, b as u64, c as u64)),
        _ => 1,
    }
}
