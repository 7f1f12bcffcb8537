//! Checked opaque handles.
//!
//! A handle given to a plugin is an integer disguised as a pointer. It packs a
//! kind tag, a slot index and a generation counter, so that an unknown, freed
//! or stale handle (a slot reused for a newer object) is recognised and
//! answered with `kOfxStatErrBadHandle` instead of being dereferenced.

use std::fmt;

/// The kind of object a handle names; part of the handle value, so a handle of
/// one kind passed where another is expected is rejected too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum HandleKind {
    /// A property set.
    PropertySet = 1,
    /// An effect descriptor or instance.
    Effect = 2,
    /// A clip descriptor or instance.
    Clip = 3,
    /// An image fetched from a clip.
    Image = 4,
    /// A parameter descriptor or instance.
    Param = 5,
    /// A parameter set.
    ParamSet = 6,
    /// Image memory allocated with `imageMemoryAlloc`.
    ImageMemory = 7,
    /// A mutex created with `mutexCreate`.
    Mutex = 8,
    /// An interact descriptor or instance.
    Interact = 9,
    /// A Draw Suite context, live during one draw action.
    DrawContext = 10,
}

/// An opaque handle value: `[generation:32][index:24][kind:8]`.
///
/// The value is never zero and its low bits are never a valid alignment for
/// a real object (the kind tag sits in them), so it is never dereferenced by
/// the host.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Handle(u64);

impl Handle {
    fn new(kind: HandleKind, index: u32, generation: u32) -> Self {
        Handle(((generation as u64) << 32) | ((index as u64 & 0xFF_FFFF) << 8) | kind as u64)
    }
    /// The raw value, as a plugin sees it (cast to a pointer).
    pub fn raw(self) -> usize {
        self.0 as usize
    }
    /// Reads a handle back from the raw value a plugin passed.
    pub fn from_raw(raw: usize) -> Self {
        Handle(raw as u64)
    }
    /// The kind tag encoded in this handle (None for an invalid tag).
    pub fn kind(self) -> Option<HandleKind> {
        use HandleKind::*;
        Some(match self.0 & 0xFF {
            1 => PropertySet,
            2 => Effect,
            3 => Clip,
            4 => Image,
            5 => Param,
            6 => ParamSet,
            7 => ImageMemory,
            8 => Mutex,
            9 => Interact,
            10 => DrawContext,
            _ => return None,
        })
    }
    fn index(self) -> usize {
        ((self.0 >> 8) & 0xFF_FFFF) as usize
    }
    fn generation(self) -> u32 {
        (self.0 >> 32) as u32
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Handle({:#x})", self.0)
    }
}

/// Why a handle could not be resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandleError {
    /// The value was never handed out (null, garbage or the wrong kind).
    Unknown,
    /// The object was freed (its slot is empty or holds a newer object).
    Stale,
}

struct Slot<T> {
    generation: u32,
    value: Option<T>,
}

/// A slab of objects of one kind, addressed by checked [`Handle`]s.
pub struct Registry<T> {
    kind: HandleKind,
    slots: Vec<Slot<T>>,
    free: Vec<usize>,
}

impl<T> Registry<T> {
    /// An empty registry handing out handles of `kind`.
    pub fn new(kind: HandleKind) -> Self {
        Registry {
            kind,
            slots: Vec::new(),
            free: Vec::new(),
        }
    }

    /// Stores `value` and returns a fresh handle naming it.
    pub fn insert(&mut self, value: T) -> Handle {
        if let Some(index) = self.free.pop() {
            let slot = &mut self.slots[index];
            slot.generation = slot.generation.wrapping_add(1).max(1);
            slot.value = Some(value);
            Handle::new(self.kind, index as u32, slot.generation)
        } else {
            let index = self.slots.len();
            assert!(index < 0xFF_FFFF, "handle registry full");
            self.slots.push(Slot {
                generation: 1,
                value: Some(value),
            });
            Handle::new(self.kind, index as u32, 1)
        }
    }

    fn slot_index(&self, handle: Handle) -> Result<usize, HandleError> {
        if handle.kind() != Some(self.kind) {
            return Err(HandleError::Unknown);
        }
        let index = handle.index();
        let slot = self.slots.get(index).ok_or(HandleError::Unknown)?;
        if slot.generation != handle.generation() || slot.value.is_none() {
            if handle.generation() == 0 || handle.generation() > slot.generation {
                return Err(HandleError::Unknown);
            }
            return Err(HandleError::Stale);
        }
        Ok(index)
    }

    /// The object named by `handle`.
    pub fn get(&self, handle: Handle) -> Result<&T, HandleError> {
        let i = self.slot_index(handle)?;
        Ok(self.slots[i].value.as_ref().expect("checked live"))
    }

    /// The object named by `handle`, mutably.
    pub fn get_mut(&mut self, handle: Handle) -> Result<&mut T, HandleError> {
        let i = self.slot_index(handle)?;
        Ok(self.slots[i].value.as_mut().expect("checked live"))
    }

    /// Frees the object named by `handle`; the handle becomes stale.
    pub fn remove(&mut self, handle: Handle) -> Result<T, HandleError> {
        let i = self.slot_index(handle)?;
        self.free.push(i);
        Ok(self.slots[i].value.take().expect("checked live"))
    }

    /// Number of live objects.
    pub fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// Whether no object is live.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Live handles and their objects.
    pub fn iter(&self) -> impl Iterator<Item = (Handle, &T)> {
        self.slots.iter().enumerate().filter_map(|(i, s)| {
            s.value
                .as_ref()
                .map(|v| (Handle::new(self.kind, i as u32, s.generation), v))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_unknown_and_wrong_kind_handles_are_rejected() {
        let mut r = Registry::new(HandleKind::Mutex);
        let a = r.insert(10);
        assert_eq!(r.get(a), Ok(&10));
        assert_eq!(r.remove(a), Ok(10));
        assert_eq!(r.get(a), Err(HandleError::Stale));
        let b = r.insert(20);
        assert_ne!(a, b, "reused slot must carry a new generation");
        assert_eq!(r.get(a), Err(HandleError::Stale));
        assert_eq!(r.get(b), Ok(&20));
        assert_eq!(r.get(Handle::from_raw(0)), Err(HandleError::Unknown));
        assert_eq!(
            r.get(Handle::from_raw(0xdead_beef_0000_0008)),
            Err(HandleError::Unknown)
        );
        let other = Registry::<i32>::new(HandleKind::Image).insert(1);
        assert_eq!(r.get(other), Err(HandleError::Unknown));
        assert_eq!(r.len(), 1);
    }
}
