//! Text helpers every layer may use: escaping and minifying HTML, percent-decoding.

pub mod html;
pub mod minify;
pub mod percent;
