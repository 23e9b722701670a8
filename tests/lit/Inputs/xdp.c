/* A minimal XDP program in C: returns XDP_PASS, or what helper() says for long packets. */
struct xdp_md { unsigned int data, data_end; };

int helper(int x);

__attribute__((section("xdp"))) int xdp_c(struct xdp_md *ctx)
{
	return ctx->data_end - ctx->data > 100 ? helper(1) : 2;
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
