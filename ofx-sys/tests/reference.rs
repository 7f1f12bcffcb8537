//! Checks ofx-sys against the reference tables extracted from the official
//! OpenFX 1.5.1 headers (in this crate's `reference/`, as [`ofx_sys::reference`]).
//!
//! What ofx-sys declares is read from `ofx_sys::catalogue`, which the same
//! macros that declare the items generate, so neither side is a hand-kept list.

use std::collections::{BTreeMap, BTreeSet};

use ofx_sys::catalogue::{self, ConstValue};
use ofx_sys::reference;

fn reference(name: &str) -> Vec<Vec<String>> {
    let text = match name {
        "ofx-1.5.1-constants.tsv" => reference::CONSTANTS_TSV,
        "ofx-1.5.1-structs.tsv" => reference::STRUCTS_TSV,
        "ofx-1.5.1-layout-x86_64.tsv" => reference::LAYOUT_X86_64_TSV,
        "ofx-1.5.1-properties.tsv" => reference::PROPERTIES_TSV,
        "ofx-1.5.1-property-sets.tsv" => reference::PROPERTY_SETS_TSV,
        "ofx-1.5.1-action-args.tsv" => reference::ACTION_ARGS_TSV,
        _ => panic!("no reference table {name}"),
    };
    let mut lines = text.lines();
    let header = lines.next().expect("table has a header row");
    let width = header.split('\t').count();
    let rows: Vec<Vec<String>> = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut cells: Vec<String> = l.split('\t').map(str::to_owned).collect();
            cells.resize(width, String::new());
            cells
        })
        .collect();
    assert!(
        rows.len() > 10,
        "reference table {name} is empty or truncated"
    );
    rows
}

#[test]
fn every_reference_constant_exists_with_the_same_value() {
    let rows = reference("ofx-1.5.1-constants.tsv");
    let mut missing = Vec::new();
    let mut different = Vec::new();
    for row in &rows {
        let (header, name, kind, value) = (&row[0], &row[1], &row[2], &row[3]);
        let Some(ours) = catalogue::constant(name) else {
            missing.push(name.clone());
            continue;
        };
        let same = match (kind.as_str(), ours.value) {
            ("string", ConstValue::Str(s)) => s.to_str() == Ok(value.as_str()),
            ("int", ConstValue::Int(i)) => value.parse::<i64>() == Ok(i),
            _ => false,
        };
        if !same || ours.header != header {
            different.push(format!(
                "{name}: reference {kind} {value:?} in {header}, ofx-sys {:?} in {}",
                ours.value, ours.header
            ));
        }
    }
    assert_eq!(rows.len(), 1162, "the constants table changed size");
    assert!(missing.is_empty(), "{} missing: {missing:?}", missing.len());
    assert!(
        different.is_empty(),
        "{} different: {different:#?}",
        different.len()
    );
}

#[test]
fn ofx_sys_declares_no_constant_the_headers_lack() {
    let rows = reference("ofx-1.5.1-constants.tsv");
    let known: BTreeSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    let ours: Vec<&str> = catalogue::constants().map(|c| c.name).collect();
    assert_eq!(ours.len(), known.len(), "count of declared constants");
    let extra: Vec<&str> = ours.into_iter().filter(|n| !known.contains(n)).collect();
    assert!(extra.is_empty(), "not in the headers: {extra:?}");
}

/// A field name and whether the field is a C-variadic function pointer.
type Field = (String, bool);

/// Field names of a struct in declaration order, from the structs table.
/// A row such as `int x1, y1, x2, y2` declares several fields at once.
fn reference_fields() -> BTreeMap<String, (String, Vec<Field>)> {
    type Rows = Vec<(usize, Vec<Field>)>;
    let mut structs: BTreeMap<String, (String, Rows)> = BTreeMap::new();
    for row in reference("ofx-1.5.1-structs.tsv") {
        let (header, name, index, field, decl) = (&row[0], &row[1], &row[2], &row[3], &row[4]);
        let index: usize = index.parse().expect("field index");
        let variadic = decl.contains("...");
        let names: Vec<Field> = if decl.contains('(') {
            vec![(field.clone(), variadic)]
        } else {
            // A plain declaration, possibly of several names: `type a, b, c`.
            let first_comma = decl.find(',').unwrap_or(decl.len());
            let head = &decl[..first_comma];
            let first = head.rsplit([' ', '*']).next().unwrap().to_owned();
            let mut names = vec![(first, false)];
            if first_comma < decl.len() {
                names.extend(
                    decl[first_comma + 1..]
                        .split(',')
                        .map(|n| (n.trim().to_owned(), false)),
                );
            }
            assert_eq!(
                names.last().unwrap().0,
                *field,
                "row of {name} names its last field"
            );
            names
        };
        let entry = structs
            .entry(name.clone())
            .or_insert_with(|| (header.clone(), Vec::new()));
        entry.1.push((index, names));
    }
    structs
        .into_iter()
        .map(|(name, (header, mut rows))| {
            rows.sort_by_key(|r| r.0);
            (name, (header, rows.into_iter().flat_map(|r| r.1).collect()))
        })
        .collect()
}

