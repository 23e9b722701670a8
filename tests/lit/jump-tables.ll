; v4's jump tables (gotox and a .jumptables section) are refused by the libbpf and kernels users
; run (Debian 13's libbpf on 6.12: "bad map relo against 'BPF.JT.0.0'"): a switch stays branches
; unless --llvm-args=--disable-gotox=false asks for them. (kernel-6.12 loads and runs a v4 build of
; tests/programs/idioms, whose match would otherwise be a jump table.)
; RUN: %bpf-linker %s --cpu v4 --export prog -o %t.o
; RUN: llvm-readelf -S %t.o > %t.sections
; RUN: not grep -q jumptables %t.sections
; RUN: llvm-objdump -d %t.o | not grep -q gotox
; RUN: %bpf-linker %s --cpu v4 --export prog --llvm-args=--disable-gotox=false -o %t.jt.o
; RUN: llvm-readelf -S %t.jt.o | grep -q jumptables
target triple = "bpfel"
@g0 = global i64 0
@g1 = global i64 0
@g2 = global i64 0
@g3 = global i64 0
@g4 = global i64 0
@g5 = global i64 0
@g6 = global i64 0
@g7 = global i64 0
@g8 = global i64 0
@g9 = global i64 0
@g10 = global i64 0
@g11 = global i64 0
@g12 = global i64 0
@g13 = global i64 0
@g14 = global i64 0
@g15 = global i64 0
@g16 = global i64 0
@g17 = global i64 0
@g18 = global i64 0
@g19 = global i64 0
@g20 = global i64 0
@g21 = global i64 0
@g22 = global i64 0
@g23 = global i64 0
define i64 @prog(ptr %ctx) section "xdp" {
  %x = load i64, ptr %ctx
  switch i64 %x, label %d [
    i64 0, label %c0
    i64 1, label %c1
    i64 2, label %c2
    i64 3, label %c3
    i64 4, label %c4
    i64 5, label %c5
    i64 6, label %c6
    i64 7, label %c7
    i64 8, label %c8
    i64 9, label %c9
    i64 10, label %c10
    i64 11, label %c11
    i64 12, label %c12
    i64 13, label %c13
    i64 14, label %c14
    i64 15, label %c15
    i64 16, label %c16
    i64 17, label %c17
    i64 18, label %c18
    i64 19, label %c19
    i64 20, label %c20
    i64 21, label %c21
    i64 22, label %c22
    i64 23, label %c23 ]
c0:
  store volatile i64 3, ptr @g0
  br label %d
c1:
  store volatile i64 10, ptr @g1
  br label %d
c2:
  store volatile i64 17, ptr @g2
  br label %d
c3:
  store volatile i64 24, ptr @g3
  br label %d
c4:
  store volatile i64 31, ptr @g4
  br label %d
c5:
  store volatile i64 38, ptr @g5
  br label %d
c6:
  store volatile i64 45, ptr @g6
  br label %d
c7:
  store volatile i64 52, ptr @g7
  br label %d
c8:
  store volatile i64 59, ptr @g8
  br label %d
c9:
  store volatile i64 66, ptr @g9
  br label %d
c10:
  store volatile i64 73, ptr @g10
  br label %d
c11:
  store volatile i64 80, ptr @g11
  br label %d
c12:
  store volatile i64 87, ptr @g12
  br label %d
c13:
  store volatile i64 94, ptr @g13
  br label %d
c14:
  store volatile i64 101, ptr @g14
  br label %d
c15:
  store volatile i64 108, ptr @g15
  br label %d
c16:
  store volatile i64 115, ptr @g16
  br label %d
c17:
  store volatile i64 122, ptr @g17
  br label %d
c18:
  store volatile i64 129, ptr @g18
  br label %d
c19:
  store volatile i64 136, ptr @g19
  br label %d
c20:
  store volatile i64 143, ptr @g20
  br label %d
c21:
  store volatile i64 150, ptr @g21
  br label %d
c22:
  store volatile i64 157, ptr @g22
  br label %d
c23:
  store volatile i64 164, ptr @g23
  br label %d
d:
  ret i64 2
}
@LICENSE = global [4 x i8] c"GPL\00", section "license"
