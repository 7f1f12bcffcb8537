//! Host memory: the memory suite and image memory of the image-effect suite.

use std::ffi::c_void;
use std::ptr::{self, NonNull};

use ofx_sys as sys;

use super::check;
use super::suites::suites;
use crate::error::{Error, Result};

/// A block from `memoryAlloc`, freed on drop.
pub struct HostMemory {
    ptr: NonNull<u8>,
    len: usize,
}

// SAFETY: the block is plain memory owned by this value.
unsafe impl Send for HostMemory {}
// SAFETY: shared access only reads.
unsafe impl Sync for HostMemory {}

impl HostMemory {
    /// Allocates `len` bytes from the host (zero-filled here for safety).
    pub fn new(len: usize) -> Result<HostMemory> {
        let f = suites()?
            .memory
            .memoryAlloc
            .ok_or_else(|| Error::missing_host_feature("memory suite has no memoryAlloc"))?;
        let mut p: *mut c_void = ptr::null_mut();
        // SAFETY: null handle is allowed; valid out pointer.
        check(unsafe { f(ptr::null_mut(), len.max(1), &mut p) }, || {
            format!("memoryAlloc({len})")
        })?;
        let ptr = NonNull::new(p.cast::<u8>()).ok_or_else(|| {
            Error::with_message(crate::ErrorKind::Memory, "memoryAlloc gave null")
        })?;
        // SAFETY: the host gave `len` writable bytes.
        unsafe { ptr::write_bytes(ptr.as_ptr(), 0, len) };
        Ok(HostMemory { ptr, len })
    }
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: `len` initialised bytes owned by self.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
    /// The bytes, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: as above, and &mut self gives exclusive access.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for HostMemory {
    fn drop(&mut self) {
        if let Ok(s) = suites()
            && let Some(f) = s.memory.memoryFree
        {
            // SAFETY: the pointer came from memoryAlloc and is freed once.
            unsafe { f(self.ptr.as_ptr().cast()) };
        }
    }
}

/// A block from `imageMemoryAlloc`, freed on drop. Lock it to use it.
pub struct ImageMemory {
    handle: sys::OfxImageMemoryHandle,
    len: usize,
    /// Whether the block has been zeroed: hosts hand out uninitialised
    /// memory, which safe code must never read as bytes.
    zeroed: bool,
}

// SAFETY: the handle is an opaque host token; lock/unlock are thread safe.
unsafe impl Send for ImageMemory {}
// SAFETY: locking through &self is allowed (locks nest in the host).
unsafe impl Sync for ImageMemory {}

impl ImageMemory {
    /// Allocates `len` bytes of image memory, owned by no particular instance.
    pub fn new(len: usize) -> Result<ImageMemory> {
        let f = suites()?
            .image_effect
            .imageMemoryAlloc
            .ok_or_else(|| Error::missing_host_feature("no imageMemoryAlloc"))?;
        let mut h: sys::OfxImageMemoryHandle = ptr::null_mut();
        // SAFETY: null instance allowed; valid out pointer.
        check(unsafe { f(ptr::null_mut(), len, &mut h) }, || {
            format!("imageMemoryAlloc({len})")
        })?;
        if h.is_null() {
            return Err(Error::with_message(
                crate::ErrorKind::Memory,
                "imageMemoryAlloc gave null",
            ));
        }
        Ok(ImageMemory {
            handle: h,
            len,
            zeroed: false,
        })
    }
    /// Size in bytes.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether the block is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Locks the memory; the guard unlocks on drop. Locks nest. The bytes
    /// read as zeros until written.
    pub fn lock(&mut self) -> Result<ImageMemoryLock<'_>> {
        let f = suites()?
            .image_effect
            .imageMemoryLock
            .ok_or_else(|| Error::missing_host_feature("no imageMemoryLock"))?;
        let mut p: *mut c_void = ptr::null_mut();
        // SAFETY: valid handle and out pointer.
        check(unsafe { f(self.handle, &mut p) }, || {
            "imageMemoryLock".into()
        })?;
        let ptr = NonNull::new(p.cast::<u8>())
            .ok_or_else(|| Error::with_message(crate::ErrorKind::Memory, "lock gave null"))?;
        if !self.zeroed {
            // SAFETY: the host gave `len` writable bytes, locked now. Zeroing
            // them once makes every later view initialised memory (a host
            // that moves unlocked memory keeps its contents).
            unsafe { ptr::write_bytes(ptr.as_ptr(), 0, self.len) };
            self.zeroed = true;
        }
        Ok(ImageMemoryLock { mem: self, ptr })
    }
}

impl Drop for ImageMemory {
    fn drop(&mut self) {
        if let Ok(s) = suites()
            && let Some(f) = s.image_effect.imageMemoryFree
        {
            // SAFETY: freed once; no lock guard can be alive (it borrows self).
            unsafe { f(self.handle) };
        }
    }
}

/// A locked [`ImageMemory`]: its bytes, unlocked on drop.
pub struct ImageMemoryLock<'a> {
    mem: &'a mut ImageMemory,
    ptr: NonNull<u8>,
}

impl ImageMemoryLock<'_> {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: the host gave `len` bytes, locked while self lives, and
        // `ImageMemory::lock` zeroed them before the first view.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.mem.len) }
    }
    /// The bytes, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: as above, with exclusive access through &mut.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.mem.len) }
    }
    /// The bytes as a typed slice (bytemuck checks size and alignment).
    pub fn cast_mut<T: bytemuck::Pod>(&mut self) -> Result<&mut [T]> {
        bytemuck::try_cast_slice_mut(self.as_mut_slice())
            .map_err(|e| Error::value(format!("cannot view image memory as that type: {e}")))
    }
}

impl Drop for ImageMemoryLock<'_> {
    fn drop(&mut self) {
        if let Ok(s) = suites()
            && let Some(f) = s.image_effect.imageMemoryUnlock
        {
            // SAFETY: pairs the lock taken in ImageMemory::lock.
            unsafe { f(self.mem.handle) };
        }
    }
}
