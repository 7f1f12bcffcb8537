//! The `bundle` command: builds cdylib crates and lays them out as OFX
//! bundles.
//!
//! Entry point: [`bundle`]. Given a list of packages of a Cargo workspace
//! (this one, or a foreign one through [`BundleOptions::manifest_path`]) it
//! builds each with `cargo build --message-format=json-render-diagnostics`,
//! takes the cdylib path from cargo's JSON output, reads the plugin
//! identifiers from the built binary (loaded with `ofx-host`, as a host
//! would) and writes
//! `<target-dir>/bundles/<Name>.ofx.bundle/`:
//!
//! ```text
//! Contents/Info.plist
//! Contents/<Arch>/<Name>.ofx
//! Contents/Resources/<pluginIdentifier>.png
//! ```
//!
//! Crates can set `[package.metadata.ofx] bundle-name = "..."` and
//! `plugins = ["org.example.Gain", ...]`; the latter is cross-checked against
//! what the binary reports.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::info_plist::{self, BundleInfo};
use crate::{Error, Result, icon};

/// What to bundle and how to build it.
#[derive(Debug, Clone, Default)]
pub struct BundleOptions {
    /// Package names to bundle; empty means "the packages selected by
    /// `all_examples`".
    pub packages: Vec<String>,
    /// Also bundle every cdylib package whose manifest lives under an
    /// `examples/` directory of the workspace.
    pub all_examples: bool,
    /// Build with `--release`.
    pub release: bool,
    /// Override the bundle name (only valid with a single package).
    pub name: Option<String>,
    /// `Cargo.toml` of the workspace or package to use (defaults to the
    /// current directory's).
    pub manifest_path: Option<PathBuf>,
    /// Target triple passed through to cargo (`--target`).
    pub target: Option<String>,
    /// Cargo target directory override; by default cargo's own choice
    /// (which respects `CARGO_TARGET_DIR`) is used.
    pub target_dir: Option<PathBuf>,
}

/// A package selected for bundling, as described by `cargo metadata`.
#[derive(Debug, Clone)]
struct PackageInfo {
    name: String,
    version: String,
    manifest_path: PathBuf,
    bundle_name: Option<String>,
    declared_plugins: Option<Vec<String>>,
}

/// Result of bundling one package.
#[derive(Debug, Clone)]
pub struct BuiltBundle {
    /// Path of the `<Name>.ofx.bundle` directory.
    pub path: PathBuf,
    /// Plugin identifiers held by the bundle.
    pub plugins: Vec<String>,
}

/// The cargo executable: the one running us when under cargo, else `cargo`.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn add_common_args(cmd: &mut Command, options: &BundleOptions) {
    if let Some(manifest) = &options.manifest_path {
        cmd.arg("--manifest-path").arg(manifest);
    }
    if let Some(dir) = &options.target_dir {
        cmd.env("CARGO_TARGET_DIR", dir);
    }
}

