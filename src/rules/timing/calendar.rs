//! The Japanese calendar of days off: national holidays under 国民の祝日に関する法律 (with
//! 振替休日 and 国民の休日), and the year-end closure of public offices (12/29–1/3).
//!
//! Computed, not listed: the equinox days use the astronomical approximation the National
//! Astronomical Observatory's almanac follows (valid 1980–2099); the Cabinet Office publishes the
//! official dates each February for the next year, so a year's equinox is certain only then.

/// Days in a month of the Gregorian calendar.
fn days_in_month(y: i32, m: u8) -> u8 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m as usize).clamp(1, 12) - 1]
}

/// Day of the week, 0 = Sunday … 6 = Saturday.
pub fn weekday(y: i32, m: u8, d: u8) -> u8 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let yy = if m < 3 { y - 1 } else { y };
    ((yy + yy / 4 - yy / 100 + yy / 400 + T[(m as usize).clamp(1, 12) - 1] + d as i32).rem_euclid(7)) as u8
}

/// The day of the month of the `n`th Monday (n ≥ 1) of a month.
fn nth_monday(y: i32, m: u8, n: u8) -> u8 {
    let first = weekday(y, m, 1);
    let first_monday = 1 + (8 - first) % 7;
    first_monday + 7 * (n - 1)
}

/// 春分日 and 秋分日 (1980–2099 approximation).
fn equinox(y: i32, autumn: bool) -> u8 {
    let base = if autumn { 23.2488 } else { 20.8431 };
    let t = (y - 1980) as f64;
    (base + 0.242194 * t - ((y - 1980) / 4) as f64).floor() as u8
}

/// The name of the national holiday on a date (not counting substitute and sandwiched days).
fn named_holiday(y: i32, m: u8, d: u8) -> Option<&'static str> {
    if y < 1949 {
        return None;
    }
    let h = match (m, d) {
        (1, 1) => "元日",
        (2, 11) if y >= 1967 => "建国記念の日",
        (2, 23) if y >= 2020 => "天皇誕生日",
        (12, 23) if (1989..=2018).contains(&y) => "天皇誕生日",
        (4, 29) if y >= 2007 => "昭和の日",
        (4, 29) if y >= 1989 => "みどりの日",
        (5, 3) => "憲法記念日",
        (5, 4) if y >= 2007 => "みどりの日",
        (5, 5) => "こどもの日",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        (5, 1) if y == 2019 => "天皇の即位の日",
        (10, 22) if y == 2019 => "即位礼正殿の儀の行われる日",
        // The Olympic years moved three holidays by special law.
        (7, 23) if y == 2020 => "海の日",
        (7, 24) if y == 2020 => "スポーツの日",
        (8, 10) if y == 2020 => "山の日",
        (7, 22) if y == 2021 => "海の日",
        (7, 23) if y == 2021 => "スポーツの日",
        (8, 8) if y == 2021 => "山の日",
        (8, 11) if y >= 2016 && y != 2020 && y != 2021 => "山の日",
        (1, _) if y >= 2000 && d == nth_monday(y, 1, 2) => "成人の日",
        (1, 15) if y < 2000 => "成人の日",
        (3, _) if (1980..=2099).contains(&y) && d == equinox(y, false) => "春分の日",
        (9, _) if (1980..=2099).contains(&y) && d == equinox(y, true) => "秋分の日",
        (7, _) if y >= 2003 && y != 2020 && y != 2021 && d == nth_monday(y, 7, 3) => "海の日",
        (9, _) if y >= 2003 && d == nth_monday(y, 9, 3) => "敬老の日",
        (10, _) if y >= 2000 && y != 2020 && y != 2021 && d == nth_monday(y, 10, 2) => {
            if y >= 2020 { "スポーツの日" } else { "体育の日" }
        }
        _ => return None,
    };
    Some(h)
}

fn prev_day(y: i32, m: u8, d: u8) -> (i32, u8, u8) {
    if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        (y, m - 1, days_in_month(y, m - 1))
    } else {
        (y - 1, 12, 31)
    }
}

fn next_day(y: i32, m: u8, d: u8) -> (i32, u8, u8) {
    if d < days_in_month(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    }
}

/// The national holiday on a date, including 振替休日 (a holiday on a Sunday moves the day off to
/// the next day that is not a holiday) and 国民の休日 (a day between two holidays).
pub fn holiday(y: i32, m: u8, d: u8) -> Option<&'static str> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    if let Some(h) = named_holiday(y, m, d) {
        return Some(h);
    }
    // 振替休日 (since 1973; since 2007 any following non-holiday day): walk back over holidays to
    // a Sunday holiday.
    if y >= 1973 {
        let (mut py, mut pm, mut pd) = prev_day(y, m, d);
        while named_holiday(py, pm, pd).is_some() {
            if weekday(py, pm, pd) == 0 {
                return Some("振替休日");
            }
            if y < 2007 {
                break;
            }
            (py, pm, pd) = prev_day(py, pm, pd);
        }
    }
    // 国民の休日 (since 1988): a weekday between two holidays.
    if y >= 1988 && weekday(y, m, d) != 0 {
        let (py, pm, pd) = prev_day(y, m, d);
        let (ny, nm, nd) = next_day(y, m, d);
        if named_holiday(py, pm, pd).is_some() && named_holiday(ny, nm, nd).is_some() {
            return Some("国民の休日");
        }
    }
    None
}

