//! What a streaming store wrote cannot be read before the fence that ends
//! `streaming`.
fn main() {
    let src = vec![1.5f32; 64];
    let mut dst = vec![0.0f32; 64];
    ofx_plugin::simd::streaming(|s| {
        s.copy(&mut dst, &src);
        assert_eq!(dst[0], 1.5);
    });
}
