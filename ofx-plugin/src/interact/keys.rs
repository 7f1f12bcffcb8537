//! Key symbols: the X11 keysym values OpenFX uses to name keys.

use ofx_sys as sys;

/// A key, as the host reports it in a key action (`kOfxPropKeySym`).
///
/// The value is an X11 keysym; the constants name the keys most overlays
/// look for, and [`KeySym::raw`] gives the number for any other key (compare
/// it with the `ofx_sys::kOfxKey_*` constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeySym(i32);

impl KeySym {
    /// The host did not know the key.
    pub const UNKNOWN: KeySym = KeySym(sys::kOfxKey_Unknown);
    /// Backspace.
    pub const BACKSPACE: KeySym = KeySym(sys::kOfxKey_BackSpace);
    /// Tab.
    pub const TAB: KeySym = KeySym(sys::kOfxKey_Tab);
    /// Return (Enter on the main keyboard).
    pub const RETURN: KeySym = KeySym(sys::kOfxKey_Return);
    /// Escape.
    pub const ESCAPE: KeySym = KeySym(sys::kOfxKey_Escape);
    /// Delete.
    pub const DELETE: KeySym = KeySym(sys::kOfxKey_Delete);
    /// Home.
    pub const HOME: KeySym = KeySym(sys::kOfxKey_Home);
    /// End.
    pub const END: KeySym = KeySym(sys::kOfxKey_End);
    /// Left arrow.
    pub const LEFT: KeySym = KeySym(sys::kOfxKey_Left);
    /// Right arrow.
    pub const RIGHT: KeySym = KeySym(sys::kOfxKey_Right);
    /// Up arrow.
    pub const UP: KeySym = KeySym(sys::kOfxKey_Up);
    /// Down arrow.
    pub const DOWN: KeySym = KeySym(sys::kOfxKey_Down);
    /// Left shift.
    pub const SHIFT_L: KeySym = KeySym(sys::kOfxKey_Shift_L);
    /// Right shift.
    pub const SHIFT_R: KeySym = KeySym(sys::kOfxKey_Shift_R);
    /// Left control.
    pub const CONTROL_L: KeySym = KeySym(sys::kOfxKey_Control_L);
    /// Right control.
    pub const CONTROL_R: KeySym = KeySym(sys::kOfxKey_Control_R);
    /// Left alt.
    pub const ALT_L: KeySym = KeySym(sys::kOfxKey_Alt_L);
    /// Right alt.
    pub const ALT_R: KeySym = KeySym(sys::kOfxKey_Alt_R);
    /// The space bar.
    pub const SPACE: KeySym = KeySym(sys::kOfxKey_space);

    /// The key with keysym `v` (any `ofx_sys::kOfxKey_*` value).
    pub const fn from_raw(v: i32) -> KeySym {
        KeySym(v)
    }

    /// The keysym value.
    pub const fn raw(self) -> i32 {
        self.0
    }

    /// The character of a Latin-1 key (keysyms 0x20..=0xff are the
    /// Latin-1 code points), `None` for function and modifier keys.
    pub fn latin1(self) -> Option<char> {
        match self.0 {
            0x20..=0x7e | 0xa0..=0xff => char::from_u32(self.0 as u32),
            _ => None,
        }
    }

    /// Whether this is one of the shift, control or alt keys.
    pub fn is_modifier(self) -> bool {
        [
            Self::SHIFT_L,
            Self::SHIFT_R,
            Self::CONTROL_L,
            Self::CONTROL_R,
            Self::ALT_L,
            Self::ALT_R,
        ]
        .contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_keys_are_their_characters() {
        assert_eq!(KeySym::from_raw(sys::kOfxKey_a).latin1(), Some('a'));
        assert_eq!(KeySym::from_raw(sys::kOfxKey_A).latin1(), Some('A'));
        assert_eq!(KeySym::SPACE.latin1(), Some(' '));
        assert_eq!(KeySym::ESCAPE.latin1(), None);
        assert!(KeySym::SHIFT_L.is_modifier());
        assert!(!KeySym::LEFT.is_modifier());
        assert_eq!(KeySym::RETURN.raw(), 0xff0d);
    }
}
