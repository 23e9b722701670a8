; A 128-bit multiply: code generation reports that __multi3 is not supported (fatal-errors.test).
target triple = "bpfel"
define i64 @prog(i64 %a, i64 %b) section "xdp" {
  %x = zext i64 %a to i128
  %y = zext i64 %b to i128
  %m = mul i128 %x, %y
  %h = lshr i128 %m, 64
  %r = trunc i128 %h to i64
  ret i64 %r
}
