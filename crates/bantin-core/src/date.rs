//! Calendar days without a time-zone library.
//!
//! Every Bantin date is a Vietnamese calendar day (`+07:00`, no daylight saving), so a day is
//! fully described by (year, month, day) and comparisons need nothing more than a day number.

use std::fmt;

/// A calendar day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    /// A valid day, or `None` (`31/4`, `29/2/2021`, month 13…).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }

    /// Parse `YYYY-MM-DD` strictly (the URL's `from`/`to`).
    pub fn parse_iso(text: &str) -> Option<Day> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = &text[r];
            s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
        };
        Day::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn number(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The inverse of [`Day::number`].
    pub fn from_number(number: i64) -> Day {
        let z = number + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Day { year, month, day }
    }

    pub fn plus_days(self, days: i64) -> Day {
        Day::from_number(self.number() + days)
    }

    /// `30/03/2021`, the way Vietnamese readers write a date.
    pub fn to_vietnamese(self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

impl fmt::Display for Day {
    /// ISO 8601 `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A publication moment as the feed carries it: a day, and the minute when it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Published {
    pub day: Day,
    /// (hour, minute), Vietnam time.
    pub time: Option<(u32, u32)>,
}

impl Published {
    /// RFC 3339 with the `+07:00` offset; midnight when only the day is known.
    pub fn to_rfc3339(self) -> String {
        let (h, m) = self.time.unwrap_or((0, 0));
        format!("{}T{:02}:{:02}:00+07:00", self.day, h, m)
    }

    /// Parse an RFC 3339 / ISO 8601 date or date-time (`2021-03-30`, `2021-03-30T08:15:00+07:00`,
    /// `2021-03-30 08:15`, `…Z`) into Vietnam time: another offset is converted to +07:00, a
    /// missing one is taken as Vietnam time. Anything unparsable is `None`.
    pub fn parse_rfc3339(text: &str) -> Option<Published> {
        let text = text.trim();
        let day = Day::parse_iso(text.get(0..10)?)?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Some(Published { day, time: None });
        }
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let b = rest.as_bytes();
        if b.len() < 5 || b[2] != b':' {
            return None;
        }
        let hour: i64 = rest.get(0..2)?.parse().ok()?;
        let minute: i64 = rest.get(3..5)?.parse().ok()?;
        if hour > 23 || minute > 59 {
            return None;
        }
        let mut tail = &rest[5..];
        if let Some(seconds) = tail.strip_prefix(':') {
            tail = seconds.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        }
        let offset_minutes: i64 = match tail {
            "" => VIETNAM_OFFSET_MINUTES,
            "Z" | "z" => 0,
            _ => {
                let sign = match tail.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let digits: Vec<i64> = tail[1..].bytes().filter(u8::is_ascii_digit).map(|d| i64::from(d - b'0')).collect();
                if digits.len() != 4 {
                    return None;
                }
                sign * ((digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3])
            }
        };
        let minutes = day.number() * 1440 + hour * 60 + minute - offset_minutes + VIETNAM_OFFSET_MINUTES;
        let local_day = Day::from_number(minutes.div_euclid(1440));
        let of_day = minutes.rem_euclid(1440);
        let time = ((of_day / 60) as u32, (of_day % 60) as u32);
        Some(Published { day: local_day, time: (time != (0, 0)).then_some(time) })
    }
}

/// Vietnam is UTC+07:00 all year.
const VIETNAM_OFFSET_MINUTES: i64 = 7 * 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_days() {
        assert!(Day::new(2020, 2, 29).is_some());
        assert!(Day::new(2021, 2, 29).is_none());
        assert!(Day::new(2021, 4, 31).is_none());
        assert!(Day::new(2021, 13, 1).is_none());
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(Day::new(1970, 1, 1).unwrap().number(), 0);
        for n in [-1000, 0, 18000, 18717, 20000, 60000] {
            assert_eq!(Day::from_number(n).number(), n);
        }
        let d = Day::new(2021, 3, 30).unwrap();
        assert_eq!(d.plus_days(2), Day::new(2021, 4, 1).unwrap());
        assert_eq!(d.plus_days(-30), Day::new(2021, 2, 28).unwrap());
    }

    #[test]
    fn parses_iso_strictly() {
        assert_eq!(Day::parse_iso("2021-03-30"), Day::new(2021, 3, 30));
        assert_eq!(Day::parse_iso("2021-3-30"), None);
        assert_eq!(Day::parse_iso("2021-02-30"), None);
        assert_eq!(Day::parse_iso("+021-02-01"), None);
    }

    #[test]
    fn rfc3339_round_trip() {
        let p = Published::parse_rfc3339("2020-07-29T16:30:00+07:00").unwrap();
        assert_eq!(p.time, Some((16, 30)));
        assert_eq!(p.to_rfc3339(), "2020-07-29T16:30:00+07:00");
        let d = Published::parse_rfc3339("2021-03-30T00:00:00+07:00").unwrap();
        assert_eq!(d.time, None);
        assert_eq!(Published::parse_rfc3339("30/03/2021"), None);
        assert_eq!(Published::parse_rfc3339("2021-03-30T25:00:00+07:00"), None);
        // Other offsets are converted to Vietnam time (and may change the day).
        let utc = Published::parse_rfc3339("2021-03-29T20:00:00Z").unwrap();
        assert_eq!((utc.day, utc.time), (Day::new(2021, 3, 30).unwrap(), Some((3, 0))));
        assert_eq!(Published::parse_rfc3339("2021-03-30T08:15:00+0700").unwrap().time, Some((8, 15)));
        assert_eq!(Published::parse_rfc3339("2021-03-30T08:15+07"), None);
    }

    #[test]
    fn formats_the_vietnamese_way() {
        assert_eq!(Day::new(2021, 3, 30).unwrap().to_vietnamese(), "30/03/2021");
    }
}
