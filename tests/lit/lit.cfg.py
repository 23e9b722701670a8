# lit configuration for bpf-linker's behaviour tests. Parameters (--param NAME=VALUE):
#   bpf_linker  the linker under test        toolchain  the assembled toolchain directory
#   llvm_bin    LLVM 22's tools              rustc      the real rustc behind the toolchain
#   run_raw_tp  tests/co-re's runner: loads an object with libbpf, runs a raw tracepoint program
import os
import lit.formats

config.name = "bpf-linker"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test", ".ll", ".c", ".rs"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)

params = lit_config.params
linker = params.get("bpf_linker")
toolchain = params.get("toolchain")
llvm_bin = params.get("llvm_bin", "/usr/lib/llvm-22/bin")
rustc = params.get("rustc", "/usr/bin/rustc")
run_raw_tp = params.get("run_raw_tp", "run-raw-tp")
if not linker or not toolchain:
    lit_config.fatal("run through ctest, or pass --param bpf_linker=... --param toolchain=...")

config.environment["PATH"] = os.pathsep.join(
    [llvm_bin, "/usr/sbin", "/usr/bin", "/bin", "/sbin"])
for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "HOME"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

inputs = os.path.join(config.test_source_root, "Inputs")
# Rust fixtures: the real rustc with the toolchain's prebuilt core, linked by the linker under test.
rustc_bpf = (f"{rustc} --sysroot {toolchain} --target bpfel-unknown-none --edition 2021 "
             f"-C panic=abort -C linker={linker} "
             f"--crate-type bin")
config.substitutions += [
    ("%bpf-linker", linker),
    ("%clang-bpf", f"{llvm_bin}/clang -target bpf -O2 -g0"),
    ("%clang", f"{llvm_bin}/clang"),
    ("%rustc-bpf", rustc_bpf),
    ("%rustc", f"{rustc} --sysroot {toolchain} --target bpfel-unknown-none --edition 2021 -C panic=abort"),
    ("%toolchain", toolchain),
    ("%btf2rust", os.path.join(toolchain, "bin", "btf2rust")),
    ("%inputs", inputs),
    ("%programs", os.path.join(config.test_source_root, "..", "programs")),
    ("%load", os.path.join(inputs, "load")),
    ("%run-raw-tp", run_raw_tp),
]
config.available_features.add("bpf-syscall") if os.path.exists("/sys/fs/bpf") else None
