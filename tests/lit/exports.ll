; --export and --export-symbols keep symbols global; everything else is internal or gone.
; RUN: printf 'kept_by_file\n' > %t.syms
; RUN: %bpf-linker %s --export kept_by_flag --export-symbols %t.syms --disable-memory-builtins --emit asm -o %t.s
; RUN: FileCheck %s < %t.s
; RUN: not grep -E 'dropped|(globl|weak)[[:space:]]+internal_helper' %t.s
; CHECK-DAG: .globl kept_by_flag
; CHECK-DAG: .globl kept_by_file
; CHECK-DAG: internal_helper:
target triple = "bpfel"

define i32 @kept_by_flag(i32 %x) {
  %r = call i32 @internal_helper(i32 %x)
  ret i32 %r
}
define i32 @kept_by_file() {
  ret i32 7
}
define i32 @internal_helper(i32 %x) noinline {
  %y = mul i32 %x, 3
  ret i32 %y
}
define i32 @dropped() {
  ret i32 1
}
