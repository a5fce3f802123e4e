//! Telex and VNI, the two ways Vietnamese is typed on a keyboard without Vietnamese keys:
//! `baauf cuwr` and `ba6u2 cu7` both mean "bầu cử". A reader on a phone without a Vietnamese
//! keyboard types them into the search box; a query that matches nothing is retried as Telex,
//! then as VNI (CONTRACT §2), and the list says what it searched for instead.
//!
//! Why not the `vi` crate: it is an input-method engine (a buffer per syllable, nom parsers,
//! phf tables, every typing order an IME must support) where the reader needs one pure
//! function from a finished word to its letters, and every kilobyte of the browser's wasm is
//! budgeted. The rules below are the standard ones; the tone goes where this project's
//! canonical spelling puts it (`hòa`, `thủy`: see `fold`), so a decoded word also matches
//! with its marks.

/// A way of typing Vietnamese with plain keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Telex,
    Vni,
}

/// Each base vowel with its five tones: none, sắc (acute), huyền (grave), hỏi (hook), ngã
/// (tilde), nặng (dot below).
const VOWELS: [[char; 6]; 12] = [
    ['a', 'á', 'à', 'ả', 'ã', 'ạ'],
    ['ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ế', 'ề', 'ể', 'ễ', 'ệ'],
    ['i', 'í', 'ì', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ứ', 'ừ', 'ử', 'ữ', 'ự'],
    ['y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
];

fn is_vowel(c: char) -> bool {
    VOWELS.iter().any(|row| row[0] == c)
}

fn with_tone(c: char, tone: usize) -> char {
    VOWELS.iter().find(|row| row[0] == c).map_or(c, |row| row[tone])
}

/// A vowel with a mark of its own (ă â ê ô ơ ư): it takes the tone in a cluster.
fn is_marked(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Where the tone goes in a lower-case syllable without tone (the traditional placement this
/// project writes: `hòa`, `thủy`, `toán`, `quốc`, `giày`, `người`).
fn tone_position(letters: &[char]) -> Option<usize> {
    // `qu` and `gi` (before a vowel) are consonants: their u and i never take the tone.
    let skip = match letters {
        ['q', 'u', ..] => 2,
        ['g', 'i', next, ..] if is_vowel(*next) => 2,
        _ => 0,
    };
    let start = skip + letters[skip..].iter().position(|&c| is_vowel(c))?;
    let end = start + letters[start..].iter().take_while(|&&c| is_vowel(c)).count();
    let cluster = start..end;
    if let Some(marked) = cluster.clone().rev().find(|&i| is_marked(letters[i])) {
        return Some(marked);
    }
    // With a final consonant the tone goes on the cluster's last vowel (`toán`, `khuyến`
    // typed without its ê); without one, on the first of two (`hòa`) or the middle of three (`ngoài`).
    Some(match cluster.len() {
        1 => start,
        _ if end < letters.len() => end - 1,
        2 => start,
        _ => start + 1,
    })
}

/// Put `tone` (1–5) on the syllable; 0 leaves it without.
fn place_tone(letters: &mut [char], tone: usize) {
    if tone > 0 {
        if let Some(at) = tone_position(letters) {
            letters[at] = with_tone(letters[at], tone);
        }
    }
}

/// The last vowel before `at` that is one of `bases`.
fn previous(letters: &[char], at: usize, bases: &[char]) -> Option<usize> {
    letters[..at].iter().rposition(|c| bases.contains(c))
}

/// One word typed in Telex, as letters: `nguyeenx` → `nguyễn`, `dduwowngf` → `đường`.
fn telex_word(word: &[char]) -> Vec<char> {
    let mut letters: Vec<char> = Vec::with_capacity(word.len());
    let mut tone = 0;
    for (i, &c) in word.iter().enumerate() {
        let last = letters.last().copied();
        match c {
            'd' if last == Some('d') => *letters.last_mut().unwrap() = 'đ',
            'a' | 'e' | 'o' if last == Some(c) => *letters.last_mut().unwrap() = match c { 'a' => 'â', 'e' => 'ê', _ => 'ô' },
            'w' => match previous(&letters, letters.len(), &['a', 'o', 'u']) {
                // `uow` and `uwow` both give ươ.
                Some(at) if letters[at] == 'o' && at > 0 && matches!(letters[at - 1], 'u' | 'ư') => {
                    letters[at - 1] = 'ư';
                    letters[at] = 'ơ';
                }
                Some(at) => letters[at] = match letters[at] { 'a' => 'ă', 'o' => 'ơ', _ => 'ư' },
                None => letters.push('ư'),
            },
            // A tone key, once a vowel has been typed (no syllable ends in s, f, r, x or j).
            's' | 'f' | 'r' | 'x' | 'j' if letters.iter().any(|&l| is_vowel(l)) && (i + 1 == word.len() || !is_vowel(word[i + 1])) => {
                tone = match c { 's' => 1, 'f' => 2, 'r' => 3, 'x' => 4, _ => 5 };
            }
            'z' if letters.iter().any(|&l| is_vowel(l)) => tone = 0,
            _ => letters.push(c),
        }
    }
    place_tone(&mut letters, tone);
    letters
}

/// One word typed in VNI: digits after the letters they change (`a6` â, `a8` ă, `o7` ơ, `u7`
/// ư, `d9` đ) and a tone digit anywhere after the vowel (1 sắc … 5 nặng, 0 none).
fn vni_word(word: &[char]) -> Vec<char> {
    let mut letters: Vec<char> = Vec::with_capacity(word.len());
    let mut tone = 0;
    for &c in word {
        let at = letters.len();
        let changed = match c {
            '6' => previous(&letters, at, &['a', 'e', 'o']).map(|i| letters[i] = match letters[i] { 'a' => 'â', 'e' => 'ê', _ => 'ô' }),
            '7' => previous(&letters, at, &['o', 'u']).map(|i| {
                letters[i] = if letters[i] == 'o' { 'ơ' } else { 'ư' };
                if letters[i] == 'ơ' && i > 0 && letters[i - 1] == 'u' {
                    letters[i - 1] = 'ư';
                }
            }),
            '8' => previous(&letters, at, &['a']).map(|i| letters[i] = 'ă'),
            '9' => previous(&letters, at, &['d']).map(|i| letters[i] = 'đ'),
            '1'..='5' if letters.iter().any(|&l| is_vowel(l)) => {
                tone = c as usize - '0' as usize;
                Some(())
            }
            '0' if letters.iter().any(|&l| is_vowel(l)) => {
                tone = 0;
                Some(())
            }
            _ => None,
        };
        if changed.is_none() {
            letters.push(c);
        }
    }
    place_tone(&mut letters, tone);
    letters
}

/// `text` read as typed with `method`, word by word, keeping each word's capitals; `None` when
/// that reading changes nothing (nothing to retry).
pub fn decode(text: &str, method: Method) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 8);
    let mut changed = false;
    for (i, piece) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Quotes and other punctuation around a word (a phrase) stay as they are.
        let word = piece.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let lead = &piece[..piece.find(word).unwrap_or(0)];
        let trail = &piece[lead.len() + word.len()..];
        out.push_str(lead);
        // ASCII only: Unicode's case tables would cost the browser ~20 KB of wasm, and only
        // plain-key words are read anyway.
        let lower: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
        // Only plain keys: a word already written with marks is left as it is.
        let letters = if lower.is_empty() || !lower.iter().all(|c| c.is_ascii_alphanumeric()) {
            lower.clone()
        } else {
            match method {
                Method::Telex => telex_word(&lower),
                Method::Vni => vni_word(&lower),
            }
        };
        if letters == lower {
            out.push_str(word);
        } else {
            changed = true;
            let capitals = word.chars().filter(char::is_ascii_uppercase).count();
            let all_caps = capitals > 1 && capitals == word.chars().filter(char::is_ascii_alphabetic).count();
            for (j, c) in letters.into_iter().enumerate() {
                if all_caps || (j == 0 && word.starts_with(|w: char| w.is_ascii_uppercase())) {
                    out.push(crate::rank::upper(c));
                } else {
                    out.push(c);
                }
            }
        }
        out.push_str(trail);
    }
    changed.then_some(out)
}

/// What to retry a query that matched nothing with, in the contract's order: as Telex, then
/// as VNI, each only when it reads differently.
pub fn retries(text: &str) -> Vec<(Method, String)> {
    [Method::Telex, Method::Vni].into_iter().filter_map(|method| decode(text, method).map(|t| (method, t))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn telex(text: &str) -> String {
        decode(text, Method::Telex).unwrap_or_else(|| text.to_owned())
    }

    fn vni(text: &str) -> String {
        decode(text, Method::Vni).unwrap_or_else(|| text.to_owned())
    }

    #[test]
    fn telex_words() {
        for (typed, meant) in [
            ("baauf cuwr", "bầu cử"),
            ("nguyeenx", "nguyễn"),
            ("dduwowngf", "đường"),
            ("duowngf", "đường".replacen('đ', "d", 1).as_str()),
            ("hoaf", "hòa"),
            ("thuyr", "thủy"),
            ("toans", "toán"),
            ("quoocs", "quốc"),
            ("giaf", "già"),
            ("nguwowif", "người"),
            ("vieetj nam", "việt nam"),
            ("Ddangr", "Đảng"),
            ("\"baauf cuwr\"", "\"bầu cử\""),
            ("UBND huyeenj", "UBND huyện"),
            ("khoong", "không"),
            ("tuaanf", "tuần"),
            ("w", "ư"),
        ] {
            assert_eq!(telex(typed), meant, "{typed}");
        }
    }

    #[test]
    fn vni_words() {
        for (typed, meant) in [
            ("ba6u2 cu73", "bầu cử"),
            ("nguye6n4", "nguyễn"),
            ("nguye4n", "nguyẽn"),
            ("d9u7o7ng2", "đường"),
            ("d9uo7ng2", "đường"),
            ("hoa2", "hòa"),
            ("vie6t5 nam", "việt nam"),
            ("D9a3ng", "Đảng"),
            ("ta8ng", "tăng"),
        ] {
            assert_eq!(vni(typed), meant, "{typed}");
        }
    }

    #[test]
    fn nothing_to_retry_when_nothing_changes() {
        assert_eq!(decode("bau cu", Method::Telex), None);
        assert_eq!(decode("bầu cử", Method::Telex), None);
        assert_eq!(decode("2024", Method::Vni), None);
        assert_eq!(retries("hoa"), vec![]);
        assert_eq!(retries("hoaf"), vec![(Method::Telex, "hòa".to_owned())]);
        assert_eq!(retries("hoa2").first(), Some(&(Method::Vni, "hòa".to_owned())));
    }

    /// A word as the keys `method` types it: each marked letter as its base and key, the
    /// tone key last.
    fn keys_of(word: &str, method: Method) -> String {
        let mut keys = String::new();
        let mut tone = 0;
        for c in word.chars() {
            let (base, t) = VOWELS.iter().find_map(|row| row.iter().position(|&v| v == c).map(|t| (row[0], t))).unwrap_or((c, 0));
            tone = tone.max(t);
            let (plain, telex, vni) = match base {
                'ă' => ('a', "aw", "a8"),
                'â' => ('a', "aa", "a6"),
                'ê' => ('e', "ee", "e6"),
                'ô' => ('o', "oo", "o6"),
                'ơ' => ('o', "ow", "o7"),
                'ư' => ('u', "uw", "u7"),
                'đ' => ('d', "dd", "d9"),
                other => (other, "", ""),
            };
            match (method, telex.is_empty()) {
                (_, true) => keys.push(plain),
                (Method::Telex, false) => keys.push_str(telex),
                (Method::Vni, false) => keys.push_str(vni),
            }
        }
        if tone > 0 {
            keys.push(match method {
                Method::Telex => ['s', 'f', 'r', 'x', 'j'][tone - 1],
                Method::Vni => char::from(b'0' + tone as u8),
            });
        }
        keys
    }

    /// Every Vietnamese word of the bundled feed, typed in Telex or VNI, reads back as itself: the
    /// tone lands where the project's canonical spelling has it (pages write `khoá` or
    /// `khóa`; `fold::canonical_tone` says which is ours).
    #[cfg(feature = "normalize")]
    #[test]
    fn every_word_of_the_bundled_feed_round_trips_through_telex_and_vni() {
        let feed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/feed.json")).unwrap();
        let decoded = crate::feed::decode(&feed).unwrap();
        let words: Vec<String> = decoded
            .items
            .iter()
            .flat_map(|item| format!("{} {} {}", item.title, item.summary, item.content_text).split_whitespace().map(str::to_lowercase).collect::<Vec<_>>())
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_owned())
            .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_lowercase() || is_vowel_or_marked(c) || c == 'đ'))
            .filter(|w| !w.is_ascii())
            .collect();
        let mut words: Vec<String> = words.iter().map(|w| crate::fold::canonical_tone(w)).collect();
        words.sort();
        words.dedup();
        assert!(words.len() > 300, "{} words", words.len());
        for method in [Method::Telex, Method::Vni] {
            let read = |keys: &str| decode(keys, method).unwrap_or_else(|| keys.to_owned());
            let wrong: Vec<String> = words.iter().map(|w| (w, keys_of(w, method))).filter(|(w, keys)| read(keys) != **w).map(|(w, keys)| format!("{w} ← {keys} → {}", read(&keys))).collect();
            assert!(wrong.is_empty(), "{method:?}: {} of {} words:\n{}", wrong.len(), words.len(), wrong.join("\n"));
        }
    }

    fn is_vowel_or_marked(c: char) -> bool {
        VOWELS.iter().any(|row| row.contains(&c))
    }
}
