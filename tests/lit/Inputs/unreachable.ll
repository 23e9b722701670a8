; A program that cannot return: an unreachable LLVM lowers to a call to __bpf_trap only with
; --allow-bpf-trap (llvm-args.test).
target triple = "bpfel"

define i32 @prog(ptr %ctx) section "xdp" {
  unreachable
}
