//! What the test plugins of these integration tests share: they are filters
//! with the filter context's two clips.

use ofx_plugin::{Context, ContextDescriptor, EffectDescriptor, Result};

/// Declares the filter context, and only it.
pub fn filter_only(d: &mut EffectDescriptor) -> Result<()> {
    d.supported_contexts(&[Context::Filter])?;
    Ok(())
}

/// Defines the filter context's clips: `Source` and `Output`.
pub fn filter_clips(d: &mut ContextDescriptor) -> Result<()> {
    d.source_clip()?;
    d.output_clip()?;
    Ok(())
}
