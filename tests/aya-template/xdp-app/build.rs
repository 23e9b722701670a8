// What aya_build::build_ebpf([xdp-app-ebpf], Toolchain::Custom(TOOLCHAIN)) does: ask the
// toolchain's rustc for its channel (build-std only on nightly), build the eBPF crate with
// `rustup run TOOLCHAIN cargo build ... --message-format=json`, and take the object from cargo's
// JSON messages. TOOLCHAIN is "bpf" unless XDP_APP_TOOLCHAIN names another.
use std::{
    env, fs,
    path::{Path, PathBuf},
    process::Command,
};

fn main() {
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let toolchain = env::var("XDP_APP_TOOLCHAIN").unwrap_or_else(|_| "bpf".into());
    println!("cargo:rerun-if-env-changed=XDP_APP_TOOLCHAIN");
    let endian = env::var("CARGO_CFG_TARGET_ENDIAN").expect("CARGO_CFG_TARGET_ENDIAN");
    let target = match endian.as_str() {
        "big" => "bpfeb-unknown-none",
        "little" => "bpfel-unknown-none",
        other => panic!("unsupported endian {other}"),
    };
    let arch = env::var("CARGO_CFG_TARGET_ARCH").expect("CARGO_CFG_TARGET_ARCH");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../xdp-app-ebpf");
    println!("cargo:rerun-if-changed={}", root.display());

    let version = Command::new("rustup")
        .args(["run", &toolchain, "rustc", "-vV"])
        .output()
        .expect("rustup runs");
    assert!(version.status.success(), "rustup run {toolchain} rustc -vV failed");
    let version = String::from_utf8_lossy(&version.stdout);
    let nightly = version.lines().any(|l| l.starts_with("release: ") && l.contains("nightly"));

    let mut cmd = Command::new("rustup");
    cmd.args(["run", &toolchain, "cargo", "build", "--package", "xdp-app-ebpf"]);
    if nightly {
        cmd.args(["-Z", "build-std=core"]);
    }
    cmd.args(["--bins", "--message-format=json", "--release", "--target", target]);
    let flags = [format!("--cfg=bpf_target_arch=\"{arch}\""), "-Cdebuginfo=2".into(), "-Clink-arg=--btf".into()];
    cmd.env("CARGO_ENCODED_RUSTFLAGS", flags.join("\x1f"));
    for key in ["RUSTC", "RUSTC_WORKSPACE_WRAPPER"] {
        cmd.env_remove(key);
    }
    cmd.arg("--target-dir").arg(out_dir.join("xdp-app-ebpf"));
    cmd.current_dir(&root);
    let output = cmd.output().expect("rustup run cargo build");
    if !output.status.success() {
        panic!("building xdp-app-ebpf failed:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let executable = stdout
        .lines()
        .filter(|l| l.contains("\"reason\":\"compiler-artifact\""))
        .find_map(|l| json_string(l, "executable"))
        .expect("cargo reported no executable for xdp-app-ebpf");
    // Under the binary's name (the eBPF crate's bin is named like the project), as aya-build does.
    let name = Path::new(&executable).file_name().expect("a file name");
    fs::copy(&executable, out_dir.join(name)).expect("copy the object");
    println!("cargo:warning=xdp-app-ebpf built: {executable} (build-std: {nightly})");
}

/// The string value of KEY in one line of cargo's JSON (no serde here: crates.io is not needed).
fn json_string(line: &str, key: &str) -> Option<String> {
    let start = line.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let mut value = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}
