/* A weak default that another file overrides, and a weak default nothing overrides. */
struct xdp_md { unsigned int data, data_end; };

__attribute__((weak, noinline)) int config(void)
{
	return 1;
}

__attribute__((weak, noinline)) int fallback(void)
{
	return 10;
}

__attribute__((section("xdp"))) int prog_weak(struct xdp_md *ctx)
{
	return config() + fallback();
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
