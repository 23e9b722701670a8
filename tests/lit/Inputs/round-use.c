/* Calls what a unit linked before it defines (lazy-rounds.test). */
#define SEC(name) __attribute__((section(name), used))

struct xdp_md;
int round_helper(int x);

SEC("xdp") int round_prog(struct xdp_md *ctx)
{
	(void)ctx;
	return round_helper(0) + 1;
}

char LICENSE[] SEC("license") = "GPL";
