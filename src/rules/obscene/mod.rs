//! Rules about obscenity (吉備中央町 5(3) わいせつ, 5(4) 公序良俗; 室蘭市 5. 禁止事項; 十和田市 4(3),
//! 4(13)).
pub mod sexual;