/// Converts a crate name such as `my-gain_plugin` to `MyGainPlugin`.
pub fn camel_case(crate_name: &str) -> String {
    crate_name
        .split(['-', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// Chooses the `Contents/<Arch>` directory name for a target OS and
/// architecture (Rust's `target_os`/`target_arch` spellings).
pub fn arch_dir(os: &str, arch: &str) -> Result<&'static str> {
    match (os, arch) {
        ("macos", _) => Ok("MacOS"),
        ("windows", "x86_64" | "aarch64") => Ok("Win64"),
        ("windows", "x86") => Ok("Win32"),
        ("linux", "x86_64") => Ok("Linux-x86-64"),
        ("linux", "aarch64") => Ok("Linux-aarch64"),
        ("linux", "x86") => Ok("Linux-x86"),
        _ => Err(Error::UnsupportedTarget {
            os: os.to_string(),
            arch: arch.to_string(),
        }),
    }
}

/// Extracts `(os, arch)` from a target triple such as
/// `x86_64-unknown-linux-gnu`.
pub fn os_arch_of_triple(triple: &str) -> (String, String) {
    let arch = triple.split('-').next().unwrap_or_default();
    let arch = match arch {
        "i386" | "i586" | "i686" => "x86",
        other => other,
    };
    let os = if triple.contains("-apple-") || triple.contains("darwin") {
        "macos"
    } else if triple.contains("windows") {
        "windows"
    } else if triple.contains("linux") {
        "linux"
    } else {
        "unknown"
    };
    (os.to_string(), arch.to_string())
}

/// The architecture directory for the given target triple, or for the
/// machine the bundler runs on when `None`.
pub fn arch_dir_for(target: Option<&str>) -> Result<&'static str> {
    match target {
        Some(triple) => {
            let (os, arch) = os_arch_of_triple(triple);
            arch_dir(&os, &arch)
        }
        None => arch_dir(std::env::consts::OS, std::env::consts::ARCH),
    }
}

/// Runs `cargo metadata` and returns the target directory and the workspace
/// root together with the parsed packages.
fn metadata(options: &BundleOptions) -> Result<(PathBuf, PathBuf, Vec<Value>)> {
    let mut cmd = cargo();
    cmd.args(["metadata", "--format-version", "1", "--no-deps"]);
    add_common_args(&mut cmd, options);
    let command = "cargo metadata";
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|source| Error::CargoSpawn {
            command: command.into(),
            source,
        })?;
    if !out.status.success() {
        return Err(Error::CargoFailed {
            command: command.into(),
            status: out.status,
        });
    }
    let json: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| Error::CargoOutput(format!("{command}: {e}")))?;
    let path = |key: &str| {
        json[key]
            .as_str()
            .map(PathBuf::from)
            .ok_or_else(|| Error::CargoOutput(format!("{command} has no {key}")))
    };
    let packages = json["packages"].as_array().cloned().unwrap_or_default();
    Ok((path("target_directory")?, path("workspace_root")?, packages))
}

fn is_cdylib(package: &Value) -> bool {
    package["targets"].as_array().is_some_and(|targets| {
        targets.iter().any(|t| {
            t["crate_types"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == "cdylib"))
        })
    })
}

fn package_info(package: &Value) -> Result<PackageInfo> {
    let name = package["name"].as_str().unwrap_or_default().to_string();
    let ofx = &package["metadata"]["ofx"];
    let malformed = |problem: &str| Error::Metadata {
        package: name.clone(),
        problem: problem.into(),
    };
    let declared_plugins = match &ofx["plugins"] {
        Value::Null => None,
        Value::Array(items) => Some(
            items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| malformed("plugins must be strings"))
                })
                .collect::<Result<Vec<_>>>()?,
        ),
        _ => return Err(malformed("plugins must be a list")),
    };
    Ok(PackageInfo {
        version: package["version"].as_str().unwrap_or("0.0.0").to_string(),
        manifest_path: PathBuf::from(package["manifest_path"].as_str().unwrap_or_default()),
        bundle_name: ofx["bundle-name"].as_str().map(str::to_string),
        declared_plugins,
        name,
    })
}

/// The cdylib packages (from `cargo metadata`'s `packages`) whose manifest
/// lives under `<workspace_root>/examples/`, sorted by name.
fn example_packages(packages: &[Value], workspace_root: &Path) -> Result<Vec<PackageInfo>> {
    let examples = workspace_root.join("examples");
    let mut found = Vec::new();
    for package in packages.iter().filter(|p| is_cdylib(p)) {
        let info = package_info(package)?;
        if info.manifest_path.starts_with(&examples) {
            found.push(info);
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Builds one package and returns the path of its cdylib, read from cargo's
/// JSON messages.
fn build_cdylib(package: &PackageInfo, options: &BundleOptions) -> Result<PathBuf> {
    let mut cmd = cargo();
    cmd.args([
        "build",
        "-p",
        &package.name,
        "--message-format=json-render-diagnostics",
    ]);
    if options.release {
        cmd.arg("--release");
    }
    if let Some(target) = &options.target {
        cmd.args(["--target", target]);
    }
    add_common_args(&mut cmd, options);
    let command = format!("cargo build -p {}", package.name);
    let spawn_error = |source| Error::CargoSpawn {
        command: command.clone(),
        source,
    };
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(spawn_error)?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| Error::CargoOutput(format!("{command} has no stdout")))?;
    let mut found = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(spawn_error)?;
        let Ok(message) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-message") => {
                if let Some(rendered) = message["message"]["rendered"].as_str() {
                    eprint!("{rendered}");
                }
            }
            Some("compiler-artifact")
                if message["manifest_path"].as_str().map(Path::new)
                    == Some(package.manifest_path.as_path()) =>
            {
                let is_cdylib = message["target"]["crate_types"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|k| k == "cdylib"));
                if is_cdylib {
                    let dylib = message["filenames"].as_array().and_then(|files| {
                        files.iter().filter_map(Value::as_str).find(|f| {
                            f.ends_with(".so") || f.ends_with(".dylib") || f.ends_with(".dll")
                        })
                    });
                    found = dylib.map(PathBuf::from);
                }
            }
            _ => {}
        }
    }
    let status = child.wait().map_err(spawn_error)?;
    if !status.success() {
        return Err(Error::CargoFailed { command, status });
    }
    found.ok_or_else(|| Error::CargoOutput(format!("{command} reported no cdylib")))
}

