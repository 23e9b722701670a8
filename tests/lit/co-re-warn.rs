// An access to an opted-in type that cannot be relocated (an offset only known at run time) keeps
// its fixed offset and is reported, naming the type and the function; the constant one next to
// it is relocated. Inside a union whose members overlap at the offset (which one the access goes
// through is not in the IR), the access is relocated up to the union and keeps its offset inside
// it, with a warning.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf -C link-arg=--emit=obj,llvm-ir -C link-arg=--log-file=%t/log %s -o %t/w
// RUN: FileCheck --check-prefix=LOG %s < %t/log
// LOG: bpf-linker: warning: CO-RE: an access to rec in 'w' keeps a fixed offset: the offset is not a constant
// RUN: FileCheck --check-prefix=IR %s < %t/w.ll
// LOG: bpf-linker: warning: CO-RE: an access 8 bytes into union either keeps that offset: more than one of its members lies there
// IR-DAG: @"llvm.rec:0:4$0:2" = external global i64
// IR-DAG: @"llvm.holder:0:8$0:2" = external global i64
#![no_std]
#![no_main]
#![allow(non_camel_case_types)]
#[repr(C)] #[derive(Clone, Copy)] pub struct Relocatable;
#[repr(C)] pub struct rec { _r: Relocatable, a: u32, arr: [u32; 4] }
#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_enter")]
pub extern "C" fn w(ctx: *const rec, i: usize) -> u32 { unsafe { (*ctx).arr[i & 3] + *(ctx as *const u32).add(i & 1) } }
#[repr(C)] #[derive(Clone, Copy)] pub struct pair { _r: Relocatable, lo: u64, hi: u64 }
#[repr(C)] #[derive(Clone, Copy)] pub struct twin { _r: Relocatable, first: u64, second: u64 }
#[repr(C)] pub union either { _r: Relocatable, pair: pair, twin: twin }
#[repr(C)] pub struct holder { _r: Relocatable, tag: u64, u: either }
#[unsafe(no_mangle)]
#[unsafe(link_section = "raw_tracepoint/sys_exit")]
pub extern "C" fn w2(ctx: *const holder) -> u64 { unsafe { (*ctx).u.pair.hi } }
#[unsafe(no_mangle)] #[unsafe(link_section = "license")] pub static LICENSE: [u8; 4] = *b"GPL\0";
#[panic_handler] fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
