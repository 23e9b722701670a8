// What BPF cannot do gets one error line per problem, in Rust's terms: the function demangled,
// the source line when debug info is kept (--btf), what it is and what to do; no LLVM signature,
// pointer address, <unknown>:0:0 or repeats, and no output.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc -C opt-level=2 -C debuginfo=2 --crate-type bin --emit=llvm-bc --cfg 'problem="float"' %s -o %t/float.bc
// RUN: %rustc -C opt-level=2 -C debuginfo=2 --crate-type bin --emit=llvm-bc --cfg 'problem="stack"' %s -o %t/stack.bc
// RUN: %rustc -C opt-level=2 -C debuginfo=2 --crate-type bin --emit=llvm-bc --cfg 'problem="recursion"' %s -o %t/recursion.bc
// RUN: %rustc -C opt-level=2 -C debuginfo=2 --crate-type bin --emit=llvm-bc --cfg 'problem="indirect"' %s -o %t/indirect.bc
// RUN: %rustc -C opt-level=2 -C debuginfo=2 --crate-type bin --emit=llvm-bc --cfg 'problem="arguments"' %s -o %t/arguments.bc
// RUN: not %bpf-linker %t/float.bc --export prog --btf -o %t/out.o 2> %t/float.err
// RUN: FileCheck --match-full-lines --check-prefix=FLOAT %s < %t/float.err
// RUN: count 1 < %t/float.err
// RUN: not %bpf-linker %t/stack.bc --export prog --btf -o %t/out.o 2> %t/stack.err
// RUN: FileCheck --match-full-lines --check-prefix=STACK %s < %t/stack.err
// RUN: count 1 < %t/stack.err
// RUN: not %bpf-linker %t/recursion.bc --export prog --btf -o %t/out.o 2> %t/recursion.err
// RUN: FileCheck --match-full-lines --check-prefix=RECURSION %s < %t/recursion.err
// RUN: count 1 < %t/recursion.err
// RUN: not %bpf-linker %t/indirect.bc --export prog --btf -o %t/out.o 2> %t/indirect.err
// RUN: FileCheck --match-full-lines --check-prefix=INDIRECT %s < %t/indirect.err
// RUN: count 1 < %t/indirect.err
// RUN: not %bpf-linker %t/arguments.bc --export prog --btf -o %t/out.o 2> %t/arguments.err
// RUN: FileCheck --match-full-lines --check-prefix=ARGUMENTS %s < %t/arguments.err
// RUN: count 1 < %t/arguments.err
// Without --btf there is no debug info: the same lines without the source location.
// RUN: not %bpf-linker %t/float.bc --export prog -o %t/out.o 2> %t/float-nodebug.err
// RUN: FileCheck --match-full-lines --check-prefix=NODEBUG %s < %t/float-nodebug.err
// RUN: count 1 < %t/float-nodebug.err
// NODEBUG: bpf-linker: error: cannot_do::hidden_float::hidden_scale uses floating point (u32 to f32 conversion, f32 multiplication, f32 to u32 conversion, f32 comparison), which BPF does not have: compute with integers (fixed point: scale the values, e.g. by 1000)
// RUN: not %bpf-linker %t/stack.bc --export prog -o %t/out.o 2> %t/stack-nodebug.err
// RUN: count 1 < %t/stack-nodebug.err
// RUN: not grep -E '<unknown>|0x[0-9a-f]{6}|_RNv|in function' %t/float.err %t/stack.err %t/stack-nodebug.err %t/recursion.err %t/indirect.err %t/arguments.err
// RUN: test ! -e %t/out.o
#![no_std]
#![no_main]
#![allow(unexpected_cfgs)]

#[cfg(problem = "float")]
mod hidden_float {
    #[inline(never)]
    pub fn hidden_scale(x: u32) -> u32 {
        // FLOAT: bpf-linker: error: cannot-do.rs:[[#@LINE+1]]: cannot_do::hidden_float::hidden_scale uses floating point (u32 to f32 conversion, f32 multiplication, f32 to u32 conversion, f32 comparison), which BPF does not have: compute with integers (fixed point: scale the values, e.g. by 1000)
        (x as f32 * 1.5) as u32
    }
}

#[cfg(problem = "float")]
#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn prog(ctx: *mut u32) -> u32 {
    hidden_float::hidden_scale(unsafe { *ctx })
}

#[cfg(problem = "stack")]
#[inline(never)]
fn big_table(seed: u32) -> u32 {
    // STACK: bpf-linker: error: cannot-do.rs:[[#@LINE+1]]: cannot_do::big_table needs a stack frame larger than BPF's 512 bytes (its local variables take 800 bytes): keep large values in a map (a per-CPU array of one element) or split the function
    let mut t = [0u32; 200];
    for i in 0..200 {
        unsafe { core::ptr::write_volatile(t.as_mut_ptr().add(i), seed.wrapping_mul(i as u32)) };
    }
    unsafe { *t.as_ptr().add((seed % 200) as usize) }
}

#[cfg(problem = "stack")]
#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn prog(ctx: *mut u32) -> u32 {
    big_table(unsafe { *ctx })
}

#[cfg(problem = "recursion")]
#[inline(never)]
// RECURSION: bpf-linker: error: cannot-do.rs:[[#@LINE+1]]: cannot_do::depth calls itself, and BPF has no recursion (the verifier refuses it): rewrite it as a bounded loop
fn depth(n: u32) -> u32 {
    if n == 0 { 0 } else { depth(n / 2).wrapping_mul(3).wrapping_add(1) }
}

#[cfg(problem = "recursion")]
#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn prog(ctx: *mut u32) -> u32 {
    depth(unsafe { *ctx })
}

#[cfg(problem = "indirect")]
#[inline(never)]
fn double(x: u32) -> u32 { x.wrapping_mul(2) }
#[cfg(problem = "indirect")]
#[inline(never)]
fn triple(x: u32) -> u32 { x.wrapping_mul(3) }

#[cfg(problem = "indirect")]
#[no_mangle]
#[link_section = "xdp"]
// INDIRECT: bpf-linker: error: cannot-do.rs:[[#@LINE+1]]: prog calls through a function pointer known only at run time, and BPF has no indirect calls: call the functions directly (for example, match on a value)
pub extern "C" fn prog(ctx: *mut u32) -> u32 {
    let x = unsafe { core::ptr::read_volatile(ctx) };
    let f: fn(u32) -> u32 = if x & 1 == 0 { double } else { triple };
    let f = unsafe { core::ptr::read_volatile(&f) };
    f(x)
}

#[cfg(problem = "arguments")]
#[no_mangle]
#[link_section = "xdp"]
// ARGUMENTS: bpf-linker: error: cannot-do.rs:[[#@LINE+1]]: prog takes more than five arguments, which BPF cannot pass to an exported function (five registers): take a reference to a struct instead
pub extern "C" fn prog(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64) -> u64 {
    a ^ b ^ c ^ d ^ e ^ f
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
