/* The other file: its static helper shares the name and is a different function. */
struct xdp_md { unsigned int data, data_end; };

static __attribute__((noinline)) int helper(int x)
{
	return x * 3;
}

__attribute__((section("xdp"))) int prog_b(struct xdp_md *ctx)
{
	return helper(ctx->data_end - ctx->data > 10);
}
