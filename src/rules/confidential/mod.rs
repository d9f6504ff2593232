//! Rules about official secrets and decisions still being made (吉備中央町 4(1) 守秘義務,
//! 5(12) 職務上知り得た秘密, 5(13) 意思形成過程; 室蘭市 5. 禁止事項 機密情報; 流山市 基本原則 5;
//! 十和田市 4(9), 4(10), 5(1)).
pub mod classification;
pub mod deliberation;
