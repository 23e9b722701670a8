// XDP, tc and a socket filter that parse Ethernet and IPv4 with bounds checks.
#include "vmlinux.h"
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

#define ETH_P_IP 0x0800

static __always_inline int is_udp(void *data, void *end)
{
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);

	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return 0;
	return ip->protocol == IPPROTO_UDP;
}

SEC("xdp")
int xdp_udp(struct xdp_md *ctx)
{
	return is_udp((void *)(long)ctx->data, (void *)(long)ctx->data_end) ? XDP_DROP : XDP_PASS;
}

SEC("tc")
int tc_udp(struct __sk_buff *skb)
{
	return is_udp((void *)(long)skb->data, (void *)(long)skb->data_end) ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("socket")
int socket_len(struct __sk_buff *skb)
{
	return skb->len > 100 ? 100 : skb->len;
}

char LICENSE[] SEC("license") = "GPL";
