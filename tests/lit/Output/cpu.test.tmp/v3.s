	.file	"bpf-linker"
	.text
	.globl	cmp
	.p2align	3
	.type	cmp,@function
cmp:
.Lcmp$local:
	.type	.Lcmp$local,@function
	w0 = w1
	w0 *= 3
	if w1 < w2 goto LBB0_2
	w2 += w1
	w0 = w2
LBB0_2:
	exit
.Lfunc_end0:
	.size	cmp, .Lfunc_end0-cmp
	.size	.Lcmp$local, .Lfunc_end0-cmp

