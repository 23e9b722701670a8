//! XDP firewall: drops IPv4 UDP datagrams sent to port 9999, passes everything else, and counts
//! verdicts in an array map and IPv4 packets per protocol in a hash map.
//! Build: `cargo +bpf build --target=bpfel-unknown-none --release`
//! Load:  `bpftool prog load target/bpfel-unknown-none/release/xdp-firewall /sys/fs/bpf/xdp_firewall`
#![no_std]
#![no_main]

mod maps;

use core::mem::size_of;
use maps::{ArrayMap, HashMap};

/// Packets seen per verdict (index 1: dropped, 2: passed).
#[unsafe(no_mangle)]
#[unsafe(link_section = ".maps")]
static VERDICTS: ArrayMap<u64, 4> = ArrayMap::new();

/// IPv4 packets seen per IP protocol number.
#[unsafe(no_mangle)]
#[unsafe(link_section = ".maps")]
static PROTOCOLS: HashMap<u32, u64, 256> = HashMap::new();

/// The kernel's `struct xdp_md`: the program's context.
#[repr(C)]
pub struct XdpMd {
    data: u32,
    data_end: u32,
    data_meta: u32,
    ingress_ifindex: u32,
    rx_queue_index: u32,
    egress_ifindex: u32,
}

const XDP_DROP: u32 = 1;
const XDP_PASS: u32 = 2;

const ETH_P_IP: u16 = 0x0800;
const IPPROTO_UDP: u8 = 17;
const BLOCKED_PORT: u16 = 9999;

#[repr(C)]
struct EthHdr {
    dst: [u8; 6],
    src: [u8; 6],
    ether_type: u16, // network byte order
}

#[repr(C)]
struct Ipv4Hdr {
    version_ihl: u8,
    tos: u8,
    tot_len: u16,
    id: u16,
    frag_off: u16,
    ttl: u8,
    protocol: u8,
    check: u16,
    saddr: u32,
    daddr: u32,
}

#[repr(C)]
struct UdpHdr {
    source: u16,
    dest: u16,
    len: u16,
    check: u16,
}

/// A pointer to a `T` at `offset` in the packet, if the whole `T` lies inside it: the
/// comparison with `data_end` is what lets the verifier accept the read.
#[inline(always)]
fn header<T>(start: usize, end: usize, offset: usize) -> Option<*const T> {
    if start + offset + size_of::<T>() > end {
        return None;
    }
    Some((start + offset) as *const T)
}

fn verdict(ctx: &XdpMd) -> Option<u32> {
    let start = ctx.data as usize;
    let end = ctx.data_end as usize;

    let eth = header::<EthHdr>(start, end, 0)?;
    if u16::from_be(unsafe { (*eth).ether_type }) != ETH_P_IP {
        return Some(XDP_PASS);
    }
    let ip = header::<Ipv4Hdr>(start, end, size_of::<EthHdr>())?;
    let protocol = unsafe { (*ip).protocol } as u32;
    match PROTOCOLS.get_mut(&protocol) {
        Some(count) => *count += 1,
        None => {
            PROTOCOLS.insert(&protocol, &1);
        }
    }
    if protocol as u8 != IPPROTO_UDP {
        return Some(XDP_PASS);
    }
    let ihl = (unsafe { (*ip).version_ihl } & 0x0f) as usize * 4;
    let udp = header::<UdpHdr>(start, end, size_of::<EthHdr>() + ihl)?;
    if u16::from_be(unsafe { (*udp).dest }) == BLOCKED_PORT {
        return Some(XDP_DROP);
    }
    Some(XDP_PASS)
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "xdp")]
pub extern "C" fn xdp_firewall(ctx: *mut XdpMd) -> u32 {
    let action = verdict(unsafe { &*ctx }).unwrap_or(XDP_PASS);
    if let Some(count) = VERDICTS.get_mut(action) {
        *count += 1;
    }
    action
}

#[unsafe(no_mangle)]
#[unsafe(link_section = "license")]
pub static LICENSE: [u8; 4] = *b"GPL\0";

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    loop {}
}
