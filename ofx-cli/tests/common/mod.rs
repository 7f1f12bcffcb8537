//! What the `ofx` command's tests share: running the binary, its output as
//! text, a scratch folder per test, and the test plugins of
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

/// A scratch folder of one test, under the folder cargo gives integration
/// tests inside the target directory (`target/tmp`), never the system's
/// temporary folder. Each test makes its own (the tests of a process run in
/// parallel), with a fresh name, so no two tests or runs share one; it is
/// removed when the test ends, or kept, with its path printed, when the
/// test fails.
pub struct Scratch(Option<tempfile::TempDir>);

impl Scratch {
    /// A new empty folder whose name starts with `prefix` (the test file).
    pub fn new(prefix: &str) -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix(&format!("{prefix}-"))
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("a scratch folder under the target directory");
        Scratch(Some(dir))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        self.0.as_ref().expect("the folder until drop").path()
    }

    /// `name` in the folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking()
            && let Some(dir) = self.0.take()
        {
            eprintln!(
                "the failed test's files are kept in {}",
                dir.keep().display()
            );
        }
    }
}

/// A path as `&str` for an argument.
#[allow(dead_code)] // not every test file passes paths
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Builds the test plugins of `tests/bad-plugins` and lays the plugins `ids`
/// out as a bundle named `name` in the folder `dir` (a test's own
/// [`Scratch`]). Returns the bundle's path.
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
