//! Rules about insults and rudeness (吉備中央町 5(1) 誹謗中傷, 5(2) 非礼・不遜; 室蘭市 5. 禁止事項
//! 他者を侮辱する情報; 十和田市 4(1), 4(2)).
pub mod abuse;
pub mod rude_address;
