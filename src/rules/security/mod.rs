//! Rules about information security (吉備中央町 5(15); 室蘭市 5. 禁止事項; 十和田市 4(12)):
//! passwords, API keys and tokens, private keys, internal network addresses.
pub mod api_key;
pub mod internal_address;
pub mod password;
pub mod private_key;
