/* lower: after optimisation, rewrite in IR what LLVM's BPF backend refuses but the linker,
 * seeing the whole program, can express with what BPF has:
 * - 128-bit division and remainder (libcalls __udivti3 ...): a call of the linker's own helper;
 * - 128-bit multiplication and shifts by a variable amount (libcalls __multi3, __ashlti3 ...):
 *   64-bit operations on the two halves;
 * - signed division and remainder on CPUs before v4 (no sdiv/smod): unsigned division of the
 *   absolute values, the sign put back afterwards (the same result, MIN / -1 included);
 * - values returned through a pointer (sret) from functions that are not exported: the pointer
 *   to the caller's stack stays, only the attribute the backend refuses goes.
 * What no rewrite can give BPF (recursion, a call through a pointer known only at run time) is
 * refused here, naming the Rust function, rather than by the verifier. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>

#include "demangle.h"
#include "diag.h"
#include "link.h"
#include "lower.h"
#include "ptrset.h"
#include "translate.h"

/* 128-bit division for the BPF VM, linked into the module when it divides 128-bit values: the
 * quotient's 32-bit digits estimated with 64-bit udiv and corrected at most twice each (Knuth's
 * algorithm D), branches but no loop, so the verifier walks it quickly. Its 128-bit shifts and
 * multiplications are lowered like the program's. */
