; A function named like the linker's panic marker (reserved-name.test): global here, local with
; sed's help.
target triple = "bpfel"

define i32 @"bpf_linker.panic"(i32 %x) noinline {
  ret i32 %x
}

define i32 @prog(ptr %ctx) section "xdp" {
  %r = call i32 @"bpf_linker.panic"(i32 2)
  ret i32 %r
}

@LICENSE = global [4 x i8] c"GPL\00", section "license"
