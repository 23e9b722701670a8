target triple = "bpfel"
declare i32 @bpf_kfunc_example(i32) section ".ksyms"
define i32 @prog(i32 %x) section "xdp" {
  %r = call i32 @bpf_kfunc_example(i32 %x)
  ret i32 %r
}