/// Checks the identifiers reported by the binary against the ones declared
/// in `[package.metadata.ofx] plugins`.
pub fn cross_check(
    crate_name: &str,
    reported: &[String],
    declared: Option<&[String]>,
) -> Result<()> {
    if let Some(declared) = declared {
        let mut a = reported.to_vec();
        let mut b = declared.to_vec();
        a.sort();
        b.sort();
        if a != b {
            return Err(Error::PluginMismatch {
                package: crate_name.to_string(),
                reported: reported.to_vec(),
                declared: declared.to_vec(),
            });
        }
    }
    if reported.is_empty() {
        return Err(Error::NoPlugins(crate_name.to_string()));
    }
    Ok(())
}

/// The identifiers of the plugins a built binary exports, read by loading
/// it through `ofx-host` and calling `OfxGetNumberOfPlugins` and
/// `OfxGetPlugin`, as a host would.
///
/// Loading runs the library's initialisers: the bundler only loads the
/// binary it has just built from the user's own crate, the code a host
/// would load anyway.
///
/// # Errors
/// [`Error::Load`] when the binary cannot be opened, lacks the OFX exports,
/// or reports a plugin without an identifier.
pub fn plugin_ids(binary: &Path) -> Result<Vec<String>> {
    let load_error = |message: String| Error::Load {
        path: binary.to_path_buf(),
        message,
    };
    let opened = ofx_host::loader::PluginBinary::open(binary).map_err(load_error)?;
    let ids: Vec<String> = opened.plugins().into_iter().map(|p| p.id).collect();
    if ids.iter().any(String::is_empty) {
        return Err(load_error("a plugin reports no identifier".into()));
    }
    Ok(ids)
}

/// Writes the bundle directory for an already built binary. `plugins` are the
/// plugin identifiers (one icon each); `icon_dir` is where a shipped
/// `icon.png` is looked for. Any existing bundle at the same place is
/// replaced.
pub fn write_bundle(
    bundles_dir: &Path,
    name: &str,
    version: &str,
    arch: &str,
    binary: &Path,
    plugins: &[String],
    icon_dir: Option<&Path>,
) -> Result<PathBuf> {
    let bundle = bundles_dir.join(format!("{name}.ofx.bundle"));
    if bundle.exists() {
        std::fs::remove_dir_all(&bundle).map_err(Error::io("removing", &bundle))?;
    }
    let contents = bundle.join("Contents");
    let arch_path = contents.join(arch);
    let resources = contents.join("Resources");
    for dir in [&arch_path, &resources] {
        std::fs::create_dir_all(dir).map_err(Error::io("creating", dir))?;
    }
    let executable = format!("{name}.ofx");
    let dest = arch_path.join(&executable);
    std::fs::copy(binary, &dest).map_err(Error::io("copying to", &dest))?;
    let info = BundleInfo {
        name: name.to_string(),
        executable,
        identifier: info_plist::bundle_identifier(name, plugins),
        version: version.to_string(),
    };
    info_plist::write(&info, &contents.join("Info.plist"))?;
    let shipped = icon_dir.map(|d| d.join("icon.png"));
    for id in plugins {
        icon::write_icon(id, shipped.as_deref(), &resources.join(format!("{id}.png")))?;
    }
    Ok(bundle)
}

