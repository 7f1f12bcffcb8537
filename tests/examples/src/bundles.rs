//! Builds the example plugins and lays them out as `.ofx.bundle`
//! directories, once per process.
//!
//! All examples are built by one `cargo build` in a target directory of
//! their own (`<outer target>/nested-bundles`): the outer `cargo test`
//! holds the lock of its own target directory while tests run, so a nested
//! build there would wait for ever. Building every example in one
//! invocation also builds the shared dependencies once, with one set of
//! features. The bundles are then written with
//! [`ofx_bundler::write_bundle`], as `cargo xtask bundle` would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// One example plugin crate.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// The crate name under `examples/`.
    pub krate: &'static str,
    /// The plugin identifier it exports.
    pub id: &'static str,
}

/// Gain.
pub const GAIN: Example = Example {
    krate: "gain",
    id: "org.ofx-rs.examples.Gain",
};
/// Invert.
pub const INVERT: Example = Example {
    krate: "invert",
    id: "org.ofx-rs.examples.Invert",
};
/// Checkerboard.
pub const CHECKERBOARD: Example = Example {
    krate: "checkerboard",
    id: "org.ofx-rs.examples.Checkerboard",
};
/// Cross Dissolve.
pub const CROSS_DISSOLVE: Example = Example {
    krate: "cross-dissolve",
    id: "org.ofx-rs.examples.CrossDissolve",
};
/// Frame Average.
pub const FRAME_AVERAGE: Example = Example {
    krate: "frame-average",
    id: "org.ofx-rs.examples.FrameAverage",
};

/// Blur.
pub const BLUR: Example = Example {
    krate: "blur",
    id: "org.ofx-rs.examples.Blur",
};
/// Brightness, the plugin of the guide's first page.
pub const BRIGHTNESS: Example = Example {
    krate: "brightness",
    id: "com.example.Brightness",
};

/// Every example these tests drive.
pub const ALL: [Example; 5] = [GAIN, INVERT, CHECKERBOARD, CROSS_DISSOLVE, FRAME_AVERAGE];

/// Every example built into a bundle: those the tests drive, and those only
/// the benchmarks load.
pub const BUILT: [Example; 7] = [
    GAIN,
    INVERT,
    CHECKERBOARD,
    CROSS_DISSOLVE,
    FRAME_AVERAGE,
    BRIGHTNESS,
    BLUR,
];

/// The cargo profile the examples are built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// The dev profile: debug assertions and overflow checks on (tests).
    Debug,
    /// The release profile (benchmarks).
    Release,
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The target directory of the running test or bench binary
/// (`<target>/<profile>/deps/<binary>`), or `target/` of the workspace.
fn outer_target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return dir.into();
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The directory the nested build uses.
pub fn nested_target_dir() -> PathBuf {
    outer_target_dir().join("nested-bundles")
}

/// Builds every example with `profile` (once per process) and returns the
/// bundle directory of each, by crate name.
///
/// # Panics
/// When the build or the bundling fails, with cargo's output.
pub fn bundles(profile: Profile) -> &'static BTreeMap<&'static str, PathBuf> {
    static DEBUG: OnceLock<BTreeMap<&'static str, PathBuf>> = OnceLock::new();
    static RELEASE: OnceLock<BTreeMap<&'static str, PathBuf>> = OnceLock::new();
    let cell = match profile {
        Profile::Debug => &DEBUG,
        Profile::Release => &RELEASE,
    };
    cell.get_or_init(|| build(profile).unwrap_or_else(|e| panic!("building the examples: {e}")))
}

/// The bundle of one example.
pub fn bundle(example: Example, profile: Profile) -> PathBuf {
    bundles(profile)[example.krate].clone()
}

fn build(profile: Profile) -> Result<BTreeMap<&'static str, PathBuf>, String> {
    let target = nested_target_dir();
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    // Other processes (a bench next to the tests) may build the same
    // bundles: take turns. Cargo locks its own build directory, but not the
    // bundle directories written below.
    let lock_path = target.join("example-bundles.lock");
    let lock =
        std::fs::File::create(&lock_path).map_err(|e| format!("{}: {e}", lock_path.display()))?;
    lock.lock()
        .map_err(|e| format!("locking {}: {e}", lock_path.display()))?;

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.arg("build")
        .arg("--manifest-path")
        .arg(workspace_root().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .arg("--lib");
    for e in BUILT {
        cmd.args(["-p", e.krate]);
    }
    if profile == Profile::Release {
        cmd.arg("--release");
    }
    let out = cmd.output().map_err(|e| format!("running cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let profile_dir = target.join(match profile {
        Profile::Debug => "debug",
        Profile::Release => "release",
    });
    let bundles_dir = profile_dir.join("bundles");
    let arch = ofx_bundler::arch_dir_for(None).map_err(|e| e.to_string())?;
    let mut map = BTreeMap::new();
    for e in BUILT {
        let lib = e.krate.replace('-', "_");
        let binary = profile_dir.join(format!(
            "{}{lib}{}",
            std::env::consts::DLL_PREFIX,
            std::env::consts::DLL_SUFFIX
        ));
        let name = ofx_bundler::camel_case(e.krate);
        let manifest_dir = workspace_root().join("examples").join(e.krate);
        let path = ofx_bundler::write_bundle(
            &bundles_dir,
            &name,
            env!("CARGO_PKG_VERSION"),
            arch,
            &binary,
            &[e.id.to_owned()],
            Some(&manifest_dir),
        )
        .map_err(|e| e.to_string())?;
        map.insert(e.krate, path);
    }
    drop(lock);
    Ok(map)
}
