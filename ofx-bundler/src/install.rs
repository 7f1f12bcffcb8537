//! The `install` command: copies bundles into the OFX plugin directory.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The directory hosts search by default on this platform.
pub fn platform_default() -> PathBuf {
    if cfg!(target_os = "macos") {
        PathBuf::from("/Library/OFX/Plugins")
    } else if cfg!(windows) {
        PathBuf::from(r"C:\Program Files\Common Files\OFX\Plugins")
    } else {
        PathBuf::from("/usr/OFX/Plugins")
    }
}

/// Chooses the install directory: `dest` if given, else the first entry of
/// `ofx_plugin_path` (the value of `$OFX_PLUGIN_PATH`), else the platform
/// default.
pub fn destination(dest: Option<&Path>, ofx_plugin_path: Option<OsString>) -> PathBuf {
    if let Some(dest) = dest {
        return dest.to_path_buf();
    }
    ofx_plugin_path
        .as_deref()
        .and_then(|value| std::env::split_paths(value).find(|p| !p.as_os_str().is_empty()))
        .unwrap_or_else(platform_default)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Copies one bundle directory into `dest_dir`, replacing an older copy:
/// the new copy is written under a temporary name first and then renamed in
/// place, so a host never sees a half-written bundle.
pub fn install_bundle(bundle: &Path, dest_dir: &Path) -> Result<PathBuf> {
    let name = bundle
        .file_name()
        .ok_or_else(|| Error::NoBundle(bundle.to_path_buf()))?;
    std::fs::create_dir_all(dest_dir).map_err(Error::io("creating", dest_dir))?;
    let final_path = dest_dir.join(name);
    let pid = std::process::id();
    let mut tmp_name = OsString::from(".");
    tmp_name.push(name);
    let tmp = dest_dir.join({
        let mut n = tmp_name.clone();
        n.push(format!(".tmp-{pid}"));
        n
    });
    let old = dest_dir.join({
        let mut n = tmp_name;
        n.push(format!(".old-{pid}"));
        n
    });
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(Error::io("removing", &tmp))?;
    }
    copy_dir(bundle, &tmp).map_err(Error::io("copying into", &tmp))?;
    if final_path.exists() {
        std::fs::rename(&final_path, &old).map_err(Error::io("moving aside", &final_path))?;
    }
    std::fs::rename(&tmp, &final_path).map_err(Error::io("renaming into", &final_path))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(Error::io("removing", &old))?;
    }
    Ok(final_path)
}

/// Installs the named bundles (names with or without `.ofx.bundle`, or
/// paths) from `bundles_dir`, or every bundle there when `names` is empty.
/// Returns the installed paths.
pub fn install(bundles_dir: &Path, names: &[String], dest_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut sources = Vec::new();
    if names.is_empty() {
        let entries = std::fs::read_dir(bundles_dir).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NoBundles(bundles_dir.to_path_buf()),
            _ => Error::io("reading", bundles_dir)(e),
        })?;
        for entry in entries {
            let path = entry.map_err(Error::io("reading", bundles_dir))?.path();
            if path.is_dir() && path.to_string_lossy().ends_with(".ofx.bundle") {
                sources.push(path);
            }
        }
        sources.sort();
    } else {
        for name in names {
            let as_path = PathBuf::from(name);
            let path = if as_path.is_dir() {
                as_path
            } else if name.ends_with(".ofx.bundle") {
                bundles_dir.join(name)
            } else {
                bundles_dir.join(format!("{name}.ofx.bundle"))
            };
            if !path.is_dir() {
                return Err(Error::NoBundle(path));
            }
            sources.push(path);
        }
    }
    if sources.is_empty() {
        return Err(Error::NoBundles(bundles_dir.to_path_buf()));
    }
    sources
        .iter()
        .map(|s| install_bundle(s, dest_dir))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_bundle(dir: &Path, name: &str, payload: &[u8]) -> PathBuf {
        let bundle = dir.join(format!("{name}.ofx.bundle"));
        std::fs::create_dir_all(bundle.join("Contents/Linux-x86-64")).unwrap();
        std::fs::write(
            bundle.join(format!("Contents/Linux-x86-64/{name}.ofx")),
            payload,
        )
        .unwrap();
        bundle
    }

    #[test]
    fn destination_prefers_flag_then_env_then_default() {
        let joined = std::env::join_paths(["/a/first", "/b/second"]).unwrap();
        assert_eq!(
            destination(None, Some(joined.clone())),
            PathBuf::from("/a/first")
        );
        assert_eq!(
            destination(Some(Path::new("/x")), Some(joined)),
            PathBuf::from("/x")
        );
        assert_eq!(destination(None, None), platform_default());
        assert_eq!(destination(None, Some(OsString::new())), platform_default());
    }

    #[test]
    fn install_into_ofx_plugin_path_replaces_old_copy() {
        let src = tempfile::tempdir().unwrap();
        let plugins = tempfile::tempdir().unwrap();
        fake_bundle(src.path(), "Gain", b"new");
        fake_bundle(src.path(), "Blur", b"blur");
        // An older copy with a stale extra file.
        let old = fake_bundle(plugins.path(), "Gain", b"old");
        std::fs::write(old.join("Contents/stale"), b"x").unwrap();

        let env = std::env::join_paths([plugins.path(), Path::new("/elsewhere")]).unwrap();
        let dest = destination(None, Some(env));
        let installed = install(src.path(), &[], &dest).unwrap();
        assert_eq!(installed.len(), 2);
        let gain = plugins.path().join("Gain.ofx.bundle");
        assert_eq!(
            std::fs::read(gain.join("Contents/Linux-x86-64/Gain.ofx")).unwrap(),
            b"new"
        );
        assert!(!gain.join("Contents/stale").exists());
        assert!(
            plugins
                .path()
                .join("Blur.ofx.bundle/Contents/Linux-x86-64/Blur.ofx")
                .is_file()
        );
        // No temporary directories are left behind.
        let leftovers: Vec<_> = std::fs::read_dir(plugins.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn install_by_name_and_missing_name() {
        let src = tempfile::tempdir().unwrap();
        let plugins = tempfile::tempdir().unwrap();
        fake_bundle(src.path(), "Gain", b"g");
        let installed = install(src.path(), &["Gain".into()], plugins.path()).unwrap();
        assert_eq!(installed, vec![plugins.path().join("Gain.ofx.bundle")]);
        assert!(matches!(
            install(src.path(), &["Nope".into()], plugins.path()),
            Err(Error::NoBundle(p)) if p == src.path().join("Nope.ofx.bundle")
        ));
        let empty = src.path().join("empty");
        assert!(matches!(
            install(&empty, &[], plugins.path()),
            Err(Error::NoBundles(_))
        ));
        std::fs::create_dir(&empty).unwrap();
        assert!(matches!(
            install(&empty, &[], plugins.path()),
            Err(Error::NoBundles(_))
        ));
    }
}
