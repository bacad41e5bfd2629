//! Import: turning raw text that editors paste from news sites into content entries.
pub mod paste;
