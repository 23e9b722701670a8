// Without --btf debug info is stripped: no .BTF, no .debug_*. With --btf the object carries
// .BTF and .BTF.ext that the kernel accepts, also when the code has no debug info at all (every
// function then gets a synthetic subprogram and func_info).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=2 -C debuginfo=2 %s -o %t/plain
// RUN: llvm-readelf -S %t/plain | FileCheck --check-prefix=STRIPPED %s
// STRIPPED-NOT: .BTF
// STRIPPED-NOT: .debug_
// RUN: %rustc-bpf -C opt-level=2 -C debuginfo=2 -C link-arg=--btf %s -o %t/btf
// RUN: llvm-readelf -S %t/btf | FileCheck --check-prefix=BTF %s
// BTF: .BTF
// BTF: .BTF.ext
// RUN: bpftool prog load %t/btf /sys/fs/bpf/bpf_linker_lit_dbg
// RUN: bpftool prog show pinned /sys/fs/bpf/bpf_linker_lit_dbg > %t/show; rm -f /sys/fs/bpf/bpf_linker_lit_dbg
// RUN: FileCheck --check-prefix=ACCEPTED %s < %t/show
// ACCEPTED: btf_id
// RUN: %rustc-bpf -C opt-level=2 -C debuginfo=0 -C link-arg=--btf %s -o %t/nodebug
// RUN: bpftool btf dump file %t/nodebug | FileCheck --check-prefix=SYNTH %s
// SYNTH: FUNC 'xdp_dbg' type_id={{[0-9]+}} linkage=global
// RUN: bpftool prog load %t/nodebug /sys/fs/bpf/bpf_linker_lit_nodbg
// RUN: bpftool prog show pinned /sys/fs/bpf/bpf_linker_lit_nodbg > %t/show2; rm -f /sys/fs/bpf/bpf_linker_lit_nodbg
// RUN: FileCheck --check-prefix=ACCEPTED %s < %t/show2
#![no_std]
#![no_main]

struct Wrapper<T>(T);

#[no_mangle]
#[link_section = "xdp"]
pub extern "C" fn xdp_dbg(_ctx: *mut u8) -> u32 {
    let w = Wrapper(2u32);
    w.0
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
