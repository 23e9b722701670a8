// --btf: every name the kernel sees is a legal BTF name (generics, paths, closures, tuples, long
// names cut to 127 bytes with a hash), pointers are anonymous, members are in offset order, only
// exported functions are global, and the kernel accepts the result.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=2 -C debuginfo=2 -C link-arg=--btf -C link-arg=--log-level=info -C link-arg=--log-file=%t/log %s -o %t/prog
// RUN: FileCheck --check-prefix=LOG %s < %t/log
// LOG: BTF: {{[0-9]+}} debug-info nodes walked, {{[1-9][0-9]*}} names made legal
// LOG: BTF: {{[1-9][0-9]*}} types emitted, {{[0-9]+}} functions made static
// RUN: bpftool btf dump file %t/prog > %t/btf
// RUN: FileCheck %s < %t/btf
// CHECK-DAG: STRUCT 'Generic_3C_u32_2C__20_btf_names_3A__3A_Plain_3E_' size=8 vlen=2
// CHECK-DAG: FUNC 'xdp_btf' type_id={{[0-9]+}} linkage=global
// CHECK-DAG: FUNC 'helper_3C_u32_3E_' type_id={{[0-9]+}} linkage=static
// CHECK-DAG: STRUCT '_7B_closure_env_23_0_7D_
// CHECK-DAG: STRUCT '_28_u8_2C__20_u16_29_'
// CHECK-DAG: STRUCT 'Generic_3C_btf_names_3A__3A_a_very_long_module_name_that_keeps_going_and_going_3A__3A_AnotherRather{{[A-Za-z]+}}_{{[0-9a-f]+}}'
// RUN: FileCheck --check-prefix=ORDER %s < %t/btf
// ORDER: STRUCT 'Shuffled' size=16 vlen=3
// ORDER-NEXT: 'wide' type_id={{[0-9]+}} bits_offset=0
// ORDER-NEXT: 'half' type_id={{[0-9]+}} bits_offset=64
// ORDER-NEXT: 'byte' type_id={{[0-9]+}} bits_offset=80
// RUN: not grep -E "PTR '[^(]" %t/btf
// RUN: grep -v -e "'(anon)'" -e DATASEC %t/btf | not grep -E "^\[[0-9]+\] [A-Z_]+ '[^']*[^A-Za-z0-9_'][^']*'"
// RUN: %load %t/prog
// RUN: bpftool prog load %t/prog /sys/fs/bpf/bpf_linker_lit_btf_names
// RUN: bpftool prog show pinned /sys/fs/bpf/bpf_linker_lit_btf_names > %t/show; rm -f /sys/fs/bpf/bpf_linker_lit_btf_names
// RUN: FileCheck --check-prefix=SHOW %s < %t/show
// SHOW: btf_id
#![no_std]
#![no_main]

pub struct Plain(pub u32);
pub struct Generic<A, B>(pub A, pub B);
pub struct Shuffled {
    pub byte: u8,
    pub wide: u64,
    pub half: u16,
}

pub mod a_very_long_module_name_that_keeps_going_and_going {
    pub struct AnotherRatherLongTypeNameToPushPastTheLimit<T>(pub T);
}
use a_very_long_module_name_that_keeps_going_and_going::AnotherRatherLongTypeNameToPushPastTheLimit as Long;

#[no_mangle]
pub static mut GENERIC: Generic<u32, Plain> = Generic(0, Plain(0));
#[no_mangle]
pub static mut SHUFFLED: Shuffled = Shuffled { byte: 0, wide: 0, half: 0 };
#[no_mangle]
pub static mut TUPLE: (u8, u16) = (0, 0);
#[no_mangle]
pub static mut LONG: Generic<Long<Long<Long<u8>>>, Long<Long<u16>>> = Generic(Long(Long(Long(0))), Long(Long(0)));

#[inline(never)]
fn helper<T: Into<u64>>(x: T) -> u32 {
    (x.into() * 3) as u32
}

#[inline(never)]
fn call<F: Fn(u32) -> u32>(f: &F, x: u32) -> u32 {
    f(x)
}

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_btf(_ctx: *mut u8) -> u32 {
    let k = core::hint::black_box(2u32);
    (helper(k) + call(&|x| x + k, 1)) % 3
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
