//! Rules about discrimination (吉備中央町 5(6) 人種、思想、信条、居住、職業等で差別; 室蘭市 5. 禁止事項
//! 差別又は差別を助長させる情報; 十和田市 4(5)).
pub mod slur;
pub mod stereotype;
