/* Memory builtins as clang leaves them: a small struct zero-init and copy (inline stores after
 * code generation), and a 2 KiB fill and a copy of a length only known at run time (calls to
 * memset and memcpy, defined by no input). */
struct xdp_md { unsigned int data, data_end; };
struct small { unsigned long a, b, c; };

struct small out_small;
char big[2048];

__attribute__((section("xdp"))) int small_init(struct xdp_md *ctx)
{
	struct small s = {};

	s.b = ctx->data_end - ctx->data;
	__builtin_memcpy(&out_small, &s, sizeof(s));
	return out_small.b == 64 ? 2 : 1;
}

__attribute__((section("xdp"))) int big_fill(struct xdp_md *ctx)
{
	unsigned int n = (ctx->data_end - ctx->data) & 1023;

	__builtin_memset(big, 7, sizeof(big));
	__builtin_memcpy(big + 1024, big, n);
	return big[2047] + big[1024 + n];	/* 7 + 7 for a 64-byte frame */
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
