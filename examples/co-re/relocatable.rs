//! CO-RE for Rust with bpf-linker: copy this file into your crate (no dependencies).
//!
//! A `#[repr(C)]` struct or union opts in by having a field of type `Relocatable` (any module
//! path: the name is what counts). Built with debug info and `--btf`, every access to its
//! fields (directly, through nested opted-in structs and unions, and to array elements inside
//! them) becomes a CO-RE relocation in `.BTF.ext`, which libbpf (and aya, and cilium/ebpf)
//! rewrite for the running kernel. Name the type as the kernel does (`task_struct`), declare
//! only the fields you read, at any offsets: the loader finds the real ones by name.
//!
//! ```rust,ignore
//! #[allow(non_camel_case_types)]
//! #[repr(C)]
//! pub struct task_struct {
//!     _relocatable: Relocatable,
//!     pub pid: i32,
//!     pub tgid: i32,
//! }
//!
//! let tgid: i32 = probe_read_kernel(core::ptr::addr_of!((*task).tgid));
//! ```

/// The marker: zero-sized, so it changes nothing in the struct's layout.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct Relocatable;
