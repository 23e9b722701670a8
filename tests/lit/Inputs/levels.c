/* Code whose object differs between optimisation levels: -Oz keeps the loop, -O3 unrolls it. */
struct xdp_md { unsigned int data, data_end; };

__attribute__((section("xdp"))) int levels(struct xdp_md *ctx)
{
	unsigned char *p = (unsigned char *)(long)ctx->data;
	unsigned char *end = (unsigned char *)(long)ctx->data_end;
	unsigned int sum = 0;

	if (p + 32 > end)
		return 1;
	for (int i = 0; i < 32; i++)
		sum = sum * 31 + p[i];
	return sum & 3;
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
