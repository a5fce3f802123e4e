//! Date ranges counted from totals: a long range reads the totals at the two ends of its
//! whole segments and the rows of its edges only, and answers exactly as the index does;
//! without a totals file it reads every row and still answers exactly; totals of sealed
//! segments keep their names on an update, and a new district renames rows and totals.

use super::*;

fn long_ranges() -> Vec<Query> {
    let d = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let q = |districts: &[&str], topics: &[&str], from: &str, to: &str| Query {
        districts: d(districts),
        topics: d(topics),
        from: Day::parse_iso(from),
        to: Day::parse_iso(to),
        ..Query::default()
    };
    vec![
        q(&[], &[], "2019-03-10", "2023-08-20"),
        q(&[], &["bau-cu"], "2019-04-01", "2023-06-30"),
        q(&["huyen-cau-ke-tra-vinh"], &[], "2019-06-01", "2024-01-01"),
        q(&["huyen-cau-ke-tra-vinh", "huyen-kim-son-ninh-binh"], &["y-te-dich-benh"], "2019-02-01", "2023-06-30"),
        q(&["no-such-district"], &[], "2019-02-01", "2023-06-30"),
        q(&[], &["no-such-topic"], "2019-02-01", "2023-06-30"),
        // From the first article: nothing is before segment 0.
        q(&[], &["nong-nghiep-ntm"], "2010-01-01", "2022-12-31"),
        // Several topics: counted from rows.
        q(&[], &["bau-cu", "xay-dung-dang"], "2019-03-10", "2023-08-20"),
    ]
}

fn fetched_kinds(fetched: &[String]) -> (usize, usize) {
    (fetched.iter().filter(|p| p.starts_with("archive/totals/")).count(), fetched.iter().filter(|p| p.contains("/rows-")).count())
}

#[test]
fn long_date_ranges_are_counted_from_totals_exactly() {
    let fx = fixture(12 * SEGMENT);
    for query in long_ranges() {
        for shown in [0, 30, 200] {
            let fetched = answers_like_the_index(&fx, &query, shown);
            let (totals, rows) = fetched_kinds(&fetched);
            if query.topics.len() <= 1 {
                assert!(totals >= 1 && totals <= 2, "{query:?}: {fetched:?}");
                assert!(rows <= 6, "{query:?} read {rows} rows files: {fetched:?}");
            } else {
                assert_eq!(totals, 0, "{query:?}");
            }
        }
    }
}

#[test]
fn without_its_totals_a_range_is_counted_from_rows() {
    let fx = fixture(12 * SEGMENT);
    let query = &long_ranges()[1];
    let mut archive = opened(&fx);
    let mut files = fx.files.clone();
    files.retain(|path, _| !path.starts_with("archive/totals/"));
    let mut fetched = Vec::new();
    drive(&mut archive, &files, query, 30, &mut fetched);
    let answer = archive.answer(query, 30);
    assert_eq!(answer.total, fx.index.search(query).len());
    assert_eq!(answer.facets, fx.index.facets(query));
    assert!(answer.missing.is_empty(), "{:?}", answer.missing);
    assert!(fetched_kinds(&fetched).1 > 6);
    // A totals file of another place is refused, naming what it holds.
    let mut fresh = opened(&fx);
    let (path, text) = fx.files.iter().find(|(p, _)| p.starts_with("archive/totals/3-")).unwrap();
    let refused = fresh.insert(Need::Totals(4), text).unwrap_err();
    assert!(refused.contains("totals of another place"), "{path}: {refused}");
}

#[test]
fn updates_keep_sealed_totals_and_new_districts_rename_rows() {
    let items = corpus(SEGMENT * 3 + 10);
    let before = layout("T", items.clone()).unwrap();
    let paths = |l: &write::Layout| l.files.iter().map(|f| f.path.clone()).collect::<std::collections::HashSet<_>>();
    let totals = |l: &write::Layout| paths(l).into_iter().filter(|p| p.starts_with("archive/totals/")).collect::<Vec<_>>();
    let newest = Day { year: 2030, month: 1, day: 1 };
    let mut extra = corpus(40);
    for (i, item) in extra.iter_mut().enumerate() {
        item.id = format!("{newest}-moi-{i}");
        item.date_published = format!("{newest}T08:00:00+07:00");
    }
    let mut more = items.clone();
    more.extend(extra.clone());
    let appended = layout("T", more).unwrap();
    let kept = totals(&before).into_iter().filter(|p| paths(&appended).contains(p)).count();
    // Those before segments 1, 2 and 3 stay; the last one's changes.
    assert_eq!((totals(&before).len(), kept), (4, 3));
    // A district sorting before the others renumbers them: no rows file keeps its name.
    for item in &mut extra {
        item.bantin.district_id = Some("huyen-an-bien-kien-giang".into());
        item.bantin.district = Some("An Biên".into());
        item.bantin.province = Some("Kiên Giang".into());
    }
    let mut renumbered = items;
    renumbered.extend(extra);
    let after = paths(&layout("T", renumbered).unwrap());
    assert!(paths(&before).iter().filter(|p| p.contains("/rows-") || p.starts_with("archive/totals/")).all(|p| !after.contains(p)));
    let article = |p: &&String| p.starts_with("articles/");
    assert!(paths(&before).iter().filter(article).all(|p| after.contains(p)), "articles keep their names");
}
