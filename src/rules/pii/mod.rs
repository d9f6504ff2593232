//! Rules about personal information (吉備中央町 4(10), 5(12); 室蘭市 5. 禁止事項; 流山市 基本原則 3;
//! 十和田市 3(4), 4(9)): personal numbers, phone numbers, e-mail addresses, payment cards, bank
//! accounts, licences and passports, dates of birth and special-care information.
pub mod bank_account;
pub mod birthdate;
pub mod common;
pub mod corporate_number;
pub mod credit_card;
pub mod email;
pub mod license_passport;
pub mod my_number;
pub mod phone;
pub mod sensitive;