#[test]
fn every_struct_has_the_reference_fields_in_order() {
    let reference = reference_fields();
    assert_eq!(reference.len(), 36, "the structs table changed");
    let mut problems = Vec::new();
    for (name, (header, fields)) in &reference {
        let Some(ours) = catalogue::structs().find(|s| s.name == name) else {
            problems.push(format!("{name}: missing"));
            continue;
        };
        if ours.header != header {
            problems.push(format!("{name}: in {} instead of {header}", ours.header));
        }
        let ours_names: Vec<&str> = ours.fields.iter().map(|f| f.name).collect();
        let ref_names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
        if ours_names != ref_names {
            problems.push(format!(
                "{name}: fields {ours_names:?}, reference {ref_names:?}"
            ));
        }
    }
    let extra: Vec<&str> = catalogue::structs()
        .map(|s| s.name)
        .filter(|n| !reference.contains_key(*n))
        .collect();
    assert!(extra.is_empty(), "structs the headers lack: {extra:?}");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_struct_has_the_reference_x86_64_layout() {
    if !cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        return; // the table describes x86-64 Linux; other targets use the compile-time checks
    }
    let rows = reference("ofx-1.5.1-layout-x86_64.tsv");
    let mut problems = Vec::new();
    let mut checked_structs = 0;
    let mut checked_fields = 0;
    for row in &rows {
        let (kind, name, field) = (&row[0], &row[1], &row[2]);
        let size: usize = row[3].parse().unwrap();
        let last: usize = row[4].parse().unwrap();
        let Some(ours) = catalogue::structs().find(|s| s.name == name) else {
            problems.push(format!("{name}: missing"));
            continue;
        };
        if kind == "struct" {
            checked_structs += 1;
            if (ours.size, ours.align) != (size, last) {
                problems.push(format!(
                    "{name}: size/align {}/{}, C {size}/{last}",
                    ours.size, ours.align
                ));
            }
        } else {
            checked_fields += 1;
            match ours.fields.iter().find(|f| f.name == field) {
                None => problems.push(format!("{name}.{field}: missing")),
                Some(f) if (f.size, f.offset) != (size, last) => problems.push(format!(
                    "{name}.{field}: size/offset {}/{}, C {size}/{last}",
                    f.size, f.offset
                )),
                Some(_) => {}
            }
        }
    }
    assert_eq!(checked_structs, 36);
    assert!(checked_fields > 150, "only {checked_fields} fields checked");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_variadic_functions_are_declared_variadic() {
    use ofx_sys::*;
    // Each assignment compiles only if the field has exactly the C-variadic
    // signature of the header.
    let p = OfxParameterSuiteV1 {
        paramDefine: None,
        paramGetHandle: None,
        paramSetGetPropertySet: None,
        paramGetPropertySet: None,
        paramGetValue: None,
        paramGetValueAtTime: None,
        paramGetDerivative: None,
        paramGetIntegral: None,
        paramSetValue: None,
        paramSetValueAtTime: None,
        paramGetNumKeys: None,
        paramGetKeyTime: None,
        paramGetKeyIndex: None,
        paramDeleteKey: None,
        paramDeleteAllKeys: None,
        paramCopy: None,
        paramEditBegin: None,
        paramEditEnd: None,
    };
    type V0 = Option<unsafe extern "C" fn(OfxParamHandle, ...) -> OfxStatus>;
    type V1 = Option<unsafe extern "C" fn(OfxParamHandle, OfxTime, ...) -> OfxStatus>;
    type V2 = Option<unsafe extern "C" fn(OfxParamHandle, OfxTime, OfxTime, ...) -> OfxStatus>;
    type Msg = Option<
        unsafe extern "C" fn(
            *mut ::core::ffi::c_void,
            *const ::core::ffi::c_char,
            *const ::core::ffi::c_char,
            *const ::core::ffi::c_char,
            ...
        ) -> OfxStatus,
    >;
    let checks: [(V0, V1, V1, V2, V0, V1); 1] = [(
        p.paramGetValue,
        p.paramGetValueAtTime,
        p.paramGetDerivative,
        p.paramGetIntegral,
        p.paramSetValue,
        p.paramSetValueAtTime,
    )];
    assert!(checks[0].0.is_none());
    let m1 = OfxMessageSuiteV1 { message: None };
    let m2 = OfxMessageSuiteV2 {
        message: None,
        setPersistentMessage: None,
        clearPersistentMessage: None,
    };
    let messages: [Msg; 3] = [m1.message, m2.message, m2.setPersistentMessage];
    assert!(messages.iter().all(Option::is_none));

    // And the reference marks exactly these nine functions as variadic.
    let variadic: BTreeSet<String> = reference_fields()
        .into_iter()
        .flat_map(|(s, (_, fields))| {
            fields
                .into_iter()
                .filter(|f| f.1)
                .map(move |f| format!("{s}.{}", f.0))
        })
        .collect();
    let expected: BTreeSet<String> = [
        "OfxParameterSuiteV1.paramGetValue",
        "OfxParameterSuiteV1.paramGetValueAtTime",
        "OfxParameterSuiteV1.paramGetDerivative",
        "OfxParameterSuiteV1.paramGetIntegral",
        "OfxParameterSuiteV1.paramSetValue",
        "OfxParameterSuiteV1.paramSetValueAtTime",
        "OfxMessageSuiteV1.message",
        "OfxMessageSuiteV2.message",
        "OfxMessageSuiteV2.setPersistentMessage",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(variadic, expected);
}
