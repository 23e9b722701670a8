; What the BPF backend refuses, lowered before code generation (lower.c): signed division and
; remainder below v4, 128-bit multiplication, variable shifts, division and remainder at every
; level, sret on functions that are not exported, and more than five argument registers.
; (tests/programs/idioms runs the same idioms from Rust against the host's results.)
; RUN: rm -rf %t && mkdir -p %t/v1 %t/v4
; RUN: %bpf-linker %s --cpu v1 --export-symbols %S/Inputs/lower-arith.syms --dump-module %t/v1 --emit asm,obj -o %t/v1/out
; RUN: not grep -E '= (sdiv|srem|mul i128|mul nuw i128)|(shl|lshr|ashr) i128 %[^,]+, %|sret|six\(' %t/v1/post-opt.ll
; RUN: FileCheck --check-prefix=V1 %s < %t/v1/post-opt.ll
; V1-DAG: define internal void @bpf_linker.udivmod128(i128 %n, i128 %d, ptr %out)
; V1-DAG: call void @bpf_linker.udivmod128(
; V1-DAG: udiv i64
; V1-DAG: urem i32
; V1-DAG: call fastcc void @make(ptr {{(noalias )?}}align 8 %t, i64 %x)
; RUN: not grep -E 's/=|s%=|__multi3|__udivti3|__divti3|__ashlti3|__lshrti3|__ashrti3' %t/v1/out.s
; The link-time pipeline (this IR has no optnone function) may drop sret by itself; the whole
; per-module one, which -O1 runs, leaves it to the linker.
; RUN: mkdir -p %t/o1 && %bpf-linker %s -O1 --cpu v1 --export-symbols %S/Inputs/lower-arith.syms --dump-module %t/o1 -o %t/o1/out.o
; RUN: not grep sret %t/o1/post-opt.ll
; RUN: %bpf-linker %s --cpu v4 --export-symbols %S/Inputs/lower-arith.syms --dump-module %t/v4 --emit asm -o %t/v4/out.s
; RUN: FileCheck --check-prefix=V4 %s < %t/v4/out.s
; V4-DAG: s/= r
; V4-DAG: s%= w
; RUN: grep -q '= sdiv i64' %t/v4/post-opt.ll
target triple = "bpfel"

define i64 @sdiv64(i64 %a, i64 %b) {
  %r = sdiv i64 %a, %b
  ret i64 %r
}

define i32 @srem32(i32 %a, i32 %b) {
  %r = srem i32 %a, %b
  ret i32 %r
}

define void @wide(ptr %p, i64 %s) {
  %a = load i128, ptr %p
  %q = getelementptr i8, ptr %p, i64 16
  %b = load i128, ptr %q
  %m = mul i128 %a, %b
  %s.w = zext i64 %s to i128
  %s.m = and i128 %s.w, 127
  %l = shl i128 %m, %s.m
  %r = lshr i128 %l, %s.m
  %ar = ashr i128 %r, %s.m
  %ud = udiv i128 %ar, %b
  %sd = sdiv i128 %ud, %a
  %ur = urem i128 %sd, %b
  %sr = srem i128 %ur, %a
  store i128 %sr, ptr %p
  ret void
}

%triple = type { i64, i64, i64 }

define internal void @make(ptr sret(%triple) align 8 %out, i64 %x) noinline {
  store i64 %x, ptr %out
  %y = getelementptr i8, ptr %out, i64 8
  store i64 %x, ptr %y
  %z = getelementptr i8, ptr %out, i64 16
  store i64 %x, ptr %z
  ret void
}

define internal i64 @six(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f) noinline {
  %1 = xor i64 %a, %b
  %2 = mul i64 %1, %c
  %3 = sub i64 %2, %d
  %4 = udiv i64 %3, %e
  %5 = add i64 %4, %f
  ret i64 %5
}

define i64 @calls(ptr %p, i64 %x) {
  %t = alloca %triple, align 8
  call void @make(ptr sret(%triple) align 8 %t, i64 %x)
  %v = load volatile i64, ptr %t
  %a = load i64, ptr %p
  %w = call i64 @six(i64 %a, i64 %x, i64 %v, i64 3, i64 %a, i64 %x)
  ret i64 %w
}
