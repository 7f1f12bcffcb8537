// Gain in GLSL 1.20 (after GlProgram's prelude): the CPU path's arithmetic
// (src/lib.rs) on RGBA textures.
uniform vec4 k;      // the factors of r, g, b, a (a's is 1 unless applied)
uniform float white; // the source's white at integer depths (255, 65535); 0 for floats
uniform int mode;    // 0 copies, 1 scales, 2 unpremultiplies, scales and premultiplies

void main() {
    vec4 p = ofx_fetch(source, source_bounds, ofx_pixel());
    if (mode == 1 && white > 0.0) {
        // In integer units, as on the CPU: clamp, then round half up.
        vec4 v = floor(p * white + 0.5) * k;
        gl_FragColor = floor(clamp(v, 0.0, white) + 0.5) / white;
    } else if (mode == 1) {
        gl_FragColor = p * k;
    } else if (mode == 2) {
        float a2 = p.a * k.a;
        gl_FragColor = vec4(p.a > 0.0 ? p.rgb / p.a * k.rgb * a2 : p.rgb * k.rgb, a2);
    } else {
        gl_FragColor = p;
    }
}
