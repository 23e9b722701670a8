//! The expected results: the same idioms.rs built for the host, run on each line of `inputs`
//! (HEX: case byte, then a, b, c as 8-byte little-endian integers). Prints "HEX RESULT" lines for
//! e2e.tests; a panic gives 0, as the BPF program's panic does.
#[path = "src/idioms.rs"]
mod idioms;

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let inputs = std::fs::read_to_string(std::env::args().nth(1).expect("usage: host INPUTS")).unwrap();
    for line in inputs.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let bytes: Vec<u8> = (0..line.len() / 2).map(|i| u8::from_str_radix(&line[2 * i..2 * i + 2], 16).unwrap()).collect();
        assert_eq!(bytes.len(), 25, "{line}: want 25 bytes");
        let word = |at: usize| i64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
        let input = idioms::Input { case: bytes[0], a: word(1), b: word(9), c: word(17) };
        let result = std::panic::catch_unwind(|| idioms::run(&input)).unwrap_or(0);
        println!("{line} {result}");
    }
}
