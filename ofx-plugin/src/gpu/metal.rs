//! The `objc2-metal` adapter (in progress).
