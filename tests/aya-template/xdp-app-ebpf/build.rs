// As aya's template: rebuild when the linker changes, which needs bpf-linker on PATH
// (the template's `which("bpf-linker").unwrap()`).
use std::{env, path::PathBuf};

fn main() {
    let linker = env::var_os("PATH")
        .and_then(|path| {
            env::split_paths(&path)
                .map(|dir| dir.join("bpf-linker"))
                .find(|candidate| candidate.is_file())
        })
        .map(PathBuf::from)
        .expect("CannotFindBinaryPath: bpf-linker is not on PATH");
    println!("cargo:rerun-if-changed={}", linker.display());
    println!("cargo::rustc-check-cfg=cfg(bpf_target_arch, values(\"x86_64\", \"aarch64\", \"s390x\"))");
}
