//! Registration macros: [`plugin!`](crate::plugin) and [`bundle!`](crate::bundle).

/// Implements [`Plugin`](crate::Plugin) for an effect type without the derive,
/// with the same keys and values as `#[derive(Plugin)] #[ofx(...)]`.
///
/// ```ignore
/// ofx_plugin::plugin!(Gain, id = "org.example.Gain", version = "1.0", label = "Gain", group = "Color");
/// ```
/// `version` is `"MAJOR"` or `"MAJOR.MINOR"` (checked while compiling);
/// `label`, `group` and `overlay` (an [`Interact`](crate::interact::Interact)
/// type of this effect) are optional.
#[macro_export]
macro_rules! plugin {
    ($ty:ty, id = $id:literal, version = $version:literal
        $(, label = $label:literal)? $(, group = $group:literal)?
        $(, overlay = $overlay:ty)? $(,)?) => {
        // A malformed version fails here, while checking.
        const _: (u32, u32) = $crate::__private::parse_version($version);
        impl $crate::Plugin for $ty {
            const ID: &'static ::core::ffi::CStr = {
                const B: &[u8] = ::core::concat!($id, "\0").as_bytes();
                match ::core::ffi::CStr::from_bytes_with_nul(B) {
                    Ok(c) => c,
                    Err(_) => ::core::panic!("plugin id must not contain NUL"),
                }
            };
            const VERSION_MAJOR: u32 = $crate::__private::parse_version($version).0;
            const VERSION_MINOR: u32 = $crate::__private::parse_version($version).1;
            $(const LABEL: ::core::option::Option<&'static str> = ::core::option::Option::Some($label);)?
            $(const GROUP: ::core::option::Option<&'static str> = ::core::option::Option::Some($group);)?
            $(const OVERLAY: ::core::option::Option<$crate::interact::InteractEntry> =
                ::core::option::Option::Some($crate::interact::InteractEntry::of::<$overlay, $ty>());)?
        }
    };
}

/// Exports the three OpenFX entry symbols (`OfxGetNumberOfPlugins`,
/// `OfxGetPlugin`, `OfxSetHost`) for a list of plugin types, checking at
/// compile time that no two share an identifier and major version.
///
/// Use it once per `cdylib`, which may be `#![forbid(unsafe_code)]`:
/// ```ignore
/// ofx_plugin::bundle!(Gain, Blur);
/// ```
#[macro_export]
macro_rules! bundle {
    ($($ty:ty),+ $(,)?) => {
        $crate::__private::bundle_checks!($($ty),+);

        static __OFX_PLUGIN_RECORDS: &[$crate::PluginRecord] =
            &[$($crate::PluginRecord::new::<$ty>()),+];

        /// The number of plugins in this binary.
        #[unsafe(no_mangle)]
        pub extern "C" fn OfxGetNumberOfPlugins() -> ::core::ffi::c_int {
            __OFX_PLUGIN_RECORDS.len() as ::core::ffi::c_int
        }

        /// The nth plugin record, or null when out of range.
        #[unsafe(no_mangle)]
        pub extern "C" fn OfxGetPlugin(
            nth: ::core::ffi::c_int,
        ) -> *mut $crate::__private::sys::OfxPlugin {
            // The C prototype returns `OfxPlugin *`; hosts only read it.
            $crate::__private::bundle_get_plugin(__OFX_PLUGIN_RECORDS, nth).cast_mut()
        }

        /// Records the host for every plugin in this binary.
        #[unsafe(no_mangle)]
        pub extern "C" fn OfxSetHost(
            host: *const $crate::__private::sys::OfxHost,
        ) -> $crate::__private::sys::OfxStatus {
            $crate::__private::bundle_set_host(host)
        }
    };
}
