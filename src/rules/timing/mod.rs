//! Rules about when a post goes out (吉備中央町 5(9), 5(10); 室蘭市 5. 禁止事項; 流山市 投稿時間).
//! They need the local time of the post (`Context::at`); without it they say nothing.
pub mod calendar;
pub mod posting_window;
pub mod working_hours;

use crate::policy::Hours;
use crate::post::LocalTime;
use crate::text::Normalized;

/// Why a moment is outside a window, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outside {
    /// The day of the week is not in the window.
    Day,
    /// A national holiday (its name).
    Holiday(&'static str),
    /// 12/29–1/3.
    YearEnd,
    /// Before the start or after the end.
    Hour,
    /// In a break.
    Break,
}

/// `None` when `t` is inside `hours`, else why it is not.
pub fn outside(hours: &Hours, t: &LocalTime) -> Option<Outside> {
    if hours.holidays_off {
        if calendar::year_end_closure(t.month, t.day) {
            return Some(Outside::YearEnd);
        }
        if let Some(h) = calendar::holiday(t.year, t.month, t.day) {
            return Some(Outside::Holiday(h));
        }
    }
    if !hours.days[(t.weekday() % 7) as usize] {
        return Some(Outside::Day);
    }
    let m = t.minute_of_day();
    if m < hours.start || m > hours.end {
        return Some(Outside::Hour);
    }
    if hours.breaks.iter().any(|&(s, e)| s <= m && m <= e) {
        return Some(Outside::Break);
    }
    None
}

/// The span a whole-post finding underlines: the first non-empty line, trimmed.
pub fn post_span(norm: &Normalized) -> Option<(usize, usize)> {
    let mut pos = 0;
    for line in norm.text.split('\n') {
        let start = pos + (line.len() - line.trim_start().len());
        let end = pos + line.trim_end().len();
        if start < end {
            return Some((start, end));
        }
        pos += line.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> LocalTime {
        LocalTime::parse(s).unwrap()
    }

    #[test]
    fn window_edges_are_inclusive() {
        let h = Hours::weekdays_0830_1715();
        // 2026-11-24 is a Tuesday.
        assert_eq!(outside(&h, &at("2026-11-24T08:29:59+09:00")), Some(Outside::Hour));
        assert_eq!(outside(&h, &at("2026-11-24T08:30:00+09:00")), None);
        assert_eq!(outside(&h, &at("2026-11-24T17:15:59+09:00")), None);
        assert_eq!(outside(&h, &at("2026-11-24T17:16:00+09:00")), Some(Outside::Hour));
    }

    #[test]
    fn weekends_holidays_and_year_end_are_outside() {
        let h = Hours::weekdays_0830_1715();
        assert_eq!(outside(&h, &at("2026-11-22T10:00:00+09:00")), Some(Outside::Day));
        assert_eq!(outside(&h, &at("2026-11-23T10:00:00+09:00")), Some(Outside::Holiday("勤労感謝の日")));
        assert_eq!(outside(&h, &at("2026-09-22T10:00:00+09:00")), Some(Outside::Holiday("国民の休日")));
        assert_eq!(outside(&h, &at("2026-12-28T10:00:00+09:00")), None);
        assert_eq!(outside(&h, &at("2026-12-29T10:00:00+09:00")), Some(Outside::YearEnd));
        assert_eq!(outside(&h, &at("2027-01-04T10:00:00+09:00")), None);
        let all_days = Hours { days: [true; 7], holidays_off: false, ..Hours::weekdays_0830_1715() };
        assert_eq!(outside(&all_days, &at("2026-11-23T10:00:00+09:00")), None);
    }

    #[test]
    fn breaks_are_inclusive() {
        let h = Hours { breaks: vec![(720, 780)], ..Hours::weekdays_0830_1715() };
        assert_eq!(outside(&h, &at("2026-11-24T11:59:00+09:00")), None);
        assert_eq!(outside(&h, &at("2026-11-24T12:00:00+09:00")), Some(Outside::Break));
        assert_eq!(outside(&h, &at("2026-11-24T13:00:00+09:00")), Some(Outside::Break));
        assert_eq!(outside(&h, &at("2026-11-24T13:01:00+09:00")), None);
    }

    #[test]
    fn post_span_is_the_first_non_empty_line() {
        let n = Normalized::new("\n  お知らせです  \n二行目");
        let (a, b) = post_span(&n).unwrap();
        assert_eq!(&n.text[a..b], "お知らせです");
        assert_eq!(post_span(&Normalized::new(" \n\t")), None);
    }
}
