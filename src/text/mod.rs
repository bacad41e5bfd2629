//! Text helpers every layer may use: escaping and minifying HTML, percent-decoding, checking
//! UTF-8.

pub mod html;
pub mod minify;
pub mod percent;
pub mod utf8;
