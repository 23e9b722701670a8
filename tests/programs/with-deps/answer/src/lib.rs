//! A proc-macro crate: built for the host, used by a BPF crate.
extern crate proc_macro;
use proc_macro::TokenStream;

#[proc_macro]
pub fn answer(_input: TokenStream) -> TokenStream {
    "2u32".parse().unwrap()
}
