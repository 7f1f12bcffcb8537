//! The `Contents/Info.plist` file of an OFX bundle, written and read with
//! the `plist` crate.
//!
//! Hosts read little of it (the binary's name), but macOS treats the
//! bundle as a bundle only with these keys. The file is an XML property
//! list with one dictionary, whose keys are always written in the same
//! order so that rebuilding a bundle gives the same file.

use std::path::Path;

use plist::{Dictionary, Value};

use crate::{Error, Result};

/// The facts that go into a bundle's `Info.plist`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleInfo {
    /// Bundle name (without `.ofx.bundle`), e.g. `Gain`.
    pub name: String,
    /// File name of the binary inside `Contents/<Arch>/`, e.g. `Gain.ofx`.
    pub executable: String,
    /// Reverse-DNS bundle identifier.
    pub identifier: String,
    /// Version string, taken from the crate's Cargo.toml.
    pub version: String,
}

/// `CFBundleDevelopmentRegion`: the language of the bundle's own texts.
pub const DEVELOPMENT_REGION: &str = "English";
/// `CFBundleInfoDictionaryVersion`: the version of this file's format.
pub const INFO_DICTIONARY_VERSION: &str = "6.0";
/// `CFBundlePackageType`: a loadable bundle.
pub const PACKAGE_TYPE: &str = "BNDL";
/// `CFBundleSignature`: the creator code, unused today.
pub const SIGNATURE: &str = "????";

/// The keys of a bundle's dictionary with their values, in file order.
fn entries(info: &BundleInfo) -> [(&'static str, &str); 9] {
    [
        ("CFBundleDevelopmentRegion", DEVELOPMENT_REGION),
        ("CFBundleExecutable", &info.executable),
        ("CFBundleIdentifier", &info.identifier),
        ("CFBundleInfoDictionaryVersion", INFO_DICTIONARY_VERSION),
        ("CFBundleName", &info.name),
        ("CFBundlePackageType", PACKAGE_TYPE),
        ("CFBundleShortVersionString", &info.version),
        ("CFBundleSignature", SIGNATURE),
        ("CFBundleVersion", &info.version),
    ]
}

/// Writes `info` as an XML property list at `path`, replacing any file
/// there.
pub fn write(info: &BundleInfo, path: &Path) -> Result<()> {
    let dictionary: Dictionary = entries(info)
        .into_iter()
        .map(|(key, value)| (key.to_string(), Value::String(value.to_string())))
        .collect();
    let mut xml = Vec::new();
    Value::Dictionary(dictionary)
        .to_writer_xml(&mut xml)
        .map_err(|source| Error::Plist {
            path: path.to_path_buf(),
            source,
        })?;
    // The plist crate ends the document without a line break.
    xml.push(b'\n');
    std::fs::write(path, xml).map_err(Error::io("writing", path))
}

/// Reads the bundle facts back from the property list at `path`.
///
/// # Errors
/// [`Error::Plist`] when the file cannot be read or parsed, and
/// [`Error::InvalidPlist`] when one of the four varying keys is missing or
/// not a string.
pub fn read(path: &Path) -> Result<BundleInfo> {
    let value = Value::from_file(path).map_err(|source| Error::Plist {
        path: path.to_path_buf(),
        source,
    })?;
    let dictionary = value.as_dictionary();
    let get = |key: &'static str| {
        dictionary
            .and_then(|d| d.get(key))
            .and_then(Value::as_string)
            .map(str::to_string)
            .ok_or_else(|| Error::InvalidPlist {
                path: path.to_path_buf(),
                key,
            })
    };
    Ok(BundleInfo {
        name: get("CFBundleName")?,
        executable: get("CFBundleExecutable")?,
        identifier: get("CFBundleIdentifier")?,
        version: get("CFBundleVersion")?,
    })
}

/// Derives a bundle identifier from the first plugin identifier, falling back
/// to `org.openfx.<name>` when the bundle has no plugins listed.
pub fn bundle_identifier(name: &str, plugin_ids: &[String]) -> String {
    match plugin_ids.first() {
        Some(id) => format!("{id}.bundle"),
        None => format!("org.openfx.{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gain() -> BundleInfo {
        BundleInfo {
            name: "Gain".into(),
            executable: "Gain.ofx".into(),
            identifier: "org.example.Gain.bundle".into(),
            version: "1.2.3".into(),
        }
    }

    /// Writes `info` to a fresh file and parses it with the plist crate.
    fn written(info: &BundleInfo) -> (tempfile::TempDir, std::path::PathBuf, Dictionary) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Info.plist");
        write(info, &path).unwrap();
        let value = Value::from_file(&path).unwrap();
        let dictionary = value.into_dictionary().expect("a dictionary at the top");
        (dir, path, dictionary)
    }

    #[test]
    fn every_key_holds_its_value_in_order() {
        let (_dir, _, dictionary) = written(&gain());
        let pairs: Vec<(&str, &str)> = dictionary
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_string().expect("string values only")))
            .collect();
        assert_eq!(
            pairs,
            [
                ("CFBundleDevelopmentRegion", "English"),
                ("CFBundleExecutable", "Gain.ofx"),
                ("CFBundleIdentifier", "org.example.Gain.bundle"),
                ("CFBundleInfoDictionaryVersion", "6.0"),
                ("CFBundleName", "Gain"),
                ("CFBundlePackageType", "BNDL"),
                ("CFBundleShortVersionString", "1.2.3"),
                ("CFBundleSignature", "????"),
                ("CFBundleVersion", "1.2.3"),
            ]
        );
    }

    #[test]
    fn the_file_is_an_xml_plist_that_reads_back() {
        let (_dir, path, _) = written(&gain());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("<?xml"), "{text}");
        assert!(text.ends_with("</plist>\n"), "{text}");
        assert!(text.contains("<plist version=\"1.0\">"), "{text}");
        assert_eq!(read(&path).unwrap(), gain());
    }

    #[test]
    fn special_characters_are_escaped_and_read_back() {
        let info = BundleInfo {
            name: "A<&>B".into(),
            executable: "A<&>B.ofx".into(),
            identifier: "x".into(),
            version: "0.1.0".into(),
        };
        let (_dir, path, _) = written(&info);
        assert!(!std::fs::read_to_string(&path).unwrap().contains("A<&>B"));
        assert_eq!(read(&path).unwrap(), info);
    }

    #[test]
    fn reading_a_plist_without_the_keys_names_the_missing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Info.plist");
        Value::Dictionary(Dictionary::new())
            .to_file_xml(&path)
            .unwrap();
        assert!(matches!(
            read(&path),
            Err(Error::InvalidPlist {
                key: "CFBundleName",
                ..
            })
        ));
        std::fs::write(&path, "not a plist").unwrap();
        assert!(matches!(read(&path), Err(Error::Plist { .. })));
    }

    #[test]
    fn bundle_identifier_uses_first_plugin() {
        let ids = vec![
            "org.example.Gain".to_string(),
            "org.example.Blur".to_string(),
        ];
        assert_eq!(bundle_identifier("Fx", &ids), "org.example.Gain.bundle");
        assert_eq!(bundle_identifier("Fx", &[]), "org.openfx.Fx");
    }
}
