//! The types every stage shares: made by one stage, read by the ones after it.

pub mod event;

pub use event::{Event, EventSource};
