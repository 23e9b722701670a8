// With --btf the records of local variables (#dbg_value, #dbg_declare) are dropped before -O: the
// object keeps BTF, .BTF.ext, DWARF line tables and the subprograms and types, but no variable
// locations. --keep-dwarf keeps them. Code, .BTF and .BTF.ext are the same bytes either way, on a
// program of inlined generic scopes with locals, in release and in dev.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf %s -o %t/lines
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf -C link-arg=--keep-dwarf %s -o %t/full
// RUN: %rustc-bpf -C opt-level=0 -C debuginfo=2 -C link-arg=--btf %s -o %t/dev-lines
// RUN: %rustc-bpf -C opt-level=0 -C debuginfo=2 -C link-arg=--btf -C link-arg=--keep-dwarf %s -o %t/dev-full
// RUN: sh -c 'for o in lines full dev-lines dev-full; do for s in xdp .text .BTF .BTF.ext; do llvm-objcopy --dump-section=$s=%t/$o$s %t/$o /dev/null 2> /dev/null || : > %t/$o$s; done; llvm-objdump -dr --no-show-raw-insn %t/$o | tail -n +3 > %t/$o.dis; done'
// RUN: sh -c 'for s in xdp .text .BTF .BTF.ext .dis; do cmp %t/lines$s %t/full$s && cmp %t/dev-lines$s %t/dev-full$s || exit 1; done'
// RUN: test -s %t/lines.BTF.ext && test -s %t/lines.BTF && test -s %t/lines.dis
// Variable locations (registers, stack slots, location lists) are in the full DWARF only; the
// line table is in both, and llvm-objdump -l shows the source lines from it.
// RUN: llvm-readelf -S %t/full | FileCheck --check-prefix=FULL %s
// FULL: .debug_loc
// RUN: llvm-readelf -S %t/lines | FileCheck --check-prefix=LINES %s
// LINES-NOT: .debug_loc
// LINES: .debug_line
// LINES-NOT: .debug_loc
// RUN: llvm-dwarfdump --debug-info %t/lines %t/dev-lines | FileCheck --check-prefix=NOLOC %s
// NOLOC: DW_TAG_compile_unit
// NOLOC-NOT: DW_AT_location{{.*(DW_OP_(f?b)?reg|0x[0-9a-f]+: *$)}}
// RUN: llvm-objdump -dl %t/lines | FileCheck --check-prefix=SOURCE %s
// SOURCE: dwarf-lines.rs:{{[0-9]+}}
// RUN: sh -c 'test $(stat -c %%s %t/lines) -lt $(stat -c %%s %t/full)'
// RUN: %load %t/lines
// RUN: %load %t/dev-lines
#![no_std]
#![no_main]

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

pub struct Record {
    buf: [u8; 32],
    len: usize,
}

pub trait Field: Copy {
    fn put(self, out: &mut Record);
}

macro_rules! field {
    ($t:ty) => {
        impl Field for $t {
            #[inline(always)]
            fn put(self, out: &mut Record) {
                let bytes = self.to_le_bytes();
                let mut i = 0;
                while i < bytes.len() && out.len < out.buf.len() {
                    let at = out.len;
                    out.buf[at] = bytes[i];
                    out.len = at + 1;
                    i += 1;
                }
            }
        }
    };
}
field!(u16);
field!(u32);
field!(u64);

#[inline(always)]
fn log<A: Field, B: Field>(level: u8, a: A, b: B) -> u32 {
    let mut record = Record { buf: [0; 32], len: 0 };
    let tag = level.wrapping_mul(3);
    a.put(&mut record);
    b.put(&mut record);
    let mut sum = tag as u32;
    for byte in &record.buf[..record.len] {
        let mixed = (*byte as u32).rotate_left(3);
        sum = sum.wrapping_add(mixed);
    }
    sum
}

#[inline(never)]
fn score(packet_len: u32, seed: u64) -> u32 {
    let first = log(1, packet_len as u16, seed);
    let second = log(2, packet_len, first as u64);
    first ^ second
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "xdp")]
pub extern "C" fn dwarf_lines(ctx: *mut XdpMd) -> u32 {
    let len = unsafe { (*ctx).data_end.wrapping_sub((*ctx).data) };
    let a = log(3, len as u64, len as u16);
    let b = score(len, a as u64);
    if (a ^ b) % 2 == 0 { 2 } else { 1 }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
