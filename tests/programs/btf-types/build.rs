// Compiles C into LLVM bitcode with clang-22 and links it in: a #[repr(C)] struct shared by C
// and Rust must come out as one consistent BTF. The C is compiled for the target's byte order:
// clang's plain `-target bpf` is the host's, which bpf-linker refuses in a bpfeb link.
use std::{env, path::PathBuf, process::Command};

fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("shared.bc");
    let clang = env::var("CLANG").unwrap_or_else(|_| "/usr/lib/llvm-22/bin/clang".into());
    let target = match env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() {
        Ok("big") => "bpfeb",
        _ => "bpfel",
    };
    let status = Command::new(clang)
        .args(["-target", target, "-O2", "-g", "-emit-llvm", "-c", "src/shared.c", "-o"])
        .arg(&out)
        .status()
        .expect("clang-22 runs");
    assert!(status.success(), "clang-22 failed on src/shared.c");
    println!("cargo:rustc-link-arg={}", out.display());
    println!("cargo:rerun-if-changed=src/shared.c");
}
