// CO-RE shapes: accesses to a nested opted-in struct, an array element and a union inside an
// opted-in struct become relocations (the globals LLVM's BPF backend turns into .BTF.ext
// records: "llvm.TYPE:KIND:OFFSET$ACCESS"), in dev and release; members are counted in offset
// order (the marker, at offset 0, is member 0). Types without the marker are left alone, and
// without --btf (no debug info) nothing is rewritten.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=0 -C debuginfo=2 -C link-arg=--btf -C link-arg=--emit=obj,llvm-ir %s -o %t/dev
// RUN: FileCheck --check-prefix=DEV %s < %t/dev.ll
// DEV-DAG: @"llvm.outer:0:4$0:2" = external global i64
// DEV-DAG: @"llvm.outer:0:8$0:2:2" = external global i64
// DEV-DAG: @"llvm.outer:0:12$0:3" = external global i64
// DEV-DAG: @"llvm.outer:0:32$0:4" = external global i64
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf -C link-arg=--emit=obj,llvm-ir %s -o %t/release
// RUN: FileCheck --check-prefix=REL %s < %t/release.ll
// REL-DAG: @"llvm.outer:0:8$0:2:2" = external global i64
// REL-DAG: @"llvm.outer:0:20$0:3:2" = external global i64
// REL-DAG: @"llvm.outer:0:12$0:3" = external global i64
// REL-DAG: @"llvm.outer:0:32$0:4" = external global i64
// RUN: FileCheck --check-prefix=PLAIN %s < %t/release.ll
// PLAIN-NOT: @"llvm.plain:
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--emit=obj,llvm-ir %s -o %t/nobtf
// RUN: FileCheck --check-prefix=NOBTF %s < %t/nobtf.ll
// NOBTF-NOT: llvm.preserve
#![no_std]
#![no_main]
#![allow(non_camel_case_types)]

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Relocatable;

#[repr(C)]
pub struct inner { _r: Relocatable, a: u32, b: u32 }

#[repr(C)]
pub union un { _r: Relocatable, x: u32, y: u64 }

#[repr(C)]
pub struct outer { _r: Relocatable, f: u32, inner: inner, arr: [u32; 4], u: un }

#[inline(always)]
unsafe fn probe<T>(src: *const T) -> T {
    let f: extern "C" fn(*mut T, u32, *const T) -> i64 = unsafe { core::mem::transmute(113usize) };
    let mut v = core::mem::MaybeUninit::<T>::uninit();
    f(v.as_mut_ptr(), core::mem::size_of::<T>() as u32, src);
    unsafe { v.assume_init() }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_enter")]
pub extern "C" fn shapes(ctx: *const outer) -> u64 {
    unsafe {
        let f = probe(core::ptr::addr_of!((*ctx).f)) as u64;
        let b = probe(core::ptr::addr_of!((*ctx).inner.b)) as u64;
        let a2 = probe(core::ptr::addr_of!((*ctx).arr[2])) as u64;
        let y = probe(core::ptr::addr_of!((*ctx).u.y));
        f + b + a2 + y
    }
}

/// No marker: accesses keep their offsets.
#[repr(C)]
pub struct plain { a: u32, b: u32 }

#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_exit")]
pub extern "C" fn variable(ctx: *const outer, i: usize) -> u64 {
    unsafe { probe(core::ptr::addr_of!((*ctx).arr).cast::<u32>().add(i & 3)) as u64 }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_exit")]
pub extern "C" fn unmarked(p: *const plain) -> u64 {
    unsafe { probe(core::ptr::addr_of!((*p).b)) as u64 }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
