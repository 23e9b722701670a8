; No byte order: a plain "bpf" triple and no data layout (target.test).
target triple = "bpf"

define i32 @f(i32 %x) {
  ret i32 %x
}
