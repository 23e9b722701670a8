/* A minimal XDP program in C: XDP_PASS (2) for short packets, what helper(41) says (42) for
 * packets over 100 bytes, so a run shows that helper was linked. */
struct xdp_md { unsigned int data, data_end; };

int helper(int x);

__attribute__((section("xdp"))) int xdp_c(struct xdp_md *ctx)
{
	return ctx->data_end - ctx->data > 100 ? helper(41) : 2;
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
