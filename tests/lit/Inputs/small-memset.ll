; A volatile 16-byte memset: the BPF backend expands it inline unless told to keep memset calls
; (--bpf-expand-memcpy-in-order given to LLVM directly), when it becomes a call to memset.
target triple = "bpfel"

@buf = global [16 x i8] zeroinitializer
@LICENSE = global [4 x i8] c"GPL\00", section "license"

define i32 @prog(ptr %ctx) section "xdp" {
  call void @llvm.memset.p0.i64(ptr @buf, i8 1, i64 16, i1 true)
  %v = load volatile i8, ptr @buf
  %r = zext i8 %v to i32
  ret i32 %r
}

declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
