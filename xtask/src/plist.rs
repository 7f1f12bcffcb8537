//! Writing the `Contents/Info.plist` file of an OFX bundle.

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

/// Escapes the five XML special characters.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the XML property list describing a bundle.
pub fn render(info: &BundleInfo) -> String {
    let entries = [
        ("CFBundleDevelopmentRegion", "English"),
        ("CFBundleExecutable", info.executable.as_str()),
        ("CFBundleIdentifier", info.identifier.as_str()),
        ("CFBundleInfoDictionaryVersion", "6.0"),
        ("CFBundleName", info.name.as_str()),
        ("CFBundlePackageType", "BNDL"),
        ("CFBundleShortVersionString", info.version.as_str()),
        ("CFBundleSignature", "????"),
        ("CFBundleVersion", info.version.as_str()),
    ];
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" ",
        "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n",
        "<plist version=\"1.0\">\n<dict>\n"
    ));
    for (key, value) in entries {
        xml.push_str(&format!(
            "\t<key>{}</key>\n\t<string>{}</string>\n",
            escape(key),
            escape(value)
        ));
    }
    xml.push_str("</dict>\n</plist>\n");
    xml
}

/// Derives a bundle identifier from the first plugin identifier, falling back
/// to `org.openfx.<name>` when the bundle has no plugins listed.
pub fn bundle_identifier(name: &str, plugin_ids: &[String]) -> String {
    match plugin_ids.first() {
        Some(id) => format!("{id}.bundle"),
        None => format!("org.openfx.{name}"),
    }
}

/// Reads back the `<key>`/`<string>` pairs of a flat plist dictionary, as
/// written by [`render`]. This is a minimal reader for checks, not a general
/// plist parser.
pub fn parse_flat(xml: &str) -> crate::Result<Vec<(String, String)>> {
    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    }
    fn take<'a>(rest: &mut &'a str, tag: &str) -> Option<&'a str> {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        let start = rest.find(&open)? + open.len();
        let end = start + rest[start..].find(&close)?;
        let value = &rest[start..end];
        *rest = &rest[end + close.len()..];
        Some(value)
    }
    let body_start = xml.find("<dict>").ok_or("plist has no <dict>")?;
    let body_end = xml.rfind("</dict>").ok_or("plist has no </dict>")?;
    if !xml.contains("<plist") || !xml.trim_end().ends_with("</plist>") {
        return Err("not a plist document".into());
    }
    let mut rest = &xml[body_start + "<dict>".len()..body_end];
    let mut pairs = Vec::new();
    while let Some(key) = take(&mut rest, "key") {
        let value = take(&mut rest, "string").ok_or_else(|| format!("key {key} has no string"))?;
        pairs.push((unescape(key), unescape(value)));
    }
    if !rest.trim().is_empty() {
        return Err(format!("unexpected plist content: {}", rest.trim()));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn plist_round_trips_required_keys() {
        let info = BundleInfo {
            name: "Gain".into(),
            executable: "Gain.ofx".into(),
            identifier: "org.example.Gain.bundle".into(),
            version: "1.2.3".into(),
        };
        let pairs = parse_flat(&render(&info)).unwrap();
        assert_eq!(lookup(&pairs, "CFBundleExecutable"), Some("Gain.ofx"));
        assert_eq!(lookup(&pairs, "CFBundlePackageType"), Some("BNDL"));
        assert_eq!(lookup(&pairs, "CFBundleVersion"), Some("1.2.3"));
        assert_eq!(lookup(&pairs, "CFBundleShortVersionString"), Some("1.2.3"));
        assert_eq!(
            lookup(&pairs, "CFBundleIdentifier"),
            Some("org.example.Gain.bundle")
        );
        assert_eq!(lookup(&pairs, "CFBundleName"), Some("Gain"));
        assert_eq!(lookup(&pairs, "CFBundleInfoDictionaryVersion"), Some("6.0"));
        assert!(lookup(&pairs, "CFBundleDevelopmentRegion").is_some());
    }

    #[test]
    fn plist_escapes_special_characters() {
        let info = BundleInfo {
            name: "A<&>B".into(),
            executable: "A<&>B.ofx".into(),
            identifier: "x".into(),
            version: "0.1.0".into(),
        };
        let xml = render(&info);
        assert!(!xml.contains("A<&>B"));
        let pairs = parse_flat(&xml).unwrap();
        assert_eq!(lookup(&pairs, "CFBundleName"), Some("A<&>B"));
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
