/* Two C files, each with its own static helper of the same name and a program using it. */
struct xdp_md { unsigned int data, data_end; };

static __attribute__((noinline)) int helper(int x)
{
	return x + 1;
}

__attribute__((section("xdp"))) int prog_a(struct xdp_md *ctx)
{
	return helper(ctx->data_end - ctx->data > 10);
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
