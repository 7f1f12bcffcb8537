//! The error type of every bundler operation.

use std::fmt;
use std::path::PathBuf;
use std::process::ExitStatus;

/// What went wrong while bundling or installing.
///
/// Each variant carries what its message needs: the package, path or
/// command involved. Errors of the file system, of the `plist` crate and of
/// PNG encoding are kept as their [`source`](std::error::Error::source).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The command line was not understood; the text names the argument.
    Usage(String),
    /// A file or directory operation failed.
    Io {
        /// What was being done, e.g. `"copying to"`.
        action: &'static str,
        /// The file or directory it was done to.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A cargo command could not be started, or its output not read.
    CargoSpawn {
        /// The command, e.g. `"cargo metadata"`.
        command: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A cargo command ran and failed. Cargo printed its own diagnostics.
    CargoFailed {
        /// The command, e.g. `"cargo build -p gain"`.
        command: String,
        /// How it exited.
        status: ExitStatus,
    },
    /// Cargo's output lacked something the bundler needs.
    CargoOutput(String),
    /// The workspace has no package of this name.
    NoSuchPackage(String),
    /// The package has no `cdylib` target, so nothing a host could load.
    NotCdylib(String),
    /// A package's `[package.metadata.ofx]` table is malformed.
    Metadata {
        /// The package.
        package: String,
        /// What is wrong with the table.
        problem: String,
    },
    /// No package was selected for bundling.
    NothingToBundle,
    /// A bundle name was given for more than one package.
    NameWithSeveralPackages,
    /// Two selected packages would write the same `<Name>.ofx.bundle`.
    DuplicateBundle(String),
    /// OFX names no architecture directory for this target.
    UnsupportedTarget {
        /// The target's operating system (`target_os` spelling).
        os: String,
        /// The target's architecture (`target_arch` spelling).
        arch: String,
    },
    /// A cross-compiled binary cannot be loaded here to list its plugins,
    /// and the package does not list them in its metadata.
    CrossNeedsPlugins(String),
    /// The built binary could not be loaded, or it reports a plugin
    /// without an identifier.
    Load {
        /// The binary.
        path: PathBuf,
        /// What the loader reported.
        message: String,
    },
    /// The package's binary exports no plugin.
    NoPlugins(String),
    /// The binary's plugins differ from `[package.metadata.ofx] plugins`.
    PluginMismatch {
        /// The package.
        package: String,
        /// The identifiers the binary reports.
        reported: Vec<String>,
        /// The identifiers the metadata lists.
        declared: Vec<String>,
    },
    /// Writing or reading an `Info.plist` failed.
    Plist {
        /// The property list file.
        path: PathBuf,
        /// The `plist` crate's error.
        source: plist::Error,
    },
    /// An `Info.plist` lacks a key the bundler writes, or holds a value of
    /// another type.
    InvalidPlist {
        /// The property list file.
        path: PathBuf,
        /// The missing or mistyped key.
        key: &'static str,
    },
    /// Encoding a generated icon as PNG failed.
    Png(png::EncodingError),
    /// There is no bundle directory at this path.
    NoBundle(PathBuf),
    /// This bundles directory is missing or holds no bundle.
    NoBundles(PathBuf),
}

/// Result alias of every fallible bundler function.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An [`Error::Io`] for `action` on `path`; for `map_err`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => f.write_str(message),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "{action} {}: {source}", path.display()),
            Error::CargoSpawn { command, source } => write!(f, "running {command}: {source}"),
            Error::CargoFailed { command, status } => write!(f, "{command} failed ({status})"),
            Error::CargoOutput(what) => write!(f, "unexpected cargo output: {what}"),
            Error::NoSuchPackage(name) => write!(f, "no package named {name} in the workspace"),
            Error::NotCdylib(name) => write!(f, "{name} has no cdylib target"),
            Error::Metadata { package, problem } => {
                write!(f, "{package}: [package.metadata.ofx] {problem}")
            }
            Error::NothingToBundle => {
                f.write_str("nothing to bundle: name packages or pass --all-examples")
            }
            Error::NameWithSeveralPackages => {
                f.write_str("--name only makes sense with a single package")
            }
            Error::DuplicateBundle(name) => {
                write!(
                    f,
                    "two packages would both write the bundle {name}.ofx.bundle"
                )
            }
            Error::UnsupportedTarget { os, arch } => {
                write!(f, "no OFX architecture directory for {arch}-{os}")
            }
            Error::CrossNeedsPlugins(package) => write!(
                f,
                "{package}: cross-compiled bundles need [package.metadata.ofx] plugins"
            ),
            Error::Load { path, message } => write!(f, "loading {}: {message}", path.display()),
            Error::NoPlugins(package) => write!(f, "{package}: the binary exports no plugins"),
            Error::PluginMismatch {
                package,
                reported,
                declared,
            } => write!(
                f,
                "{package}: the binary exports plugins {reported:?} but \
                 [package.metadata.ofx] plugins lists {declared:?}"
            ),
            Error::Plist { path, source } => write!(f, "{}: {source}", path.display()),
            Error::InvalidPlist { path, key } => {
                write!(f, "{}: no string value for {key}", path.display())
            }
            Error::Png(source) => write!(f, "encoding a PNG icon: {source}"),
            Error::NoBundle(path) => write!(f, "no bundle at {}", path.display()),
            Error::NoBundles(dir) => write!(
                f,
                "no bundles in {} (run the bundle command first)",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::CargoSpawn { source, .. } => Some(source),
            Error::Plist { source, .. } => Some(source),
            Error::Png(source) => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn io_errors_name_the_path_and_keep_their_source() {
        let e = Error::io("copying to", "/x/Gain.ofx")(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "gone",
        ));
        assert_eq!(e.to_string(), "copying to /x/Gain.ofx: gone");
        assert_eq!(e.source().unwrap().to_string(), "gone");
    }

    #[test]
    fn a_mismatch_lists_both_sides() {
        let e = Error::PluginMismatch {
            package: "gain".into(),
            reported: vec!["a.B".into()],
            declared: vec!["a.C".into()],
        };
        let text = e.to_string();
        assert!(text.starts_with("gain: ") && text.contains("a.B") && text.contains("a.C"));
        assert!(e.source().is_none());
    }
}
