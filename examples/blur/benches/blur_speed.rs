//! Blur speed (placeholder until the bench lands).
fn main() {}
