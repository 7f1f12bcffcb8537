//! `cargo xtask valgrind`: the safety tests under valgrind's memcheck.
//!
//! The tests of the rules in `docs/safety.md` drive plugins through ofx-host
//! over the C ABI, misuse the API on purpose, and check the errors. Under
//! memcheck they also show that no misuse reads or writes memory it should
//! not (freed images, memory outside a buffer, uninitialised bytes): any
//! error memcheck reports fails the run.

use std::process::Command;

/// The test binaries of `ofx-plugin` that run under memcheck: the safety
/// rules, the host-facing services (images, memory, panics) and every
/// trapped action.
pub const TESTS: [&str; 4] = ["safety", "core_host", "core_actions", "guide_first_plugin"];

/// Builds the test binaries and runs each under `valgrind`, one test thread
/// at a time; fails if a test fails or memcheck reports an error.
pub fn run(args: &[String]) -> crate::Result<()> {
    if let Some(a) = args.first() {
        return Err(format!("valgrind takes no arguments, not {a:?}"));
    }
    let version = Command::new("valgrind")
        .arg("--version")
        .output()
        .map_err(|e| format!("valgrind is not installed ({e}): apt-get install valgrind"))?;
    println!("{}", String::from_utf8_lossy(&version.stdout).trim());
    for test in TESTS {
        let exe = build(test)?;
        println!("==> {test}: valgrind {}", exe);
        let status = Command::new("valgrind")
            .args(["--error-exitcode=99", "--quiet", "--leak-check=no"])
            .arg(&exe)
            .arg("--test-threads=1")
            .env("RUST_BACKTRACE", "0")
            .status()
            .map_err(|e| format!("running valgrind: {e}"))?;
        match status.code() {
            Some(0) => println!("==> {test}: no memcheck error"),
            Some(99) => return Err(format!("{test}: memcheck reported errors (see above)")),
            _ => {
                return Err(format!(
                    "{test}: the tests failed under valgrind ({status})"
                ));
            }
        }
    }
    Ok(())
}

/// Builds one integration test of `ofx-plugin` and returns its executable.
fn build(test: &str) -> crate::Result<String> {
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "test",
            "-p",
            "ofx-plugin",
            "--test",
            test,
            "--no-run",
            "--message-format=json",
        ])
        .output()
        .map_err(|e| format!("running cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "building the {test} tests failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    executable(&String::from_utf8_lossy(&out.stdout))
        .ok_or_else(|| format!("cargo named no executable for the {test} tests"))
}

/// The `"executable"` of the last compiler artifact in cargo's JSON output
/// that has one.
fn executable(json: &str) -> Option<String> {
    const KEY: &str = "\"executable\":\"";
    json.lines().rev().find_map(|line| {
        let start = line.find(KEY)? + KEY.len();
        let end = start + line[start..].find('"')?;
        Some(line[start..end].replace("\\\\", "\\"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_executable_is_read_from_cargo_json() {
        let json = concat!(
            r#"{"reason":"compiler-artifact","executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"name":"safety"},"executable":"/t/debug/deps/safety-0a1b"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        assert_eq!(
            executable(json).as_deref(),
            Some("/t/debug/deps/safety-0a1b")
        );
        assert_eq!(executable(r#"{"reason":"build-finished"}"#), None);
    }
}
