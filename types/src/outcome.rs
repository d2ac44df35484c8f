//! The one vocabulary of outcomes: what a refused input broke ([`Rule`],
//! a stable code per rule), the input it was ([`FieldError`]), and how any
//! refusal or failure ends at a boundary ([`Outcome`]: the HTTP status, the
//! code and the field). The domain builds these; server functions, the
//! public API, the file routes and the command line all read the same
//! [`Outcome`] (`nikoo_domain::DomainError::outcome`).
//!
//! Texts are in `i18n/{fa,en}/rules.ftl`, one per rule, some per rule and
//! field; every rule has both (a test).

use crate::Locale;
use serde::{Deserialize, Serialize};

/// A rule an input broke. Serialized as its code (`required`,
/// `not_positive`, …): the codes of redirects' `?error=field.code`, of the
/// API's errors and of the wire [`FieldError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooShort,
    TooLong,
    InvalidEmail,
    InvalidCredentials,
    WrongPassword,
    EmailNotVerified,
    InvalidToken,
    OtherAccount,
    UnknownCode,
    CountyNotInProvince,
    NameRequired,
    SoleOwner,
    LastOwner,
    AlreadyMember,
    RoleNotAllowed,
    NotAllowed,
    OutOfRange,
    NotANumber,
    Malformed,
    NotRefundable,
    ExceedsGift,
    Unknown,
    NotOpen,
    NotOpenItems,
    NotPositive,
    ExceedsPledge,
    Invalid,
    NoCurrency,
    CurrencyUnsupported,
    Declined,
    Unavailable,
    NoCardPledges,
    TitleRequired,
    BeforeStart,
    NeedsANeed,
    UnitRequired,
    AlreadyClosed,
    NotClosed,
    Archived,
    ExceedsFund,
    ExceedsStock,
    InFuture,
    TooLarge,
    BadName,
    WrongType,
    NotAMoneyNeed,
    TooMany,
    NotAnInKindNeed,
    Duplicate,
    NotLinked,
    NoRows,
    TooManyRows,
    TooManyColumns,
    MissingRequired,
    NotReady,
    DiffersFromNeed,
    DoesNotMatchGift,
    NotInProgram,
    Negative,
    Overflow,
    ZeroEntry,
    Unbalanced,
    TooFewEntries,
    AlreadyReversed,
    NotReversible,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 66] = [
        Rule::Required,
        Rule::TooShort,
        Rule::TooLong,
        Rule::InvalidEmail,
        Rule::InvalidCredentials,
        Rule::WrongPassword,
        Rule::EmailNotVerified,
        Rule::InvalidToken,
        Rule::OtherAccount,
        Rule::UnknownCode,
        Rule::CountyNotInProvince,
        Rule::NameRequired,
        Rule::SoleOwner,
        Rule::LastOwner,
        Rule::AlreadyMember,
        Rule::RoleNotAllowed,
        Rule::NotAllowed,
        Rule::OutOfRange,
        Rule::NotANumber,
        Rule::Malformed,
        Rule::NotRefundable,
        Rule::ExceedsGift,
        Rule::Unknown,
        Rule::NotOpen,
        Rule::NotOpenItems,
        Rule::NotPositive,
        Rule::ExceedsPledge,
        Rule::Invalid,
        Rule::NoCurrency,
        Rule::CurrencyUnsupported,
        Rule::Declined,
        Rule::Unavailable,
        Rule::NoCardPledges,
        Rule::TitleRequired,
        Rule::BeforeStart,
        Rule::NeedsANeed,
        Rule::UnitRequired,
        Rule::AlreadyClosed,
        Rule::NotClosed,
        Rule::Archived,
        Rule::ExceedsFund,
        Rule::ExceedsStock,
        Rule::InFuture,
        Rule::TooLarge,
        Rule::BadName,
        Rule::WrongType,
        Rule::NotAMoneyNeed,
        Rule::TooMany,
        Rule::NotAnInKindNeed,
        Rule::Duplicate,
        Rule::NotLinked,
        Rule::NoRows,
        Rule::TooManyRows,
        Rule::TooManyColumns,
        Rule::MissingRequired,
        Rule::NotReady,
        Rule::DiffersFromNeed,
        Rule::DoesNotMatchGift,
        Rule::NotInProgram,
        Rule::Negative,
        Rule::Overflow,
        Rule::ZeroEntry,
        Rule::Unbalanced,
        Rule::TooFewEntries,
        Rule::AlreadyReversed,
        Rule::NotReversible,
    ];

    /// Its code, e.g. `not_positive`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::TooShort => "too_short",
            Rule::TooLong => "too_long",
            Rule::InvalidEmail => "invalid_email",
            Rule::InvalidCredentials => "invalid_credentials",
            Rule::WrongPassword => "wrong_password",
            Rule::EmailNotVerified => "email_not_verified",
            Rule::InvalidToken => "invalid_token",
            Rule::OtherAccount => "other_account",
            Rule::UnknownCode => "unknown_code",
            Rule::CountyNotInProvince => "county_not_in_province",
            Rule::NameRequired => "name_required",
            Rule::SoleOwner => "sole_owner",
            Rule::LastOwner => "last_owner",
            Rule::AlreadyMember => "already_member",
            Rule::RoleNotAllowed => "role_not_allowed",
            Rule::NotAllowed => "not_allowed",
            Rule::OutOfRange => "out_of_range",
            Rule::NotANumber => "not_a_number",
            Rule::Malformed => "malformed",
            Rule::NotRefundable => "not_refundable",
            Rule::ExceedsGift => "exceeds_gift",
            Rule::Unknown => "unknown",
            Rule::NotOpen => "not_open",
            Rule::NotOpenItems => "not_open_items",
            Rule::NotPositive => "not_positive",
            Rule::ExceedsPledge => "exceeds_pledge",
            Rule::Invalid => "invalid",
            Rule::NoCurrency => "no_currency",
            Rule::CurrencyUnsupported => "currency_unsupported",
            Rule::Declined => "declined",
            Rule::Unavailable => "unavailable",
            Rule::NoCardPledges => "no_card_pledges",
            Rule::TitleRequired => "title_required",
            Rule::BeforeStart => "before_start",
            Rule::NeedsANeed => "needs_a_need",
            Rule::UnitRequired => "unit_required",
            Rule::AlreadyClosed => "already_closed",
            Rule::NotClosed => "not_closed",
            Rule::Archived => "archived",
            Rule::ExceedsFund => "exceeds_fund",
            Rule::ExceedsStock => "exceeds_stock",
            Rule::InFuture => "in_future",
            Rule::TooLarge => "too_large",
            Rule::BadName => "bad_name",
            Rule::WrongType => "wrong_type",
            Rule::NotAMoneyNeed => "not_a_money_need",
            Rule::TooMany => "too_many",
            Rule::NotAnInKindNeed => "not_an_in_kind_need",
            Rule::Duplicate => "duplicate",
            Rule::NotLinked => "not_linked",
            Rule::NoRows => "no_rows",
            Rule::TooManyRows => "too_many_rows",
            Rule::TooManyColumns => "too_many_columns",
            Rule::MissingRequired => "missing_required",
            Rule::NotReady => "not_ready",
            Rule::DiffersFromNeed => "differs_from_need",
            Rule::DoesNotMatchGift => "does_not_match_gift",
            Rule::NotInProgram => "not_in_program",
            Rule::Negative => "negative",
            Rule::Overflow => "overflow",
            Rule::ZeroEntry => "zero_entry",
            Rule::Unbalanced => "unbalanced",
            Rule::TooFewEntries => "too_few_entries",
            Rule::AlreadyReversed => "already_reversed",
            Rule::NotReversible => "not_reversible",
        }
    }

    /// The rule with `code`.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The rule in words on input `field` (`context`: `import_` for an
    /// import's row errors), in `locale`: the text of `{code}--{context}{field}`,
    /// else of `{code}--{field}`, else of `{code}`.
    pub fn message(self, context: &str, field: &str, locale: Locale) -> String {
        let s = crate::i18n::rules::strings(locale);
        let code = self.code();
        let text = [
            format!("{code}--{context}{field}"),
            format!("{code}--{field}"),
            code.to_owned(),
        ]
        .iter()
        .find_map(|k| s.lookup(k))
        .unwrap_or_default();
        let n = |v: usize| crate::digits::localize_digits(&v.to_string(), locale);
        text.replace("{field}", field)
            .replace("{min}", &n(crate::limits::PASSWORD_MIN_CHARS))
            .replace(
                "{max}",
                &n(match field {
                    "per_page" => crate::limits::MAX_PER_PAGE as usize,
                    _ => crate::limits::PASSWORD_MAX_CHARS,
                }),
            )
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

/// An input that breaks a rule: `field` is the input's `name` (a form
/// field, a query parameter, an import column), `code` the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: Rule,
}

