// Pulling only the archive members that are needed gives the same program as linking every
// member of core and compiler_builtins and removing dead code, in dev and release.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %rustc-bpf -C opt-level=3 %programs/panic-index/src/main.rs -o %t/lazy
// RUN: %rustc-bpf -C opt-level=3 -C link-arg=--whole-archive %programs/panic-index/src/main.rs -o %t/whole
// RUN: cmp %t/lazy %t/whole
// RUN: %rustc-bpf -C opt-level=0 %programs/panic-index/src/main.rs -o %t/lazy-dev
// RUN: %rustc-bpf -C opt-level=0 -C link-arg=--whole-archive %programs/panic-index/src/main.rs -o %t/whole-dev
// RUN: cmp %t/lazy-dev %t/whole-dev
// RUN: %load %t/lazy
