// A copy too large to expand (2 KiB) makes code generation call memcpy: the linker links its own
// definition, which the verifier accepts (compiler_builtins' tests pointer bits; it is not even
// read unless IR calls it by name), and the program loads and runs (byte 1000 of the copy: 232),
// in dev and release.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--log-file=%t/log -C link-arg=--log-level=info %s -o %t/release
// RUN: FileCheck --check-prefix=LOG %s < %t/log
// LOG: code generation calls memcpy: the linker's own definition is linked
// RUN: llvm-readelf -s %t/release | FileCheck --check-prefix=SYM %s
// SYM: FUNC GLOBAL {{.*}} memcpy
// RUN: %rustc-bpf -C opt-level=0 %s -o %t/dev
// RUN: python3 -c "open('%t/frame64', 'wb').write(bytes(64))"
// RUN: %load %t/release %t/frame64 232
// RUN: %load %t/dev %t/frame64 232
// With BTF the builtin is a static FUNC (the kernel refuses a global one without a program type),
// and the object loads and runs.
// RUN: %rustc-bpf -C opt-level=3 -g -C link-arg=--btf %s -o %t/btf
// RUN: llvm-readelf -s %t/btf | FileCheck --check-prefix=SYM %s
// RUN: bpftool btf dump file %t/btf | FileCheck --check-prefix=BTF %s
// BTF: FUNC 'memcpy' type_id={{[0-9]+}} linkage=static
// RUN: %load %t/btf %t/frame64 232
#![no_std]
#![no_main]

const fn ramp() -> [u8; 2048] {
    let mut bytes = [0u8; 2048];
    let mut i = 0;
    while i < 2048 {
        bytes[i] = i as u8;
        i += 1;
    }
    bytes
}

static mut SOURCE: [u8; 2048] = ramp();
static mut COPY: [u8; 2048] = [0; 2048];

#[unsafe(no_mangle)]
#[unsafe(link_section = "xdp")]
pub extern "C" fn copy_prog(_ctx: *mut u8) -> u32 {
    unsafe {
        core::ptr::copy_nonoverlapping(
            core::ptr::addr_of!(SOURCE) as *const u8,
            core::ptr::addr_of_mut!(COPY) as *mut u8,
            2048,
        );
        core::ptr::read_volatile(core::ptr::addr_of!(COPY[1000])) as u32
    }
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