impl FieldError {
    /// A new error for `field`.
    pub fn new(field: &str, code: Rule) -> FieldError {
        FieldError {
            field: field.into(),
            code,
        }
    }

    /// The error in words, in the locale.
    pub fn message(&self, locale: Locale) -> String {
        self.code.message("", &self.field, locale)
    }
}

/// How a refusal or failure ends, whatever the boundary: HTTP status
/// (404, 400, 401, 403, 409, 429, 500), a stable code and, for a refused
/// input, its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    /// `not_found`, a [`Rule`]'s code, `unauthenticated`, `forbidden`,
    /// `conflict`, `throttled` or `internal`.
    pub code: String,
    /// The refused input, for [`OutcomeKind::Invalid`].
    pub field: Option<String>,
    /// Seconds until a throttled caller may try again.
    pub retry_after_secs: Option<i64>,
}

impl From<FieldError> for Outcome {
    fn from(e: FieldError) -> Self {
        Outcome {
            kind: OutcomeKind::Invalid,
            code: e.code.code().to_owned(),
            field: Some(e.field),
            retry_after_secs: None,
        }
    }
}

/// The kinds of outcome, each with its HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    NotFound,
    Invalid,
    Unauthenticated,
    Forbidden,
    Conflict,
    Throttled,
    Internal,
}

