//! A plugin project outside this workspace, set up as `docs/bundling.md`
//! tells an author to: a `cdylib` crate on `ofx-plugin`, and an `xtask`
//! crate whose whole `main` is `ofx_bundler::main()`, with the `cargo xtask`
//! alias. `cargo xtask bundle` there must write a bundle that a host loads
//! and describes, and `cargo xtask install` must copy it.
//!
//! The project is written into a temporary directory with a target
//! directory of its own, so this compiles `ofx-plugin` and `ofx-bundler`
//! once more. It takes this workspace's `Cargo.lock`, so it builds the
//! versions this workspace builds: after a build of the workspace cargo
//! finds them all downloaded and does not reach the registry. It is not
//! forced offline, because `cargo test -p ofx-bundler` alone on a fresh
//! machine has not downloaded ofx-plugin's dependencies.

use std::path::{Path, PathBuf};
use std::process::Command;

use ofx_host::driver::{HostConfig, Session};

const PLUGIN_ID: &str = "org.example.outside.Tiny";

const WORKSPACE_MANIFEST: &str = r#"[workspace]
resolver = "3"
members = ["tiny-fx", "xtask"]
"#;

const CARGO_CONFIG: &str = r#"[alias]
xtask = "run --package xtask --"
"#;

const PLUGIN_MANIFEST: &str = r#"[package]
name = "tiny-fx"
version = "2.5.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
ofx-plugin = { path = "@OFX_PLUGIN@" }
"#;

const PLUGIN_LIB: &str = r#"//! One tiny effect: copies its source.
#![forbid(unsafe_code)]

use ofx_plugin::prelude::*;

#[derive(Plugin)]
#[ofx(id = "org.example.outside.Tiny", version = "1.0", label = "Tiny", group = "Test")]
struct Tiny {
    source: Clip,
}

impl ImageEffect for Tiny {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Filter])?
            .supported_pixel_depths(&[BitDepth::F32])?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        d.source_clip()?.supported_components(&[PixelComponents::Rgba])?;
        d.output_clip()?.supported_components(&[PixelComponents::Rgba])?;
        Ok(())
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Tiny { source: i.source_clip()? })
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let src = r.input(&self.source)?;
        let s = src.view::<Rgba<f32>>()?;
        r.output()?.view_mut::<Rgba<f32>>()?.par_rows_from(&s, |row, src| {
            for (o, i) in row.iter_mut().zip(src) {
                *o = *i;
            }
        });
        Ok(())
    }
}

ofx_plugin::bundle!(Tiny);
"#;

const XTASK_MANIFEST: &str = r#"[package]
name = "xtask"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
ofx-bundler = { path = "@OFX_BUNDLER@" }
"#;

const XTASK_MAIN: &str = r#"fn main() {
    ofx_bundler::main()
}
"#;

/// Writes `text` at `root/relative`, creating its directory.
fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// This workspace's directory of `crate_name`, as an absolute path.
fn workspace_crate(crate_name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(crate_name);
    let dir = dir.canonicalize().unwrap();
    dir.to_str().expect("a UTF-8 path").replace('\\', "/")
}

/// Writes the project into `root`.
fn write_project(root: &Path) {
    write(root, "Cargo.toml", WORKSPACE_MANIFEST);
    write(root, ".cargo/config.toml", CARGO_CONFIG);
    let plugin = PLUGIN_MANIFEST.replace("@OFX_PLUGIN@", &workspace_crate("ofx-plugin"));
    write(root, "tiny-fx/Cargo.toml", &plugin);
    write(root, "tiny-fx/src/lib.rs", PLUGIN_LIB);
    let xtask = XTASK_MANIFEST.replace("@OFX_BUNDLER@", &workspace_crate("ofx-bundler"));
    write(root, "xtask/Cargo.toml", &xtask);
    write(root, "xtask/src/main.rs", XTASK_MAIN);
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, root.join("Cargo.lock")).unwrap();
}

/// Runs `cargo xtask <args>` in `root` and returns its standard output;
/// panics with cargo's messages when it fails.
fn cargo_xtask(root: &Path, args: &[&str]) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .arg("xtask")
        .args(args)
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "cargo xtask {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn an_outside_project_bundles_with_its_own_xtask_and_the_bundle_loads() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    write_project(root);

    let printed = cargo_xtask(root, &["bundle", "tiny-fx"]);
    let bundle = root.join("target/bundles/TinyFx.ofx.bundle");
    assert_eq!(
        printed.trim(),
        format!("bundled {} ({PLUGIN_ID})", bundle.display())
    );

    // Layout: the binary under the architecture folder, one icon per plugin.
    let contents = bundle.join("Contents");
    let arch = ofx_bundler::arch_dir_for(None).unwrap();
    assert!(contents.join(arch).join("TinyFx.ofx").is_file());
    assert!(
        contents
            .join(format!("Resources/{PLUGIN_ID}.png"))
            .is_file()
    );

    // Info.plist, parsed by the plist crate.
    let plist = plist::Value::from_file(contents.join("Info.plist")).unwrap();
    let dictionary = plist.as_dictionary().expect("a dictionary");
    let get = |key: &str| dictionary.get(key).and_then(plist::Value::as_string);
    assert_eq!(get("CFBundleExecutable"), Some("TinyFx.ofx"));
    assert_eq!(get("CFBundleName"), Some("TinyFx"));
    assert_eq!(get("CFBundleVersion"), Some("2.5.0"));
    assert_eq!(get("CFBundleShortVersionString"), Some("2.5.0"));
    assert_eq!(get("CFBundlePackageType"), Some("BNDL"));
    assert_eq!(
        get("CFBundleIdentifier"),
        Some(format!("{PLUGIN_ID}.bundle").as_str())
    );

    // The installed copy is what a host finds; it loads and describes.
    let plugins_dir = root.join("plugins");
    let printed = cargo_xtask(
        root,
        &["install", "TinyFx", "--dest", plugins_dir.to_str().unwrap()],
    );
    let installed: PathBuf = plugins_dir.join("TinyFx.ofx.bundle");
    assert_eq!(printed.trim(), format!("installed {}", installed.display()));
    let session = Session::load_bundle(&installed, HostConfig::default()).unwrap();
    let ids: Vec<String> = session.plugins().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, [PLUGIN_ID]);
    let plugin = session.plugin(PLUGIN_ID).unwrap();
    assert_eq!(plugin.contexts(), [ofx_host::Context::Filter]);
    let context = plugin
        .describe_in_context(ofx_host::Context::Filter)
        .unwrap();
    let clips: Vec<&str> = context
        .clips
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(clips, ["Source", "Output"]);
}
