// Pulling only the archive members that are needed gives the same program as linking every
// member of core and compiler_builtins and removing dead code, in dev and release.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--log-level=info -C link-arg=--log-file=%t/log %programs/panic-index/src/main.rs -o %t/lazy
// RUN: FileCheck --check-prefix=LOG %s < %t/log
// LOG-DAG: symbols.o: skipped: BPF object that defines nothing (3 undefined symbols kept as roots)
// LOG-DAG: libcore-{{[0-9a-f]+}}.rlib(lib.rmeta): skipped: Rust metadata, no code
// LOG-DAG: libcompiler_builtins-{{[0-9a-f]+}}.rlib(lib.rmeta): skipped: Rust metadata, no code
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--whole-archive %programs/panic-index/src/main.rs -o %t/whole
// RUN: cmp %t/lazy %t/whole
// RUN: %rustc-bpf -C opt-level=0 %programs/panic-index/src/main.rs -o %t/lazy-dev
// RUN: %rustc-bpf -C opt-level=0 -C link-arg=--whole-archive %programs/panic-index/src/main.rs -o %t/whole-dev
// RUN: cmp %t/lazy-dev %t/whole-dev
// RUN: %load %t/lazy
