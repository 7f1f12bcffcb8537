//! The `cudarc` adapter (in progress).
