//! The states, people and topics enrichers against the repository's real gazetteers
//! (content/data/*.yaml), on sentences written for these tests; and the fixture site built
//! with the real topics, so tag pages and chips show Arabic names.

mod common;
use common::*;

use std::collections::BTreeMap;

use dossier::data::Gazetteers;
use dossier::enrich::{people, states, topics};

fn data() -> Gazetteers {
    Gazetteers::load(&repo()).expect("content/data loads")
}

#[test]
fn real_data_is_consistent() {
    let d = data();
    assert!(d.people.len() >= 15, "{}", d.people.len());
    for p in &d.people {
        for s in &p.states {
            assert!(
                d.states.iter().any(|st| &st.slug == s),
                "{}: unknown state {s}",
                p.slug
            );
        }
    }
    for slug in [
        "afghanistan",
        "peacekeeping",
        "kazakhstan-2022",
        "exercises",
        "nato",
        "summits",
        "presidency",
        "armenia-azerbaijan",
        "terrorism",
        "ukraine",
        "membership",
        "secretary-general",
    ] {
        assert!(d.topics.iter().any(|t| t.slug == slug), "topic {slug}");
    }
}

#[test]
fn states_on_real_gazetteer() {
    let d = data();
    let ctx = dossier::enrich::EnrichContext::of(&d);
    let rows: &[(&str, &[(&str, usize)])] = &[
        ("وصل الوفد إلى موسكو قادماً من بيشكيك", &[]),
        (
            "أجرى الجيشان القرغيزي والطاجيكي مناورات في قيرغيزيا وطاجكستان",
            &[("kyrgyzstan", 2), ("tajikistan", 2)],
        ),
        (
            "زار رئيس روسيا البيضاء مينسك ومينسك بعد لقائه نظيره الروسي",
            &[("belarus", 2), ("russia", 1)],
        ),
        (
            "اجتمع القادة في نور سلطان وفي نورسلطان، وقال الرئيس الكازاخستاني",
            &[("kazakhstan", 2)],
        ),
        (
            "رحب الأذربيجانيون بالقرار الأذري ورفضته باكو",
            &[("azerbaijan", 2)],
        ),
        (
            "استقبلت رئيسة الوزراء الإيطالية جورجيا ميلوني وفداً أوزبكياً",
            &[("uzbekistan", 1)],
        ),
        (
            "انسحبت جورجيا من المعاهدة، وقالت الخارجية الجورجية إن تبليسي",
            &[("georgia", 2)],
        ),
        ("التقى الرئيس نور سلطان نزارباييف بالمغنية جورجيا", &[]),
    ];
    for (text, want) in rows {
        let want: BTreeMap<String, usize> = want.iter().map(|(s, n)| (s.to_string(), *n)).collect();
        assert_eq!(states::mentions(&ctx, "", text), want, "{text:?}");
    }
}

#[test]
fn people_on_real_gazetteer() {
    let d = data();
    let rows: &[(&str, &[&str])] = &[
        (
            "بحث إمام علي رحمون مع توكايف، وأكد رحمن وتوكاييف",
            &["emomali-rahmon", "kassym-jomart-tokayev"],
        ),
        (
            "قال نيقولاي بورديوژا ثم ستانيسلاف زاس وبعده إيمانغالي تاسماغامبيتوف",
            &[
                "imangali-tasmagambetov",
                "nikolai-bordyuzha",
                "stanislav-zas",
            ],
        ),
        (
            "وأكد لافروف وشويغو ولبوتين",
            &["sergei-shoigu", "sergey-lavrov", "vladimir-putin"],
        ),
        ("صرح عبد الرحمن وعلي وألكسندر", &[]),
        // Two Serdyukovs: the surname alone tags neither, the full names each.
        ("قال سيرديوكوف ثم وسيرديوكوف", &[]),
        (
            "الجنرال أندري سيرديوكوف ووزير الدفاع اناتولي سيرديوكوف",
            &["anatoly-serdyukov", "andrey-serdyukov"],
        ),
        (
            "قاسم جومارك توكايف وصدر جباروف وإمام علي رحمان",
            &["emomali-rahmon", "kassym-jomart-tokayev", "sadyr-japarov"],
        ),
    ];
    for (text, want) in rows {
        assert_eq!(people::find(&d.people, "", text), *want, "{text:?}");
    }
}

#[test]
fn topics_on_real_gazetteer() {
    let d = data();
    let rows: &[(&str, &str, &[&str])] = &[
        (
            "",
            "أرسلت المنظمة قوات حفظ السلام إلى كازاخستان بعد أعمال الشغب، وبقيت وحدة حفظ السلام أسبوعين",
            &["kazakhstan-2022", "peacekeeping"],
        ),
        ("حلف الناتو يتوسع", "", &["nato"]),
        (
            "",
            "وعلى الحدود الأرمنية - الأذربيجانية تجددت الاشتباكات، وبحث رؤساء الدول في القمة الوضع على الحدود مع أذربيجان",
            &["armenia-azerbaijan", "summits"],
        ),
        // One passing mention of each is not a topic.
        ("", "تعهدت الدول بمكافحة الإرهاب والتطرف وبحثت الوضع في أفغانستان", &[]),
    ];
    for (title, text, want) in rows {
        assert_eq!(topics::find(&d.topics, title, text), *want, "{text:?}");
    }
}

#[test]
fn fixture_site_shows_topic_names() {
    let site = Site::fixture();
    let real = std::fs::read_to_string(repo().join("content/data/topics.yaml")).expect("topics");
    site.write("content/data/topics.yaml", &real);
    site.write(
        "content/articles/delta-auto.md",
        "---\ntitle: قوات حفظ السلام تصل إلى كازاخستان\ndate: 2022-01-07\n---\n\
         وصلت أول كتيبة إلى كازاخستان. وقال الرئيس الكازاخستاني إن قوات حفظ السلام ستغادر \
         قريباً، وأشادت أرمينيا بالعملية.\n",
    );
    site.build().expect("fixture builds");

    let tag = site.html("tags/exercises/index.html");
    assert_eq!(texts(&tag, "h1"), ["التدريبات والمناورات"]);
    let tag = site.html("tags/peacekeeping/index.html");
    assert_eq!(texts(&tag, "h1"), ["حفظ السلام"]);

    // Enriched: tags and the state found in the text (the fixture's states.yaml lists only
    // Russia, Armenia and Georgia), with names, not slugs.
    let page = site.html("articles/delta-auto/index.html");
    let chips = texts(&page, ".article-header .chip-tag");
    assert!(chips.contains(&"حفظ السلام".to_string()), "{chips:?}");
    assert!(
        chips.contains(&"أحداث كازاخستان 2022".to_string()),
        "{chips:?}"
    );
    let states = texts(&page, ".article-header .chips:not(.tags) .chip");
    assert_eq!(states, ["أرمينيا"]);

    // Hand-set tags stay as written, and show their names.
    let beta = site.html("articles/beta-exercise/index.html");
    assert_eq!(texts(&beta, ".chip-tag"), ["التدريبات والمناورات", "القمم"]);
}

#[test]
fn unknown_hand_set_person_is_an_error() {
    let site = Site::fixture();
    site.write(
        "content/articles/epsilon.md",
        "---\ntitle: عنوان\ndate: 2022-01-07\npeople: [nobody-known]\n---\nنص.\n",
    );
    let err = site.build().expect_err("unknown person").to_string();
    assert!(
        err.contains("content/articles/epsilon.md:4:1: unknown person `nobody-known`"),
        "{err}"
    );
    assert!(err.contains("(people)"), "{err}");
}
