//! What the `ofx` command's tests share: running the binary, its output as
//! text, a scratch folder per test process, and the test plugins of
//! `tests/bad-plugins` laid out as a bundle.

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

/// Builds the test plugins of `tests/bad-plugins` and lays the plugins `ids`
/// out as a bundle named `name` in the folder `dir`, which no other test of
/// the process may use. Returns the bundle's path.
pub fn bad_plugins_bundle(dir: &Path, name: &str, ids: &[&str]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let target = example_tests::bundles::nested_target_dir();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "-p", "ofx-bad-plugins", "--target-dir"])
        .arg(&target)
        .current_dir(example_tests::bundles::workspace_root())
        .status()
        .unwrap();
    assert!(status.success());
    let lib = target.join("debug").join(format!(
        "{}ofx_bad_plugins{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let ids: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    let arch = ofx_bundler::arch_dir_for(None).unwrap();
    ofx_bundler::write_bundle(dir, name, "0.1.0", arch, &lib, &ids, None).unwrap()
}
