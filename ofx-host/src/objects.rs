//! The host objects behind effect, clip, image and image-memory handles.

use std::sync::Arc;

use ofx_sys::OfxRectD;

use crate::frames::ClipFeed;
use crate::guard_pages::Region;
use crate::handle::Handle;
use crate::image::ImageBuffer;

/// An effect descriptor (from describe or describe-in-context) or instance.
#[derive(Clone, Debug)]
pub struct EffectEntry {
    /// The owning session's id.
    pub session: u64,
    /// Its property set.
    pub props: Handle,
    /// Its parameter set (descriptors in describe-in-context, instances).
    pub param_set: Option<Handle>,
    /// An instance (true) or a descriptor (false).
    pub instance: bool,
    /// The context, for per-context descriptors and instances.
    pub context: Option<String>,
    /// Clips by name, in definition order.
    pub clips: Vec<(String, Handle)>,
    /// Regions of definition the host computed, by time (used to answer
    /// `clipGetRegionOfDefinition` on the output clip).
    pub rods: Vec<(f64, OfxRectD)>,
    /// The plugin flagged `kOfxImageEffectPropTemporalClipAccess` on its
    /// descriptor (instances only).
    pub temporal_access: bool,
}

impl EffectEntry {
    /// A descriptor or instance with no clips and no parameter set.
    pub fn new(session: u64, props: Handle, instance: bool) -> Self {
        EffectEntry {
            session,
            props,
            param_set: None,
            instance,
            context: None,
            clips: Vec::new(),
            rods: Vec::new(),
            temporal_access: false,
        }
    }
    /// The clip named `name`.
    pub fn clip(&self, name: &str) -> Option<Handle> {
        self.clips.iter().find(|(n, _)| n == name).map(|(_, h)| *h)
    }
}

/// A clip descriptor or instance.
#[derive(Clone)]
pub struct ClipEntry {
    /// The owning session's id.
    pub session: u64,
    /// The effect it belongs to.
    pub effect: Handle,
    /// Its name (`"Source"`, `"Output"`...).
    pub name: String,
    /// Its property set.
    pub props: Handle,
    /// An instance (true) or a descriptor (false).
    pub instance: bool,
    /// For a connected input instance: where its frames come from.
    pub feed: Option<Arc<ClipFeed>>,
}

/// An image handed to the plugin by `clipGetImage`.
pub struct ImageEntry {
    /// The owning session's id.
    pub session: u64,
    /// The action frame it was fetched in (it must be released before that
    /// action returns).
    pub frame: u64,
    /// The clip it came from (raw handle) and that clip's name.
    pub clip: (usize, String),
    /// The pixels (shared between handles fetched for the same clip and
    /// time within a render).
    pub buffer: Arc<ImageBuffer>,
    /// For an input image: [`ImageBuffer::content_hash`] when it was handed
    /// out, compared when it is released (a plugin must not write into its
    /// inputs).
    pub input_hash: Option<u64>,
}

impl ImageEntry {
    /// The violation to log when this is an input image whose pixels
    /// changed since it was handed out, else `None`.
    pub fn input_written(&self) -> Option<String> {
        let before = self.input_hash?;
        (self.buffer.content_hash() != before).then(|| {
            format!(
                "input '{}' changed between clipGetImage and its release: the plugin wrote into an image it may only read",
                self.clip.1
            )
        })
    }
}

/// Memory from `imageMemoryAlloc`.
pub struct ImageMemoryEntry {
    /// The owning session's id (0 outside any session).
    pub session: u64,
    /// The effect instance it was allocated for (raw handle, 0 for none).
    pub owner: usize,
    /// The bytes, 64-byte aligned (large blocks are pooled mappings, so a
    /// plugin that allocates the same scratch every render reuses warm
    /// pages, as it would from a production host's memory pool).
    pub block: Region,
    /// The size asked for.
    pub len: usize,
    /// Current lock count.
    pub locks: u32,
    /// Times this memory was fully unlocked (it may move on the next lock).
    pub moves: u32,
    /// The previous block after a move, kept until the next move or the
    /// free so that a stale pointer never points to freed memory.
    pub stale: Option<Region>,
}

/// A parameter set: its owner's session, property set and parameters.
#[derive(Clone, Debug)]
pub struct ParamSetEntry {
    /// The owning session's id.
    pub session: u64,
    /// A descriptor's set (parameters are defined here) or an instance's.
    pub descriptor: bool,
    /// The set's own property set (`paramSetGetPropertySet`).
    pub props: Handle,
    /// The parameters, in definition order.
    pub params: Vec<(String, Handle)>,
    /// Open `paramEditBegin` blocks.
    pub edit_depth: usize,
    /// Values the plugin itself has written (the host's cached clip
    /// preferences are stale once this moves).
    pub plugin_writes: u64,
    /// Parameters the plugin has written since the host last looked, in
    /// order, each once (kept only when the session notifies plugin edits).
    pub pending_edits: Vec<String>,
}

/// An interact descriptor or instance (an overlay or a parameter's custom
/// interact).
#[derive(Clone, Debug)]
pub struct InteractEntry {
    /// The owning session's id.
    pub session: u64,
    /// Its property set.
    pub props: Handle,
    /// An instance (true) or a descriptor (false).
    pub instance: bool,
    /// For an instance: the effect instance it belongs to.
    pub effect: Option<Handle>,
    /// The interact's entry point (`kOfxImageEffectPluginPropOverlayInteractV1`
    /// or `V2`, or a parameter's `kOfxParamPropInteractV1`).
    pub entry: ofx_sys::OfxPluginEntryPoint,
    /// `interactRedraw` calls so far.
    pub redraws: usize,
    /// `interactSwapBuffers` calls so far.
    pub swaps: usize,
}

/// A Draw Suite context: it lives for one draw action of one interact, and
/// collects what the interact draws.
#[derive(Clone, Debug)]
pub struct DrawContextEntry {
    /// The owning session's id.
    pub session: u64,
    /// The interact instance whose draw action it serves (raw handle).
    pub interact: usize,
    /// The viewport's background colour (for `getColour`).
    pub background: [f64; 3],
    /// The calls so far.
    pub calls: Vec<crate::drawing::DrawCall>,
}
