// Plain BPF objects (clang -c) are merged with bitcode by libbpf's linker: Rust calls a function
// of a plain object, which uses a map and calls a function defined in C bitcode. The result loads
// and runs; BTF is implied (libbpf merges only objects with BTF). C bitcode with plain objects
// alone links too, and plain objects alone are merged. Objects without BTF or of the other byte
// order are errors naming them.
// RUN: rm -rf %t && mkdir -p %t
// RUN: bpftool btf dump file /sys/kernel/btf/vmlinux format c > %t/vmlinux.h
// RUN: %clang -target bpf -O2 -g -I %t -emit-llvm -c %inputs/merge-bitcode.c -o %t/bitcode.bc
// RUN: %clang -target bpf -O2 -g -I %t -c %inputs/merge-object.c -o %t/object.o
// RUN: %rustc-bpf -C opt-level=2 -C link-arg=%t/bitcode.bc -C link-arg=%t/object.o %s -o %t/mixed
// RUN: python3 -c "open('%t/frame64', 'wb').write(bytes(64))"
// RUN: %load %t/mixed %t/frame64 3
// RUN: llvm-readelf -s %t/mixed | FileCheck --check-prefix=SYMS %s
// SYMS-DAG: GLOBAL DEFAULT {{.*}} xdp_merged
// SYMS-DAG: GLOBAL DEFAULT {{.*}} obj_count
// SYMS-DAG: GLOBAL DEFAULT {{.*}} c_triple
// SYMS-DAG: GLOBAL DEFAULT {{.*}} shared
// RUN: bpftool btf dump file %t/mixed | FileCheck --check-prefix=MAPSEC %s
// MAPSEC: DATASEC '.maps'
//
// Errors: an object without BTF, and one of the other byte order.
// RUN: %clang -target bpf -O2 -I %t -c %inputs/merge-object.c -o %t/nobtf.o
// RUN: not %bpf-linker %t/bitcode.bc %t/nobtf.o --export c_triple -o %t/bad.o 2>&1 | FileCheck --check-prefix=NOTYPES %s
// NOTYPES: bpf-linker: error: {{.*}}nobtf.o: cannot be merged by libbpf's linker: failed to find BTF info for object '{{.*}}nobtf.o' (plain objects need BTF: build them with clang -g)
// RUN: %clang -target bpfeb -O2 -g -I %t -c %inputs/merge-object.c -o %t/eb.o
// RUN: not %bpf-linker %t/bitcode.bc %t/eb.o --export c_triple -o %t/bad.o 2>&1 | FileCheck --check-prefix=EB %s
// EB: bpf-linker: error: {{.*}}eb.o: big-endian BPF object: libbpf's linker merges only objects of this machine's byte order (bpfel)
// RUN: test ! -e %t/bad.o
#![no_std]
#![no_main]

unsafe extern "C" {
    fn obj_count(x: i32) -> i32;
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "xdp")]
pub extern "C" fn xdp_merged(_ctx: *mut u8) -> u32 {
    unsafe { obj_count(1) as u32 }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