static const char udivmod128_ir[] =
	"; (u1:u0) / v for u1 < v, v != 0: the quotient, the remainder through %rem. Two 32-bit digits,\n"
	"; each estimated with a 64-bit udiv and corrected at most twice (Knuth's algorithm D).\n"
	"define i64 @bpf_linker.divlu(i64 %u1, i64 %u0, i64 %v0, ptr %rem) #0 {\n"
	"entry:\n"
	"  %s = call i64 @llvm.ctlz.i64(i64 %v0, i1 false)\n"
	"  %v = shl i64 %v0, %s\n"
	"  %back = sub i64 63, %s\n"
	"  %u0top = lshr i64 %u0, %back\n"
	"  %carry = lshr i64 %u0top, 1\n"
	"  %u1s = shl i64 %u1, %s\n"
	"  %un32 = or i64 %u1s, %carry\n"
	"  %un10 = shl i64 %u0, %s\n"
	"  %vn1 = lshr i64 %v, 32\n"
	"  %vn0 = and i64 %v, 4294967295\n"
	"  %un1 = lshr i64 %un10, 32\n"
	"  %un0 = and i64 %un10, 4294967295\n"
	"  %q1e = udiv i64 %un32, %vn1\n"
	"  %q1p = mul i64 %q1e, %vn1\n"
	"  %r1e = sub i64 %un32, %q1p\n"
	"  %q1 = call i64 @bpf_linker.digit(i64 %q1e, i64 %r1e, i64 %vn1, i64 %vn0, i64 %un1)\n"
	"  %un32b = shl i64 %un32, 32\n"
	"  %un21a = add i64 %un32b, %un1\n"
	"  %q1v = mul i64 %q1, %v\n"
	"  %un21 = sub i64 %un21a, %q1v\n"
	"  %q0e = udiv i64 %un21, %vn1\n"
	"  %q0p = mul i64 %q0e, %vn1\n"
	"  %r0e = sub i64 %un21, %q0p\n"
	"  %q0 = call i64 @bpf_linker.digit(i64 %q0e, i64 %r0e, i64 %vn1, i64 %vn0, i64 %un0)\n"
	"  %un21b = shl i64 %un21, 32\n"
	"  %rema = add i64 %un21b, %un0\n"
	"  %q0v = mul i64 %q0, %v\n"
	"  %remn = sub i64 %rema, %q0v\n"
	"  %r = lshr i64 %remn, %s\n"
	"  store i64 %r, ptr %rem\n"
	"  %q1h = shl i64 %q1, 32\n"
	"  %q = add i64 %q1h, %q0\n"
	"  ret i64 %q\n"
	"}\n"
	"\n"
	"; One estimated digit Q (remainder RHAT) made exact: too big while Q >= 2^32 or\n"
	"; Q * VN0 > RHAT * 2^32 + UN; never more than twice.\n"
	"define i64 @bpf_linker.digit(i64 %q, i64 %rhat, i64 %vn1, i64 %vn0, i64 %un) #1 {\n"
	"entry:\n"
	"  %big1 = icmp uge i64 %q, 4294967296\n"
	"  %lhs1 = mul i64 %q, %vn0\n"
	"  %rh1 = shl i64 %rhat, 32\n"
	"  %rhs1 = add i64 %rh1, %un\n"
	"  %over1 = icmp ugt i64 %lhs1, %rhs1\n"
	"  %c1 = or i1 %big1, %over1\n"
	"  %qd1 = sub i64 %q, 1\n"
	"  %ra1 = add i64 %rhat, %vn1\n"
	"  %q2 = select i1 %c1, i64 %qd1, i64 %q\n"
	"  %rhat2 = select i1 %c1, i64 %ra1, i64 %rhat\n"
	"  %small = icmp ult i64 %rhat2, 4294967296\n"
	"  %big2 = icmp uge i64 %q2, 4294967296\n"
	"  %lhs2 = mul i64 %q2, %vn0\n"
	"  %rh2 = shl i64 %rhat2, 32\n"
	"  %rhs2 = add i64 %rh2, %un\n"
	"  %over2 = icmp ugt i64 %lhs2, %rhs2\n"
	"  %c2a = or i1 %big2, %over2\n"
	"  %c2b = and i1 %c2a, %small\n"
	"  %c2 = and i1 %c2b, %c1\n"
	"  %qd2 = sub i64 %q2, 1\n"
	"  %q3 = select i1 %c2, i64 %qd2, i64 %q2\n"
	"  ret i64 %q3\n"
	"}\n"
	"\n"
	"; N / D and N % D (D != 0) into OUT[0] and OUT[1].\n"
	"define void @bpf_linker.udivmod128(i128 %n, i128 %d, ptr %out) #0 {\n"
	"entry:\n"
	"  %nlo = trunc i128 %n to i64\n"
	"  %nhi.w = lshr i128 %n, 64\n"
	"  %nhi = trunc i128 %nhi.w to i64\n"
	"  %dlo = trunc i128 %d to i64\n"
	"  %dhi.w = lshr i128 %d, 64\n"
	"  %dhi = trunc i128 %dhi.w to i64\n"
	"  %rem = alloca i64, align 8\n"
	"  %narrow = icmp eq i64 %dhi, 0\n"
	"  br i1 %narrow, label %by64, label %by128\n"
	"\n"
	"by64:                                   ; high quotient digit by udiv, low one by divlu\n"
	"  %qhi = udiv i64 %nhi, %dlo\n"
	"  %qhid = mul i64 %qhi, %dlo\n"
	"  %k = sub i64 %nhi, %qhid\n"
	"  %qlo = call i64 @bpf_linker.divlu(i64 %k, i64 %nlo, i64 %dlo, ptr %rem)\n"
	"  %r64 = load i64, ptr %rem, align 8\n"
	"  %qlo.w = zext i64 %qlo to i128\n"
	"  %qhi.w = zext i64 %qhi to i128\n"
	"  %qhi.s = shl i128 %qhi.w, 64\n"
	"  %q64 = or i128 %qhi.s, %qlo.w\n"
	"  %r64.w = zext i64 %r64 to i128\n"
	"  br label %done\n"
	"\n"
	"by128:                                  ; the quotient fits in 64 bits: estimate, then fix by one\n"
	"  %s = call i64 @llvm.ctlz.i64(i64 %dhi, i1 false)\n"
	"  %s.w = zext i64 %s to i128\n"
	"  %dn.w = shl i128 %d, %s.w\n"
	"  %v1.w = lshr i128 %dn.w, 64\n"
	"  %v1 = trunc i128 %v1.w to i64\n"
	"  %n1 = lshr i128 %n, 1\n"
	"  %n1lo = trunc i128 %n1 to i64\n"
	"  %n1hi.w = lshr i128 %n1, 64\n"
	"  %n1hi = trunc i128 %n1hi.w to i64\n"
	"  %q1 = call i64 @bpf_linker.divlu(i64 %n1hi, i64 %n1lo, i64 %v1, ptr %rem)\n"
	"  %back = sub i64 63, %s\n"
	"  %q0e = lshr i64 %q1, %back\n"
	"  %nz = icmp ne i64 %q0e, 0\n"
	"  %q0d = sub i64 %q0e, 1\n"
	"  %q0 = select i1 %nz, i64 %q0d, i64 %q0e\n"
	"  %q0.w = zext i64 %q0 to i128\n"
	"  %prod = mul i128 %q0.w, %d\n"
	"  %t = sub i128 %n, %prod\n"
	"  %ge = icmp uge i128 %t, %d\n"
	"  %q0i = add i128 %q0.w, 1\n"
	"  %td = sub i128 %t, %d\n"
	"  %q128 = select i1 %ge, i128 %q0i, i128 %q0.w\n"
	"  %r128 = select i1 %ge, i128 %td, i128 %t\n"
	"  br label %done\n"
	"\n"
	"done:\n"
	"  %q = phi i128 [ %q64, %by64 ], [ %q128, %by128 ]\n"
	"  %r = phi i128 [ %r64.w, %by64 ], [ %r128, %by128 ]\n"
	"  store i128 %q, ptr %out, align 8\n"
	"  %out.r = getelementptr inbounds i8, ptr %out, i64 16\n"
	"  store i128 %r, ptr %out.r, align 8\n"
	"  ret void\n"
	"}\n"
	"\n"
	"declare i64 @llvm.ctlz.i64(i64, i1)\n"
	"attributes #0 = { noinline nounwind }\n"
	"attributes #1 = { nounwind }\n";
