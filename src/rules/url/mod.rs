//! Rules about URLs: shortened links that hide where they lead.
pub mod links;
pub mod service_short_link;
pub mod shortener;
