; Floating point: code generation reports that __mulsf3 is not supported (fatal-errors.test).
target triple = "bpfel"
define i64 @prog(i64 %a, i64 %b) section "xdp" {
  %x = uitofp i64 %a to float
  %y = uitofp i64 %b to float
  %m = fmul float %x, %y
  %r = fptoui float %m to i64
  ret i64 %r
}