static const char *const udivmod128_functions[] = {
	"bpf_linker.udivmod128", "bpf_linker.divlu", "bpf_linker.digit",
};

struct lowering {
	LLVMContextRef ctx;
	LLVMBuilderRef b;
	LLVMTypeRef i64;
	LLVMTypeRef i128;
	bool signed_division; /* the CPU lacks sdiv/smod */
	LLVMValueRef udivmod128;  /* the linked helper, once a 128-bit division needs it */
	LLVMTypeRef udivmod128_type;
	size_t divisions, wide, returns;
};

static LLVMValueRef c64(struct lowering *l, unsigned long long v)
{
	return LLVMConstInt(l->i64, v, false);
}

/* The halves of a 128-bit value; a zero-extended 64-bit value has a known zero high half. */
static void halves(struct lowering *l, LLVMValueRef v, LLVMValueRef *lo, LLVMValueRef *hi)
{
	if (LLVMIsAZExtInst(v) &&
	    LLVMGetIntTypeWidth(LLVMTypeOf(LLVMGetOperand(v, 0))) <= 64) {
		*lo = LLVMBuildZExt(l->b, LLVMGetOperand(v, 0), l->i64, "");
		*hi = c64(l, 0);
		return;
	}
	*lo = LLVMBuildTrunc(l->b, v, l->i64, "");
	*hi = LLVMBuildTrunc(l->b, LLVMBuildLShr(l->b, v, LLVMConstInt(l->i128, 64, false), ""),
			     l->i64, "");
}

static LLVMValueRef join(struct lowering *l, LLVMValueRef lo, LLVMValueRef hi)
{
	LLVMValueRef wide_hi = LLVMBuildShl(l->b, LLVMBuildZExt(l->b, hi, l->i128, ""),
					    LLVMConstInt(l->i128, 64, false), "");

	return LLVMBuildOr(l->b, LLVMBuildZExt(l->b, lo, l->i128, ""), wide_hi, "");
}

/* a * b, both 64-bit, as the full 128-bit product: four 32 x 32 products. */
static void mul_64x64(struct lowering *l, LLVMValueRef a, LLVMValueRef b, LLVMValueRef *lo,
		      LLVMValueRef *hi)
{
	LLVMValueRef mask = c64(l, 0xffffffffull), sh = c64(l, 32);
	LLVMValueRef a0 = LLVMBuildAnd(l->b, a, mask, ""), a1 = LLVMBuildLShr(l->b, a, sh, "");
	LLVMValueRef b0 = LLVMBuildAnd(l->b, b, mask, ""), b1 = LLVMBuildLShr(l->b, b, sh, "");
	LLVMValueRef p00 = LLVMBuildMul(l->b, a0, b0, ""), p01 = LLVMBuildMul(l->b, a0, b1, "");
	LLVMValueRef p10 = LLVMBuildMul(l->b, a1, b0, ""), p11 = LLVMBuildMul(l->b, a1, b1, "");
	LLVMValueRef mid = LLVMBuildAdd(l->b, LLVMBuildLShr(l->b, p00, sh, ""),
					LLVMBuildAnd(l->b, p01, mask, ""), "");

	mid = LLVMBuildAdd(l->b, mid, LLVMBuildAnd(l->b, p10, mask, ""), "");
	*lo = LLVMBuildOr(l->b, LLVMBuildAnd(l->b, p00, mask, ""), LLVMBuildShl(l->b, mid, sh, ""), "");
	*hi = LLVMBuildAdd(l->b, p11, LLVMBuildLShr(l->b, p01, sh, ""), "");
	*hi = LLVMBuildAdd(l->b, *hi, LLVMBuildLShr(l->b, p10, sh, ""), "");
	*hi = LLVMBuildAdd(l->b, *hi, LLVMBuildLShr(l->b, mid, sh, ""), "");
}

