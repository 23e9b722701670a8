target triple = "bpfel"
define weak ptr @memcpy(ptr %d, ptr %s, i64 %n) {
  ret ptr %d
}
define i32 @prog(i32 %x) section "xdp" {
  ret i32 %x
}
define void @copy(ptr %d, ptr %s, i64 %n) section "xdp" {
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  ret void
}
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
