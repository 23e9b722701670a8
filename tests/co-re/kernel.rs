//! The kernel helpers the CO-RE test programs call, by number (no dependencies).

/// The helper numbered ID, for helpers that take no argument.
#[inline(always)]
pub fn helper(id: usize) -> extern "C" fn() -> u64 {
    unsafe { core::mem::transmute(id) }
}

pub const GET_CURRENT_PID_TGID: usize = 14;
pub const GET_CURRENT_TASK: usize = 35;

/// bpf_probe_read_kernel (113) of a T at SRC.
#[inline(always)]
pub unsafe fn probe_read_kernel<T>(src: *const T) -> T {
    let read: extern "C" fn(*mut T, u32, *const T) -> i64 = unsafe { core::mem::transmute(113usize) };
    let mut value = core::mem::MaybeUninit::<T>::uninit();
    read(value.as_mut_ptr(), core::mem::size_of::<T>() as u32, src);
    unsafe { value.assume_init() }
}
