//! The organisation's own rules, given as data in the policy (`custom_terms`): every guideline
//! asks staff to keep the organisation's regulations on information (吉備中央町 4(9)③, 室蘭市
//! 4. 基本ルール, 流山市 基本原則 2, 十和田市 3(2)), and an admin writes some of them as terms.
pub mod term;
