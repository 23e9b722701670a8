	.file	"bpf-linker"
	.text
	.globl	helper
	.p2align	3
	.type	helper,@function
helper:
.Lhelper$local:
	.type	.Lhelper$local,@function
	r0 = r1
	r0 += 1
	exit
.Lfunc_end0:
	.size	helper, .Lfunc_end0-helper
	.size	.Lhelper$local, .Lfunc_end0-helper

