//! The user-space half: the eBPF object is embedded at build time, as aya's template does with
//! `include_bytes_aligned!`; here it is written to the path given, for bpftool to load.
static OBJECT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/xdp-app"));

fn main() {
    let path = std::env::args().nth(1).expect("usage: xdp-app OUTPUT");
    std::fs::write(&path, OBJECT).expect("write the object");
    println!("wrote {} bytes to {path}", OBJECT.len());
}