impl OutcomeKind {
    /// The HTTP status of this kind.
    pub fn status(self) -> u16 {
        match self {
            OutcomeKind::NotFound => 404,
            OutcomeKind::Invalid => 400,
            OutcomeKind::Unauthenticated => 401,
            OutcomeKind::Forbidden => 403,
            OutcomeKind::Conflict => 409,
            OutcomeKind::Throttled => 429,
            OutcomeKind::Internal => 500,
        }
    }

    /// The exit code of a command (`nikoo …`) that ends this way: 1 for
    /// refused input, 2 for what the caller may not do or does not exist,
    /// 70 for a server failure (sysexits.h's EX_SOFTWARE).
    pub fn exit_code(self) -> i32 {
        match self {
            OutcomeKind::Invalid | OutcomeKind::Conflict | OutcomeKind::Throttled => 1,
            OutcomeKind::NotFound | OutcomeKind::Unauthenticated | OutcomeKind::Forbidden => 2,
            OutcomeKind::Internal => 70,
        }
    }
}

impl Outcome {
    /// The outcome of `kind` with its own code (`not_found`, `forbidden`, …).
    pub fn from_kind(kind: OutcomeKind) -> Outcome {
        Outcome {
            kind,
            code: match kind {
                OutcomeKind::NotFound => "not_found",
                OutcomeKind::Invalid => "invalid",
                OutcomeKind::Unauthenticated => "unauthenticated",
                OutcomeKind::Forbidden => "forbidden",
                OutcomeKind::Conflict => "conflict",
                OutcomeKind::Throttled => "throttled",
                OutcomeKind::Internal => "internal",
            }
            .to_owned(),
            field: None,
            retry_after_secs: None,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.kind.status()
    }

    /// The outcome in words, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        let s = crate::i18n::site::strings(locale);
        match (self.kind, Rule::from_code(&self.code)) {
            (OutcomeKind::Invalid, Some(rule)) => {
                rule.message("", self.field.as_deref().unwrap_or_default(), locale)
            }
            (OutcomeKind::NotFound, _) => s.not_found_text.to_owned(),
            (OutcomeKind::Unauthenticated, _) => s.sign_in_required.to_owned(),
            (OutcomeKind::Forbidden, _) => s.forbidden_text.to_owned(),
            (OutcomeKind::Conflict, _) => s.conflict_text.to_owned(),
            (OutcomeKind::Throttled, _) => {
                let minutes = crate::digits::localize_digits(
                    &((self.retry_after_secs.unwrap_or(60) + 59) / 60)
                        .max(1)
                        .to_string(),
                    locale,
                );
                s.throttled_text.replace("{minutes}", &minutes)
            }
            (OutcomeKind::Invalid | OutcomeKind::Internal, _) => s.internal_error.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_code_and_both_texts() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_code(rule.code()), Some(rule));
            let json = serde_json::to_string(&rule).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", rule.code()));
            for locale in Locale::ALL {
                let s = crate::i18n::rules::strings(locale);
                assert!(
                    s.lookup(rule.code()).is_some_and(|t| !t.is_empty()),
                    "{rule} has no {} text",
                    locale.code()
                );
            }
            assert_ne!(
                rule.message("", "x", Locale::Fa),
                rule.message("", "x", Locale::En)
            );
        }
    }

    #[test]
    fn every_field_text_is_of_a_known_rule() {
        for locale in Locale::ALL {
            for key in crate::i18n::rules::strings(locale).keys() {
                let code = key.split("--").next().unwrap_or_default();
                assert!(Rule::from_code(code).is_some(), "{key} names no rule");
            }
        }
    }

    #[test]
    fn field_texts_come_before_the_rule_s_own() {
        let pw = FieldError::new("password", Rule::TooShort).message(Locale::En);
        assert!(pw.contains('8') && pw.contains("password"), "{pw}");
        assert_eq!(
            FieldError::new("password", Rule::TooShort).message(Locale::Fa),
            "گذرواژه باید دست‌کم ۸ نویسه باشد."
        );
        assert_eq!(
            Rule::Unknown.message("import_", "program", Locale::En),
            "The center has no program with this name or address."
        );
        assert_eq!(
            Rule::Unknown.message("", "program", Locale::En),
            "This program is not taking gifts now."
        );
        assert_eq!(
            Rule::NotANumber.message("", "page", Locale::En),
            "The parameter “page” must be a whole number."
        );
    }

    #[test]
    fn rules_have_messages_in_both_languages() {
        // Moved from the workspace's own message table.
        for (field, code) in [
            ("title_fa", "title_required"),
            ("end_date", "before_start"),
            ("deadline", "invalid"),
            ("change", "not_allowed"),
            ("target_quantity", "not_positive"),
        ] {
            let rule = Rule::from_code(code).unwrap_or(Rule::Invalid);
            let fa = rule.message("", field, Locale::Fa);
            let en = rule.message("", field, Locale::En);
            assert_ne!(fa, en);
        }
        assert_eq!(Rule::from_code("nope"), None);
    }
}