static LLVMValueRef lower_mul128(struct lowering *l, LLVMValueRef inst)
{
	LLVMValueRef al, ah, bl, bh, lo, hi;

	halves(l, LLVMGetOperand(inst, 0), &al, &ah);
	halves(l, LLVMGetOperand(inst, 1), &bl, &bh);
	mul_64x64(l, al, bl, &lo, &hi);
	/* The cross products only reach the high half (mod 2^128). */
	hi = LLVMBuildAdd(l->b, hi, LLVMBuildMul(l->b, ah, bl, ""), "");
	hi = LLVMBuildAdd(l->b, hi, LLVMBuildMul(l->b, al, bh, ""), "");
	return join(l, lo, hi);
}

/* A 128-bit shift by an amount known only at run time (0..127; more is poison in IR). Every
 * 64-bit shift below stays under 64: the select picks the lane whose amount is valid. */
static LLVMValueRef lower_shift128(struct lowering *l, LLVMValueRef inst, LLVMOpcode op)
{
	LLVMValueRef lo, hi, amount, m, big, back, carry, new_lo, new_hi;

	halves(l, LLVMGetOperand(inst, 0), &lo, &hi);
	amount = LLVMBuildTrunc(l->b, LLVMGetOperand(inst, 1), l->i64, "");
	m = LLVMBuildAnd(l->b, amount, c64(l, 63), "");
	big = LLVMBuildICmp(l->b, LLVMIntNE, LLVMBuildAnd(l->b, amount, c64(l, 64), ""), c64(l, 0), "");
	/* 64 - m would be 64 when m is 0: use 63 - m, then one more. */
	back = LLVMBuildSub(l->b, c64(l, 63), m, "");
	if (op == LLVMShl) {
		carry = LLVMBuildLShr(l->b, LLVMBuildLShr(l->b, lo, back, ""), c64(l, 1), "");
		new_hi = LLVMBuildOr(l->b, LLVMBuildShl(l->b, hi, m, ""), carry, "");
		new_lo = LLVMBuildShl(l->b, lo, m, "");
		new_hi = LLVMBuildSelect(l->b, big, new_lo, new_hi, "");
		new_lo = LLVMBuildSelect(l->b, big, c64(l, 0), new_lo, "");
	} else {
		LLVMValueRef fill;

		carry = LLVMBuildShl(l->b, LLVMBuildShl(l->b, hi, back, ""), c64(l, 1), "");
		new_lo = LLVMBuildOr(l->b, LLVMBuildLShr(l->b, lo, m, ""), carry, "");
		new_hi = op == LLVMAShr ? LLVMBuildAShr(l->b, hi, m, "") : LLVMBuildLShr(l->b, hi, m, "");
		fill = op == LLVMAShr ? LLVMBuildAShr(l->b, hi, c64(l, 63), "") : c64(l, 0);
		new_lo = LLVMBuildSelect(l->b, big, new_hi, new_lo, "");
		new_hi = LLVMBuildSelect(l->b, big, fill, new_hi, "");
	}
	return join(l, new_lo, new_hi);
}

/* A / B or A % B, unsigned: an instruction up to 64 bits, a call of the helper for 128 (its
 * results in a stack slot of the function, allocated in its entry block). */
