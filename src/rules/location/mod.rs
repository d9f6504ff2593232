//! Rules about location data in the text of a post (吉備中央町 4(14)).
pub mod address;
pub mod coordinates;
pub mod here;
pub mod map_link;
pub mod tag;
