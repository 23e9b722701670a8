/* C half of a #[repr(C)] struct shared with Rust. */
struct flow {
	unsigned int saddr;
	unsigned int daddr;
	unsigned short sport;
	unsigned short dport;
};

__attribute__((noinline)) unsigned int flow_hash(const struct flow *f)
{
	return f->saddr ^ f->daddr ^ ((unsigned int)f->sport << 16 | f->dport);
}
