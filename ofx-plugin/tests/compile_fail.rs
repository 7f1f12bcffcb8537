//! The misuses the types reject: each file under `tests/compile_fail/` is a
//! plugin author's mistake that would be undefined behaviour if it compiled
//! (an image kept past its action, two writable views of one buffer, a write
//! into an input, a streamed store read before its fence...), and must fail
//! to compile with the error checked in beside it.
//!
//! After a deliberate change of a message, regenerate the expectations with
//! `TRYBUILD=overwrite cargo test -p ofx-plugin --test compile_fail` and
//! review the diff.

#[test]
fn misuse_does_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/compile_fail/*.rs");
}
