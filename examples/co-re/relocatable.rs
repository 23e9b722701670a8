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

// What the loader answers for the running kernel, as C's bpf_core_* macros do. Each call becomes
// a CO-RE relocation (build with debug info and --btf); the linker warns about any it cannot
// relocate, and such a call answers 0.

unsafe extern "C" {
    fn bpf_core_field_exists(field: *const u8) -> u32;
    fn bpf_core_field_size(field: *const u8) -> u32;
    fn bpf_core_field_offset(field: *const u8) -> u32;
}

/// Whether the running kernel has the field: `field_exists(addr_of!((*p).field))`, `p` a
/// pointer to a relocatable struct (it is never read).
#[inline(always)]
pub fn field_exists<T>(field: *const T) -> bool {
    unsafe { bpf_core_field_exists(field.cast()) != 0 }
}

/// The field's size in bytes in the running kernel.
#[inline(always)]
pub fn field_size<T>(field: *const T) -> u32 {
    unsafe { bpf_core_field_size(field.cast()) }
}

/// The field's byte offset in the running kernel.
#[inline(always)]
pub fn field_offset<T>(field: *const T) -> u32 {
    unsafe { bpf_core_field_offset(field.cast()) }
}

/// Whether the running kernel has a struct, union, enum or typedef named as `T` is (a flavour,
/// `task_struct___old`, matches `task_struct`).
#[inline(always)]
pub fn type_exists<T>() -> bool {
    __bpf_core_type_info::<T>(0) != 0
}

/// The size in bytes of the kernel's type named as `T` is.
#[inline(always)]
pub fn type_size<T>() -> u32 {
    __bpf_core_type_info::<T>(1)
}

/// Whether the kernel's enum named as `E` is has a value named as this variant is.
#[inline(always)]
pub fn enum_value_exists<E: Copy>(value: E) -> bool {
    __bpf_core_enum_value(value, 0) != 0
}

/// The kernel's value of the variant named as this one is (whatever value Rust gives it).
#[inline(always)]
pub fn enum_value<E: Copy>(value: E) -> i64 {
    __bpf_core_enum_value(value, 1)
}

static mut ESCAPED: usize = 0;

/// Replaced by bpf-linker at every call. Its address and arguments escape and its answer is
/// read back (volatile), so that no optimiser rewrites either before the linker reads them;
/// left alone (no --btf), it answers 0.
#[doc(hidden)]
#[inline(never)]
pub fn __bpf_core_type_info<T>(kind: u64) -> u32 {
    let me = __bpf_core_type_info::<T> as fn(u64) -> u32;
    let mut answer = 0u32;
    unsafe {
        core::ptr::write_volatile(core::ptr::addr_of_mut!(ESCAPED), me as usize);
        core::ptr::write_volatile(core::ptr::addr_of_mut!(ESCAPED), kind as usize);
        core::ptr::write_volatile(&mut answer, 0);
        core::ptr::read_volatile(&answer)
    }
}

#[doc(hidden)]
#[inline(never)]
pub fn __bpf_core_enum_value<E: Copy>(value: E, kind: u64) -> i64 {
    let me = __bpf_core_enum_value::<E> as fn(E, u64) -> i64;
    let mut sink = core::mem::MaybeUninit::<E>::uninit();
    let mut answer = 0i64;
    unsafe {
        core::ptr::write_volatile(core::ptr::addr_of_mut!(ESCAPED), me as usize);
        core::ptr::write_volatile(core::ptr::addr_of_mut!(ESCAPED), kind as usize);
        core::ptr::write_volatile(sink.as_mut_ptr(), value);
        core::ptr::write_volatile(&mut answer, 0);
        core::ptr::read_volatile(&answer)
    }
}
