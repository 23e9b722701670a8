//! libbpf-style BTF maps for Rust, with no dependencies: copy this file into your crate.
//!
//! A map is a `#[unsafe(no_mangle)]` static in the `.maps` section whose type is a struct with the members
//! libbpf reads from BTF: `type` and `max_entries` are pointers to arrays whose length is the
//! value, `key` and `value` are pointers to the key and value types. Build with BTF on
//! (`-C debuginfo=2 -C link-arg=--btf`, see `.cargo/config.toml`), then:
//!
//! ```ignore
//! #[unsafe(no_mangle)]
//! #[unsafe(link_section = ".maps")]
//! static COUNTS: ArrayMap<u64, 4> = ArrayMap::new();
//!
//! if let Some(count) = COUNTS.get_mut(1) { *count += 1; }
//! ```
use core::ffi::c_void;
use core::ptr::null;

const BPF_MAP_TYPE_HASH: usize = 1;
const BPF_MAP_TYPE_ARRAY: usize = 2;

/// An array map of `MAX` values of type `V`, indexed by `u32`.
#[repr(C)]
pub struct ArrayMap<V, const MAX: usize> {
    r#type: *const [i32; BPF_MAP_TYPE_ARRAY],
    key: *const u32,
    value: *const V,
    max_entries: *const [i32; MAX],
}

/// A hash map of at most `MAX` entries from `K` to `V`.
#[repr(C)]
pub struct HashMap<K, V, const MAX: usize> {
    r#type: *const [i32; BPF_MAP_TYPE_HASH],
    key: *const K,
    value: *const V,
    max_entries: *const [i32; MAX],
}

// The kernel owns the maps; the statics are only their descriptions.
unsafe impl<V, const MAX: usize> Sync for ArrayMap<V, MAX> {}
unsafe impl<K, V, const MAX: usize> Sync for HashMap<K, V, MAX> {}

impl<V, const MAX: usize> ArrayMap<V, MAX> {
    pub const fn new() -> Self {
        ArrayMap { r#type: null(), key: null(), value: null(), max_entries: null() }
    }

    /// The value at `index`, or `None` when out of range.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)] // the kernel's memory, not the static's
    pub fn get_mut(&self, index: u32) -> Option<&mut V> {
        unsafe { lookup(self as *const Self as *const c_void, &index) }
    }
}

impl<K, V, const MAX: usize> HashMap<K, V, MAX> {
    pub const fn new() -> Self {
        HashMap { r#type: null(), key: null(), value: null(), max_entries: null() }
    }

    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub fn get_mut(&self, key: &K) -> Option<&mut V> {
        unsafe { lookup(self as *const Self as *const c_void, key) }
    }

    /// Insert or replace; false when the map is full.
    #[inline(always)]
    pub fn insert(&self, key: &K, value: &V) -> bool {
        // bpf_map_update_elem, helper 2, with BPF_ANY.
        let update: unsafe extern "C" fn(*const c_void, *const c_void, *const c_void, u64) -> i64 =
            unsafe { core::mem::transmute(2usize) };
        unsafe {
            update(self as *const Self as *const c_void, key as *const K as *const c_void,
                   value as *const V as *const c_void, 0) == 0
        }
    }
}

/// bpf_map_lookup_elem, helper 1.
#[inline(always)]
unsafe fn lookup<'a, K, V>(map: *const c_void, key: &K) -> Option<&'a mut V> {
    unsafe {
        let lookup: unsafe extern "C" fn(*const c_void, *const c_void) -> *mut c_void =
            core::mem::transmute(1usize);
        (lookup(map, key as *const K as *const c_void) as *mut V).as_mut()
    }
}
