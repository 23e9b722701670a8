/* A weak reference to other(): it never pulls an archive member in (archive-resolution.test). */
struct xdp_md { unsigned int data, data_end; };

extern int other(int x) __attribute__((weak));

__attribute__((section("xdp"))) int weak_ref(struct xdp_md *ctx)
{
	return other ? other(3) : 2;
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
