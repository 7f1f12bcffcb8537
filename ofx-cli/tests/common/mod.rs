//! What the `ofx` command's tests share: running the binary, its output as
//! text, and a scratch folder per test process.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `ofx` with `args` and waits for it.
pub fn ofx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ofx"))
        .args(args)
        .output()
        .expect("run ofx")
}

/// Bytes from stdout or stderr as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `name` in a scratch folder of this test process (`prefix` names the
/// test file).
pub fn scratch_in(prefix: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// A path as `&str` for an argument.
#[allow(dead_code)] // not every test file passes paths
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
