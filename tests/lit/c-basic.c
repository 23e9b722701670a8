// A C program from clang-22 bitcode links, keeps only exports global, and loads.
// RUN: %clang-bpf -emit-llvm -c %inputs/xdp.c -o %t.xdp.bc
// RUN: %clang-bpf -emit-llvm -c %inputs/helper.c -o %t.helper.bc
// RUN: %bpf-linker %t.xdp.bc %t.helper.bc --export xdp_c,LICENSE -o %t.o
// RUN: llvm-readelf -s %t.o > %t.syms
// RUN: FileCheck %s < %t.syms
// RUN: not grep helper %t.syms
// RUN: python3 -c "open('%t.short', 'wb').write(bytes(64)); open('%t.long', 'wb').write(bytes(128))"
// RUN: %load %t.o %t.short 2 %t.long 42
// CHECK-DAG: GLOBAL DEFAULT {{.*}} xdp_c
// CHECK-DAG: GLOBAL DEFAULT {{.*}} LICENSE