/// The directory bundles are written to: `<target-dir>/bundles`, with the
/// target directory taken from `cargo metadata` (so `CARGO_TARGET_DIR` and
/// `--manifest-path` are respected).
pub fn bundles_dir(options: &BundleOptions) -> Result<PathBuf> {
    Ok(metadata(options)?.0.join("bundles"))
}

/// Builds and bundles the packages selected by `options`, returning the
/// bundles written (under `<target-dir>/bundles/`).
pub fn bundle(options: &BundleOptions) -> Result<Vec<BuiltBundle>> {
    let (target_dir, workspace_root, packages) = metadata(options)?;
    let mut selected = Vec::new();
    for wanted in &options.packages {
        let package = packages
            .iter()
            .find(|p| p["name"] == wanted.as_str())
            .ok_or_else(|| Error::NoSuchPackage(wanted.clone()))?;
        if !is_cdylib(package) {
            return Err(Error::NotCdylib(wanted.clone()));
        }
        selected.push(package_info(package)?);
    }
    if options.all_examples {
        for info in example_packages(&packages, &workspace_root)? {
            if !selected.iter().any(|s| s.name == info.name) {
                selected.push(info);
            }
        }
    }
    if selected.is_empty() {
        return Err(Error::NothingToBundle);
    }
    if options.name.is_some() && selected.len() > 1 {
        return Err(Error::NameWithSeveralPackages);
    }
    let arch = arch_dir_for(options.target.as_deref())?;
    let cross = options.target.as_deref().is_some_and(|t| {
        os_arch_of_triple(t) != (std::env::consts::OS.into(), std::env::consts::ARCH.into())
    });
    let names: Vec<String> = selected
        .iter()
        .map(|package| {
            options
                .name
                .clone()
                .or_else(|| package.bundle_name.clone())
                .unwrap_or_else(|| camel_case(&package.name))
        })
        .collect();
    if let Some(dup) = names
        .iter()
        .enumerate()
        .find_map(|(i, n)| names[..i].contains(n).then_some(n))
    {
        return Err(Error::DuplicateBundle(dup.clone()));
    }
    let bundles_dir = target_dir.join("bundles");
    let mut built = Vec::new();
    for (package, name) in selected.iter().zip(&names) {
        let binary = build_cdylib(package, options)?;
        let plugins = if cross {
            // A foreign binary cannot be loaded here: trust the metadata.
            package
                .declared_plugins
                .clone()
                .ok_or_else(|| Error::CrossNeedsPlugins(package.name.clone()))?
        } else {
            let reported = plugin_ids(&binary)?;
            cross_check(
                &package.name,
                &reported,
                package.declared_plugins.as_deref(),
            )?;
            reported
        };
        let path = write_bundle(
            &bundles_dir,
            name,
            &package.version,
            arch,
            &binary,
            &plugins,
            package.manifest_path.parent(),
        )?;
        built.push(BuiltBundle { path, plugins });
    }
    Ok(built)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_names() {
        assert_eq!(camel_case("gain"), "Gain");
        assert_eq!(camel_case("cross-dissolve"), "CrossDissolve");
        assert_eq!(camel_case("my_blur-plugin"), "MyBlurPlugin");
        assert_eq!(camel_case("ofx--x"), "OfxX");
    }

    #[test]
    fn arch_directories() {
        assert_eq!(
            arch_dir_for(Some("x86_64-unknown-linux-gnu")).unwrap(),
            "Linux-x86-64"
        );
        assert_eq!(
            arch_dir_for(Some("aarch64-unknown-linux-gnu")).unwrap(),
            "Linux-aarch64"
        );
        assert_eq!(
            arch_dir_for(Some("i686-unknown-linux-gnu")).unwrap(),
            "Linux-x86"
        );
        assert_eq!(arch_dir_for(Some("aarch64-apple-darwin")).unwrap(), "MacOS");
        assert_eq!(arch_dir_for(Some("x86_64-apple-darwin")).unwrap(), "MacOS");
        assert_eq!(
            arch_dir_for(Some("x86_64-pc-windows-msvc")).unwrap(),
            "Win64"
        );
        assert_eq!(arch_dir_for(Some("i686-pc-windows-msvc")).unwrap(), "Win32");
        assert!(matches!(
            arch_dir_for(Some("wasm32-unknown-unknown")),
            Err(Error::UnsupportedTarget { .. })
        ));
        assert!(arch_dir_for(None).is_ok());
    }

    #[test]
    fn all_examples_selects_cdylibs_under_examples() {
        let package = |name: &str, manifest: &str, kinds: &[&str]| {
            serde_json::json!({
                "name": name,
                "version": "1.0.0",
                "manifest_path": manifest,
                "targets": [{ "crate_types": kinds }],
                "metadata": { "ofx": { "bundle-name": format!("B{name}") } }
            })
        };
        let packages = vec![
            package("gain", "/ws/examples/gain/Cargo.toml", &["cdylib", "rlib"]),
            package("helper", "/ws/examples/helper/Cargo.toml", &["rlib"]),
            package("core", "/ws/core/Cargo.toml", &["cdylib"]),
            package("blur", "/ws/examples/blur/Cargo.toml", &["cdylib"]),
        ];
        let found = example_packages(&packages, Path::new("/ws")).unwrap();
        let names: Vec<_> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["blur", "gain"]);
        assert_eq!(found[1].bundle_name.as_deref(), Some("Bgain"));
        assert_eq!(found[1].version, "1.0.0");
    }

    #[test]
    fn metadata_plugins_must_be_strings() {
        let bad = serde_json::json!({
            "name": "x", "version": "1.0.0", "manifest_path": "/x/Cargo.toml",
            "metadata": { "ofx": { "plugins": [1] } }
        });
        assert!(matches!(package_info(&bad), Err(Error::Metadata { .. })));
        let good = serde_json::json!({
            "name": "x", "version": "1.0.0", "manifest_path": "/x/Cargo.toml",
            "metadata": { "ofx": { "plugins": ["a.B"] } }
        });
        assert_eq!(
            package_info(&good).unwrap().declared_plugins,
            Some(vec!["a.B".into()])
        );
    }

    #[test]
    fn cross_check_detects_mismatch() {
        let ids = vec!["a.B".to_string(), "a.C".to_string()];
        let reversed = vec!["a.C".to_string(), "a.B".to_string()];
        assert!(cross_check("x", &ids, Some(&reversed)).is_ok());
        assert!(cross_check("x", &ids, None).is_ok());
        assert!(matches!(
            cross_check("x", &ids, Some(&ids[..1])),
            Err(Error::PluginMismatch { .. })
        ));
        assert!(matches!(
            cross_check("x", &[], None),
            Err(Error::NoPlugins(_))
        ));
    }

    #[test]
    fn write_bundle_lays_out_several_plugins() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("libfake.so");
        std::fs::write(&binary, b"binary").unwrap();
        let ids = vec!["org.x.One".to_string(), "org.x.Two".to_string()];
        let bundles = dir.path().join("bundles");
        let path = write_bundle(
            &bundles,
            "Multi",
            "2.0.1",
            "Linux-x86-64",
            &binary,
            &ids,
            None,
        )
        .unwrap();
        assert_eq!(path, bundles.join("Multi.ofx.bundle"));
        let contents = path.join("Contents");
        assert_eq!(
            std::fs::read(contents.join("Linux-x86-64/Multi.ofx")).unwrap(),
            b"binary"
        );
        assert!(contents.join("Resources/org.x.One.png").is_file());
        assert!(contents.join("Resources/org.x.Two.png").is_file());
        let info = info_plist::read(&contents.join("Info.plist")).unwrap();
        assert_eq!(info.version, "2.0.1");
        assert_eq!(info.executable, "Multi.ofx");
        assert_eq!(info.identifier, "org.x.One.bundle");
    }
}
