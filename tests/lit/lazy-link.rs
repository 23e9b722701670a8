// Units are read lazily and only what the programs reach is parsed; the hidden --eager switch
// parses every unit in full and removes dead code afterwards. Both give the same object, in dev
// and release, with and without BTF.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=0 %s -o %t/dev-lazy
// RUN: %rustc-bpf -C opt-level=0 -C link-arg=--eager %s -o %t/dev-eager
// RUN: cmp %t/dev-lazy %t/dev-eager
// RUN: %rustc-bpf -C opt-level=3 %s -o %t/rel-lazy
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--eager %s -o %t/rel-eager
// RUN: cmp %t/rel-lazy %t/rel-eager
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf %s -o %t/btf-lazy
// RUN: %rustc-bpf -C opt-level=3 -C debuginfo=2 -C link-arg=--btf -C link-arg=--eager %s -o %t/btf-eager
// RUN: cmp %t/btf-lazy %t/btf-eager
// Memory builtins nothing calls are not in a Rust object (compiler_builtins' included).
// RUN: llvm-readelf -s %t/dev-lazy %t/rel-lazy | FileCheck --check-prefix=NOMEM %s
// NOMEM-NOT: {{memcpy|memmove|memset|memcmp|bcmp}}
// Only the units that define something the program reaches are read: not compiler_builtins',
// whose every unit defines runtime-library functions LLVM marks "used".
// RUN: %rustc-bpf -C opt-level=0 -C link-arg=--log-level=debug -C link-arg=--log-file=%t/dev.log %s -o %t/dev-log
// RUN: FileCheck --check-prefix=UNITS %s < %t/dev.log
// Nor core's: the panics of the dev build's overflow checks get their final body (return 0)
// while linking, so what they would format, core::fmt and its units, is never read.
// UNITS: lazy_link{{.*}}: linked
// UNITS-NOT: compiler_builtins{{.*}}: linked
// UNITS-NOT: libcore{{.*}}: linked
// RUN: %load %t/dev-lazy
// RUN: %load %t/btf-lazy
#![no_std]
#![no_main]

#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, b| acc.wrapping_mul(31).wrapping_add(*b as u32))
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "xdp")]
pub extern "C" fn lazy_prog(ctx: *mut XdpMd) -> u32 {
    let len = unsafe { (*ctx).data_end.wrapping_sub((*ctx).data) };
    let table = [1u8, 2, 3, 4, 5, 6, 7, 8];
    let sum = checksum(&table[..(len as usize % 8)]);
    if sum.count_ones() % 2 == 0 { 2 } else { 1 }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
