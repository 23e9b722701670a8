// A C program from clang-22 bitcode links, keeps only exports global, and loads.
// RUN: %clang-bpf -emit-llvm -c %inputs/xdp.c -o %t.xdp.bc
// RUN: %clang-bpf -emit-llvm -c %inputs/helper.c -o %t.helper.bc
// RUN: %bpf-linker %t.xdp.bc %t.helper.bc --export xdp_c,LICENSE -o %t.o
// RUN: llvm-readelf -s %t.o | FileCheck %s
// RUN: %load %t.o
// CHECK-DAG: GLOBAL DEFAULT {{.*}} xdp_c
// CHECK-DAG: GLOBAL DEFAULT {{.*}} LICENSE
// CHECK-NOT: unused_helper
