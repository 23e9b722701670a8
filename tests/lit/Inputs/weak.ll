target triple = "bpf"
define weak i32 @helper(i32 %x) {
  ret i32 42
}
