/* A 96-byte memset and copy into a global: inline stores by default, a call to memset with
 * --expand-memcpy-in-order (llvm-args.test). Returns the frame length & 3. */
struct xdp_md { unsigned int data, data_end; };
struct big { unsigned long v[12]; };
struct big out;

__attribute__((section("xdp"))) int fill(struct xdp_md *ctx)
{
	struct big b;

	__builtin_memset(&b, ctx->data_end - ctx->data, sizeof(b));
	__builtin_memcpy(&out, &b, sizeof(b));
	return out.v[11] & 3;
}

char LICENSE[] __attribute__((section("license"))) = "GPL";