static LLVMValueRef unsigned_divide(struct lowering *l, LLVMValueRef at, LLVMValueRef a,
				    LLVMValueRef b, bool remainder)
{
	LLVMValueRef fn, args[3], slot, part;
	LLVMBasicBlockRef entry;
	LLVMBuilderRef first;

	if (LLVMGetIntTypeWidth(LLVMTypeOf(a)) <= 64)
		return remainder ? LLVMBuildURem(l->b, a, b, "") : LLVMBuildUDiv(l->b, a, b, "");
	fn = LLVMGetBasicBlockParent(LLVMGetInstructionParent(at));
	entry = LLVMGetEntryBasicBlock(fn);
	first = LLVMCreateBuilderInContext(l->ctx);
	LLVMPositionBuilderBefore(first, LLVMGetFirstInstruction(entry));
	slot = LLVMBuildAlloca(first, LLVMArrayType2(l->i128, 2), "");
	LLVMSetAlignment(slot, 8);
	LLVMDisposeBuilder(first);
	args[0] = a;
	args[1] = b;
	args[2] = slot;
	LLVMBuildCall2(l->b, l->udivmod128_type, l->udivmod128, args, 3, "");
	part = LLVMBuildGEP2(l->b, LLVMInt8TypeInContext(l->ctx), slot,
			     (LLVMValueRef[]){ c64(l, remainder ? 16 : 0) }, 1, "");
	part = LLVMBuildLoad2(l->b, l->i128, part, "");
	LLVMSetAlignment(part, 8);
	return part;
}

/* sdiv/srem as unsigned division of the absolute values (x ^ s) - s with s = x >> (width-1). */
static LLVMValueRef lower_signed(struct lowering *l, LLVMValueRef inst, LLVMOpcode op)
{
	LLVMValueRef a = LLVMGetOperand(inst, 0), b = LLVMGetOperand(inst, 1);
	LLVMTypeRef type = LLVMTypeOf(a);
	LLVMValueRef top = LLVMConstInt(type, LLVMGetIntTypeWidth(type) - 1, false);
	LLVMValueRef sa = LLVMBuildAShr(l->b, a, top, ""), sb = LLVMBuildAShr(l->b, b, top, "");
	LLVMValueRef abs_a = LLVMBuildSub(l->b, LLVMBuildXor(l->b, a, sa, ""), sa, "");
	LLVMValueRef abs_b = LLVMBuildSub(l->b, LLVMBuildXor(l->b, b, sb, ""), sb, "");
	LLVMValueRef r, sign;

	r = unsigned_divide(l, inst, abs_a, abs_b, op == LLVMSRem);
	/* The quotient is negative when the signs differ, the remainder takes the dividend's. */
	sign = op == LLVMSDiv ? LLVMBuildXor(l->b, sa, sb, "") : sa;
	return LLVMBuildSub(l->b, LLVMBuildXor(l->b, r, sign, ""), sign, "");
}

static bool is_int(LLVMValueRef v, unsigned min_width, unsigned max_width)
{
	LLVMTypeRef t = LLVMTypeOf(v);
	unsigned width;

	if (LLVMGetTypeKind(t) != LLVMIntegerTypeKind)
		return false;
	width = LLVMGetIntTypeWidth(t);
	return width >= min_width && width <= max_width;
}

/* The replacement for INST, built before it, or NULL when it stays. */
static LLVMValueRef lower_instruction(struct lowering *l, LLVMValueRef inst)
{
	LLVMOpcode op = LLVMGetInstructionOpcode(inst);

	switch (op) {
	case LLVMMul:
		if (!is_int(inst, 128, 128))
			return NULL;
		l->wide++;
		return lower_mul128(l, inst);
	case LLVMShl:
	case LLVMLShr:
	case LLVMAShr:
		if (!is_int(inst, 128, 128) || LLVMIsAConstantInt(LLVMGetOperand(inst, 1)))
			return NULL;
		l->wide++;
		return lower_shift128(l, inst, op);
	case LLVMUDiv:
	case LLVMURem:
		if (!is_int(inst, 128, 128))
			return NULL;
		l->wide++;
		return unsigned_divide(l, inst, LLVMGetOperand(inst, 0), LLVMGetOperand(inst, 1),
				       op == LLVMURem);
	case LLVMSDiv:
	case LLVMSRem:
		if (is_int(inst, 128, 128)) {
			l->wide++;
			return lower_signed(l, inst, op);
		}
		if (!l->signed_division || !is_int(inst, 1, 64))
			return NULL;
		l->divisions++;
		return lower_signed(l, inst, op);
	default:
		return NULL;
	}
}

