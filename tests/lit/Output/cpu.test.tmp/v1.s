	.file	"bpf-linker"
	.text
	.globl	cmp
	.p2align	3
	.type	cmp,@function
cmp:
.Lcmp$local:
	.type	.Lcmp$local,@function
	r0 = r1
	r0 *= 3
	r3 = r1
	r3 <<= 32
	r3 >>= 32
	r4 = r2
	r4 <<= 32
	r4 >>= 32
	if r4 > r3 goto LBB0_2
	r2 += r1
	r0 = r2
LBB0_2:
	exit
.Lfunc_end0:
	.size	cmp, .Lfunc_end0-cmp
	.size	.Lcmp$local, .Lfunc_end0-cmp

