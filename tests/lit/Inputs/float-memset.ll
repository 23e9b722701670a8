; Floating point, which code generation reports, beside a volatile memset it keeps as a call when
; LLVM is told to (memory-builtins.test: the error is said once, not again on a second link).
target triple = "bpfel"

@buf = global [16 x i8] zeroinitializer

define i64 @prog(i64 %a, i64 %b) section "xdp" {
  call void @llvm.memset.p0.i64(ptr @buf, i8 1, i64 16, i1 true)
  %x = uitofp i64 %a to float
  %y = uitofp i64 %b to float
  %m = fmul float %x, %y
  %r = fptoui float %m to i64
  ret i64 %r
}

declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