/// The year-end closure of public offices (行政機関の休日: 12月29日から翌年1月3日まで).
pub fn year_end_closure(m: u8, d: u8) -> bool {
    (m == 12 && d >= 29) || (m == 1 && d <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every national holiday and substitute day of a year, as (month, day).
    fn holidays_of(y: i32) -> Vec<(u8, u8, &'static str)> {
        let mut v = Vec::new();
        for m in 1..=12 {
            for d in 1..=days_in_month(y, m) {
                if let Some(h) = holiday(y, m, d) {
                    v.push((m, d, h));
                }
            }
        }
        v
    }

    fn dates(y: i32) -> Vec<(u8, u8)> {
        holidays_of(y).into_iter().map(|(m, d, _)| (m, d)).collect()
    }

    // The Cabinet Office's lists (内閣府「国民の祝日について」) for 2024–2027.
    #[test]
    fn national_holidays_2024() {
        assert_eq!(
            dates(2024),
            [(1, 1), (1, 8), (2, 11), (2, 12), (2, 23), (3, 20), (4, 29), (5, 3), (5, 4), (5, 5), (5, 6), (7, 15), (8, 11), (8, 12),
             (9, 16), (9, 22), (9, 23), (10, 14), (11, 3), (11, 4), (11, 23)]
        );
        assert_eq!(holiday(2024, 2, 12), Some("振替休日"));
        assert_eq!(holiday(2024, 5, 6), Some("振替休日"));
    }

    #[test]
    fn national_holidays_2025() {
        assert_eq!(
            dates(2025),
            [(1, 1), (1, 13), (2, 11), (2, 23), (2, 24), (3, 20), (4, 29), (5, 3), (5, 4), (5, 5), (5, 6), (7, 21), (8, 11), (9, 15),
             (9, 23), (10, 13), (11, 3), (11, 23), (11, 24)]
        );
        // 5/4 is a Sunday holiday; 5/5 is a holiday too, so the substitute day is 5/6.
        assert_eq!(holiday(2025, 5, 6), Some("振替休日"));
    }

    #[test]
    fn national_holidays_2026() {
        assert_eq!(
            dates(2026),
            [(1, 1), (1, 12), (2, 11), (2, 23), (3, 20), (4, 29), (5, 3), (5, 4), (5, 5), (5, 6), (7, 20), (8, 11), (9, 21), (9, 22),
             (9, 23), (10, 12), (11, 3), (11, 23)]
        );
        assert_eq!(holiday(2026, 9, 22), Some("国民の休日"));
        assert_eq!(holiday(2026, 5, 6), Some("振替休日"));
    }

    #[test]
    fn national_holidays_2027() {
        assert_eq!(
            dates(2027),
            [(1, 1), (1, 11), (2, 11), (2, 23), (3, 21), (3, 22), (4, 29), (5, 3), (5, 4), (5, 5), (7, 19), (8, 11), (9, 20), (9, 23),
             (10, 11), (11, 3), (11, 23)]
        );
        assert_eq!(holiday(2027, 3, 21), Some("春分の日"));
        assert_eq!(holiday(2027, 3, 22), Some("振替休日"));
    }

    #[test]
    fn special_years() {
        // 2019: the enthronement made 4/27–5/6 ten days off (4/30 and 5/2 are 国民の休日).
        assert_eq!(holiday(2019, 4, 30), Some("国民の休日"));
        assert_eq!(holiday(2019, 5, 1), Some("天皇の即位の日"));
        assert_eq!(holiday(2019, 5, 2), Some("国民の休日"));
        assert_eq!(holiday(2019, 10, 22), Some("即位礼正殿の儀の行われる日"));
        assert_eq!(holiday(2019, 12, 23), None);
        assert_eq!(holiday(2021, 7, 19), None);
        assert_eq!(holiday(2021, 8, 9), Some("振替休日"));
        assert_eq!(holiday(2020, 10, 12), None);
    }

    #[test]
    fn ordinary_days_and_bad_dates_are_not_holidays() {
        assert_eq!(holiday(2026, 11, 24), None);
        assert_eq!(holiday(2026, 2, 30), None);
        assert_eq!(holiday(2026, 13, 1), None);
        assert_eq!(holiday(2026, 0, 1), None);
    }

    #[test]
    fn year_end_closure_is_12_29_to_1_3() {
        assert!(!year_end_closure(12, 28));
        assert!(year_end_closure(12, 29));
        assert!(year_end_closure(12, 31));
        assert!(year_end_closure(1, 3));
        assert!(!year_end_closure(1, 4));
    }
}
