//! Every email, rendered as it is sent: each template in Persian and in
//! English, snapshot-tested (`snapshots/`), with its link under the site's
//! public URL.

use nikoo_server::mail::render_message;
use nikoo_types::mail::Message;
use nikoo_types::{DisplayDate, Locale, LocalizedText};

/// One message of every template, with fixed parameters.
fn samples() -> Vec<Message> {
    let text = |fa: &str, en: &str| LocalizedText::new(Some(fa.into()), Some(en.into()));
    vec![
        Message::VerifyEmail {
            name: "Zahra".into(),
            token: "tok-verify".into(),
        },
        Message::AccountExists,
        Message::ResetPassword {
            token: "tok-reset".into(),
        },
        Message::Invitation {
            center: text("مرکز نیکوکاری کوهپایه", "Kuhpayeh charity center"),
            role: "coordinator".into(),
            inviter: "Ali".into(),
            token: "tok-invite".into(),
        },
        Message::InstallmentOverdue { number: 3 },
        Message::InstallmentUnpaid {
            number: 2,
            due: DisplayDate {
                gregorian: [2026, 1, 3],
                jalali: [1404, 10, 13],
            },
        },
        Message::PledgeCancelled {
            program: text("سبد غذایی رمضان", "Ramadan food baskets"),
            reason: "این تعهد دو بار ثبت شده بود. / Recorded twice.".into(),
        },
        Message::ProgramUpdate {
            program: text("سبد غذایی رمضان", "Ramadan food baskets"),
            slug: "ramadan-food-zanjan".into(),
            title: text("۴۰۰ سبد رسید", "400 baskets delivered"),
            text: text("سپاس از همه.", "Thank you all."),
        },
    ]
}

#[test]
fn every_email_renders_in_both_languages() {
    let mut templates = std::collections::BTreeSet::new();
    for message in samples() {
        templates.insert(message.template());
        for locale in Locale::ALL {
            let (subject, body) = render_message(&message, locale, "https://nikoo.test");
            assert!(
                !subject.is_empty() && !body.contains('{'),
                "{} {}: a placeholder was left: {body}",
                message.template(),
                locale.code()
            );
            crate::common::assert_snapshot(
                &format!("email_{}_{}", message.template(), locale.code()),
                &format!("Subject: {subject}\n\n{body}"),
            );
        }
    }
    // Every template of emails.ftl has a sample here.
    let in_files: std::collections::BTreeSet<&str> = nikoo_types::i18n::emails::strings(Locale::En)
        .keys()
        .filter_map(|k| k.strip_suffix("_subject"))
        .collect();
    assert_eq!(templates, in_files);
}
