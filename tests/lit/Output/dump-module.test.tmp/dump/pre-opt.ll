; ModuleID = 'bpf-linker'
source_filename = "bpf-linker"
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "bpfel"

define i32 @prog(i32 %x) section "xdp" {
  %r = call i32 @bpf_kfunc_example(i32 %x)
  ret i32 %r
}

declare i32 @bpf_kfunc_example(i32) section ".ksyms"
