//! Rules about how an account is used: replies and mentions from an official account (流山市 does
//! not reply to or address individual users), a personal account on the organisation's device
//! (吉備中央町 5(11), 十和田市 4(8)).
pub mod device;
pub mod mention;
pub mod reply;