static void lower_function(struct lowering *l, LLVMValueRef fn)
{
	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
		LLVMValueRef inst = LLVMGetFirstInstruction(bb);

		while (inst) {
			LLVMValueRef next = LLVMGetNextInstruction(inst), with;

			LLVMPositionBuilderBefore(l->b, inst);
			LLVMSetCurrentDebugLocation2(l->b, LLVMInstructionGetDebugLoc(inst));
			with = lower_instruction(l, inst);
			if (with) {
				LLVMReplaceAllUsesWith(inst, with);
				LLVMInstructionEraseFromParent(inst);
			}
			inst = next;
		}
	}
}

/* A function that is not exported keeps its out pointer but loses sret, at its call sites too. */
static void drop_sret(struct lowering *l, LLVMValueRef fn)
{
	unsigned sret = LLVMGetEnumAttributeKindForName("sret", 4);
	unsigned count = LLVMCountParams(fn);

	if (LLVMGetLinkage(fn) != LLVMInternalLinkage && LLVMGetLinkage(fn) != LLVMPrivateLinkage)
		return;
	for (unsigned i = 0; i < count; i++) {
		if (!LLVMGetEnumAttributeAtIndex(fn, i + 1, sret))
			continue;
		LLVMRemoveEnumAttributeAtIndex(fn, i + 1, sret);
		l->returns++;
		for (LLVMUseRef u = LLVMGetFirstUse(fn); u; u = LLVMGetNextUse(u)) {
			LLVMValueRef user = LLVMGetUser(u);

			if (LLVMIsACallInst(user) && LLVMGetCalledValue(user) == fn)
				LLVMRemoveCallSiteEnumAttribute(user, i + 1, sret);
		}
	}
}

static bool has_wide_division(LLVMValueRef fn)
{
	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
		for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
			LLVMOpcode op = LLVMGetInstructionOpcode(i);

			if ((op == LLVMUDiv || op == LLVMSDiv || op == LLVMURem || op == LLVMSRem) &&
			    LLVMGetTypeKind(LLVMTypeOf(i)) == LLVMIntegerTypeKind &&
			    LLVMGetIntTypeWidth(LLVMTypeOf(i)) > 64)
				return true;
		}
	return false;
}

static int link_udivmod128(struct lowering *l, LLVMModuleRef module)
{
	int err = link_own_ir(module, udivmod128_ir, sizeof(udivmod128_ir) - 1, "128-bit division");

	if (err)
		return err;
	/* Defined global so that the IR linker takes them, internal from here on. */
	for (size_t i = 0; i < sizeof(udivmod128_functions) / sizeof(udivmod128_functions[0]); i++) {
		LLVMValueRef f = LLVMGetNamedFunction(module, udivmod128_functions[i]);

		if (!f) {
			diag_error(NULL, "the linker's 128-bit division was not linked");
			return -EINVAL;
		}
		LLVMSetLinkage(f, LLVMInternalLinkage);
	}
	l->udivmod128 = LLVMGetNamedFunction(module, "bpf_linker.udivmod128");
	l->udivmod128_type = LLVMGlobalGetValueType(l->udivmod128);
	return 0;
}

static const char *function_name(LLVMValueRef fn, char *out, size_t cap)
{
	size_t len;

	return demangle_or_keep(LLVMGetValueName2(fn, &len), out, cap);
}

/* The function FN calls directly at INST, or NULL (an intrinsic, inline asm, a helper number). */
static LLVMValueRef direct_callee(LLVMValueRef inst)
{
	LLVMValueRef callee;

	if (!LLVMIsACallInst(inst))
		return NULL;
	callee = LLVMGetCalledValue(inst);
	return LLVMIsAFunction(callee) && !LLVMIsDeclaration(callee) ? callee : NULL;
}

/* A depth-first walk over direct calls: the functions on the current path, and all entered. */
struct call_walk {
	LLVMValueRef *path;
	size_t len, cap;
	struct ptr_set entered;
};

static bool on_path(const struct call_walk *w, LLVMValueRef fn)
{
	for (size_t i = 0; i < w->len; i++)
		if (w->path[i] == fn)
			return true;
	return false;
}

