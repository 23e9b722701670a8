// A build script runs on the host: the toolchain's host std must work beside the BPF core.
fn main() {
    println!("cargo:rustc-env=DEPS_BONUS=4");
    println!("cargo:rerun-if-changed=build.rs");
}