/* A call back into the path is recursion: reported once, where the cycle closes. */
static int find_recursion(struct call_walk *w, LLVMValueRef fn)
{
	int err = 0, added = ptr_set_add(&w->entered, fn);

	if (added <= 0)
		return added; /* entered before (done, or on the path and seen there) */
	/* BPF allows 8 frames: a chain this deep fails to load whatever; bound the walk (and the C
	 * stack it uses) on hostile inputs. */
	if (w->len >= 4096)
		return 0;
	if (w->len == w->cap) {
		LLVMValueRef *grown = realloc(w->path, (w->cap ? 2 * w->cap : 64) * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		w->path = grown;
		w->cap = w->cap ? 2 * w->cap : 64;
	}
	w->path[w->len++] = fn;
	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb && !err; bb = LLVMGetNextBasicBlock(bb))
		for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i && !err; i = LLVMGetNextInstruction(i)) {
			LLVMValueRef callee = direct_callee(i);
			char name[512], other[512], where[512];
			const char *at;

			if (!callee)
				continue;
			if (!on_path(w, callee)) {
				err = find_recursion(w, callee);
				continue;
			}
			at = translate_function_location(callee, where, sizeof(where));
			if (callee == fn)
				diag_error(at, "%s calls itself, and BPF has no recursion (the verifier "
					       "refuses it): rewrite it as a bounded loop",
					   function_name(callee, name, sizeof(name)));
			else
				diag_error(at, "%s calls itself through %s, and BPF has no recursion (the "
					       "verifier refuses it): rewrite it as a bounded loop",
					   function_name(callee, name, sizeof(name)),
					   function_name(fn, other, sizeof(other)));
			err = -EINVAL;
		}
	w->len--;
	return err;
}

/* Calls through a pointer computed at run time: BPF calls only functions and helpers by number
 * (a constant: C's and aya's helper calls are calls of an integer cast to a pointer). */
static int check_indirect_calls(LLVMValueRef fn)
{
	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
		for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
			LLVMValueRef callee;
			char name[512], where[512];

			if (!LLVMIsACallInst(i))
				continue;
			callee = LLVMGetCalledValue(i);
			if (LLVMIsAFunction(callee) || LLVMIsAInlineAsm(callee) || LLVMIsConstant(callee))
				continue;
			diag_error(translate_function_location(fn, where, sizeof(where)),
				   "%s calls through a function pointer known only at run time, and BPF "
				   "has no indirect calls: call the functions directly (for example, match "
				   "on a value)", function_name(fn, name, sizeof(name)));
			return -EINVAL;
		}
	return 0;
}

static int check_calls(LLVMModuleRef module)
{
	struct call_walk w = { 0 };
	int err = 0;

	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f))
		if (!LLVMIsDeclaration(f) && check_indirect_calls(f))
			err = -EINVAL;
	for (LLVMValueRef f = LLVMGetFirstFunction(module); f && err != -ENOMEM; f = LLVMGetNextFunction(f)) {
		int found = LLVMIsDeclaration(f) ? 0 : find_recursion(&w, f);

		if (found)
			err = found;
	}
	free(w.path);
	ptr_set_free(&w.entered);
	return err;
}

int lower_module(LLVMModuleRef module, const struct options *opts)
{
	struct lowering l = { .ctx = LLVMGetModuleContext(module) };
	bool wide_division = false;
	int err;

	if ((err = check_calls(module)))
		return err;
	l.i64 = LLVMInt64TypeInContext(l.ctx);
	l.i128 = LLVMIntTypeInContext(l.ctx, 128);
	l.signed_division = strcmp(opts->cpu, "v4") != 0;
	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f))
		wide_division |= !LLVMIsDeclaration(f) && has_wide_division(f);
	if (wide_division && (err = link_udivmod128(&l, module)))
		return err;
	l.b = LLVMCreateBuilderInContext(l.ctx);
	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f)) {
		if (LLVMIsDeclaration(f))
			continue;
		lower_function(&l, f);
		drop_sret(&l, f);
	}
	LLVMDisposeBuilder(l.b);
	diag_info("lowered %zu signed divisions, %zu 128-bit operations%s, %zu sret returns",
		  l.divisions, l.wide, wide_division ? " (the 128-bit division helper linked)" : "",
		  l.returns);
	return 0;
}
