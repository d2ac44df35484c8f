//! Giving forms and answers shared by the gift page and its server functions.

pub mod item_pledges;

use crate::Locale;
use serde::{Deserialize, Serialize};

/// Who may see a giver's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Anonymity {
    /// Shown on public pages.
    #[default]
    Public,
    /// "Anonymous" to the public; the receiving center sees the name.
    Anonymous,
    /// Anonymous to the public and to the receiving center.
    HiddenFromCenter,
}

impl Anonymity {
    /// Its label in `locale` (`i18n/*/giving/gifts.ftl`).
    pub fn label(self, locale: crate::Locale) -> &'static str {
        let s = crate::i18n::giving::gifts::strings(locale);
        match self {
            Anonymity::Public => s.anonymity_public,
            Anonymity::Anonymous => s.anonymity_anonymous,
            Anonymity::HiddenFromCenter => s.anonymity_hidden_from_center,
        }
    }

    /// Every choice, in the order the form offers them.
    pub const ALL: [Anonymity; 3] = [
        Anonymity::Public,
        Anonymity::Anonymous,
        Anonymity::HiddenFromCenter,
    ];

    /// The form value (`public`, `anonymous`, `hidden_from_center`).
    pub fn code(self) -> &'static str {
        match self {
            Anonymity::Public => "public",
            Anonymity::Anonymous => "anonymous",
            Anonymity::HiddenFromCenter => "hidden_from_center",
        }
    }

    /// Reads [`Anonymity::code`].
    pub fn from_code(code: &str) -> Option<Anonymity> {
        Anonymity::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// The one-time card gift form. The amount is typed in the designation's
/// currency (IRR in toman in Persian); the server sets the currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardGiftForm {
    pub lang: Locale,
    /// The program's slug.
    pub program: String,
    /// A money need of the program, or the program as a whole.
    #[serde(default)]
    pub need: Option<i32>,
    pub amount: String,
    /// Guests only: the receipt goes there.
    #[serde(default)]
    pub email: String,
    /// Guests only, optional.
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub anonymity: Anonymity,
    /// Signed-in donors only: keep the card for later gifts.
    #[serde(default)]
    pub keep_card: bool,
    /// Guests only: email me this program's updates (accounts choose on
    /// their page).
    #[serde(default)]
    pub updates: bool,
}

/// A started card gift: the browser completes the card setup with the
/// provider's script, then asks the server to charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardGiftStarted {
    /// The payment's unguessable key.
    pub payment_key: String,
    /// The provider's setup secret (Stripe: the SetupIntent's client secret).
    pub client_secret: String,
    pub publishable_key: String,
}

/// Where a card gift stands, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GiftState {
    Succeeded {
        payment_key: String,
    },
    /// Waiting for the provider (the webhook will settle it).
    Processing {
        payment_key: String,
    },
    /// The donor must authenticate with the bank (Stripe's `confirmCardPayment`).
    RequiresAction {
        client_secret: String,
    },
    Failed,
}

/// What the browser loads to collect a card with the provider's own script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardKeys {
    pub publishable_key: String,
    /// e.g. `https://js.stripe.com/v3/`.
    pub script_url: String,
}

/// A money need one can give to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftNeed {
    pub id: i32,
    pub title: crate::LocalizedText,
    /// ISO 4217 code of the need's amounts.
    pub currency: String,
    /// Whether the card provider charges this currency.
    pub card_ok: bool,
}

/// The gift page: a program's open money needs and how one can give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftOptions {
    pub program_slug: String,
    pub program_title: crate::LocalizedText,
    pub center_name: crate::LocalizedText,
    pub needs: Vec<GiftNeed>,
    /// The currency of a gift to the program as a whole (its first open money need's).
    pub program_currency: Option<String>,
    pub program_card_ok: bool,
    /// `None` when card payments are unavailable.
    pub card: Option<CardKeys>,
    pub signed_in: bool,
    /// Centers the signed-in account may pledge for (owner or manager),
    /// other than the receiving one.
    pub pledge_as: Vec<crate::giving::item_pledges::PledgeAs>,
}

/// Where a gift stands on its receipt page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReceiptState {
    Received,
    /// Waiting for the card provider.
    Pending,
    Failed,
    /// A cash or bank-transfer gift the center reversed as recorded by
    /// mistake: it counts in no total.
    Reversed,
}

/// A gift's receipt: a card gift's as its giver sees it (by the payment's
/// unguessable key), or any donation's as the receiving center's staff and
/// the donor of record see it (by its id, `/{lang}/receipts/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftReceipt {
    pub state: ReceiptState,
    pub amount: crate::Money,
    /// Refunded so far (zero when none).
    pub refunded: crate::Money,
    pub program_slug: String,
    pub program_title: crate::LocalizedText,
    pub need_title: Option<crate::LocalizedText>,
    pub center_name: crate::LocalizedText,
    /// The day given, in the center's time zone.
    pub date: crate::DisplayDate,
    pub anonymity: Anonymity,
    /// The receipt's number at its center, once the gift is received.
    pub number: Option<i32>,
    /// `card`, `cash` or `bank_transfer`.
    pub method: String,
    /// Who gave, as the viewer may see it (a center's name or a donor's);
    /// `None` on a card gift's receipt by key, or when the giver hid their
    /// name from the center.
    #[serde(default)]
    pub received_from: Option<crate::LocalizedText>,
}

/// A program of a center, with the money needs staff may record gifts to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftProgram {
    pub id: i32,
    pub title: crate::LocalizedText,
    /// The currency of a gift to the program as a whole, if it takes money.
    pub currency: Option<String>,
    pub needs: Vec<GiftNeed>,
    /// Its in-kind needs (goods staff may record as received).
    pub item_needs: Vec<crate::giving::item_pledges::ItemNeed>,
}

/// One gift a center received, as its staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterGift {
    pub id: i32,
    /// The day received, in the center's time zone.
    pub date: crate::DisplayDate,
    /// The giver's name, or `None` when the giver hid it from the center too.
    pub giver: Option<String>,
    /// Hidden from the public (the center still sees the name).
    pub anonymous: bool,
    pub amount: crate::Money,
    /// Refunded so far.
    pub refunded: crate::Money,
    /// `card`, `cash` or `bank_transfer`.
    pub method: String,
    pub program_title: crate::LocalizedText,
    pub need_title: Option<crate::LocalizedText>,
    /// A card gift with something left to refund.
    pub refundable: bool,
    /// The receipt's number at the center.
    pub receipt_number: Option<i32>,
    /// A cash or bank-transfer gift not reversed: owners and managers may
    /// reverse it (recorded by mistake).
    pub reversible: bool,
    /// Reversed by staff: the reason they gave. It counts nowhere.
    pub reversal_reason: Option<String>,
}

/// Goods a center recorded as received, as its staff see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedItems {
    /// The movement's id (what a reversal names).
    pub movement_id: i32,
    /// The day received, in the center's time zone.
    pub date: crate::DisplayDate,
    /// Units of the need's item.
    pub quantity: i64,
    pub unit: crate::LocalizedText,
    pub need_title: crate::LocalizedText,
    pub program_title: crate::LocalizedText,
    /// The giver's name, unless anonymous or hidden from the center.
    pub giver: Option<String>,
    /// Reversed by staff: the reason they gave.
    pub reversal_reason: Option<String>,
}

/// A running pledge to one of a center's programs, as its staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterPledge {
    pub id: i32,
    /// A center's name or the donor's, unless hidden from the center.
    pub by: Option<crate::LocalizedText>,
    pub by_center: bool,
    pub program_title: crate::LocalizedText,
    pub need_title: Option<crate::LocalizedText>,
    /// Money: each installment's amount.
    pub amount: Option<crate::Money>,
    /// `once`, `monthly`, `quarterly` or `yearly`.
    pub frequency: String,
    /// In-kind: the units promised, and their unit.
    pub quantity: Option<(i64, crate::LocalizedText)>,
    /// `active` or `paused`.
    pub status: String,
    /// The day it was made, in the center's time zone.
    pub made: crate::DisplayDate,
}

/// The staff's cash or bank-transfer gift form, as posted (its fields
/// are checked by `nikoo_domain::giving::center_gifts::record_offline`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OfflineGiftPost {
    /// `p{program id}` or `n{need id}`.
    pub designation: String,
    /// `cash` or `bank_transfer`.
    pub method: String,
    /// As typed, in the designation's currency (toman in Persian for rials).
    pub amount: String,
    pub donor_name: String,
    /// Present when the gift is anonymous to the public.
    pub anonymous: Option<String>,
    /// The day received, as typed; empty: today.
    pub received_on: String,
}

/// Which of a center's gifts its gifts page lists: `q` matches a receipt
/// number or a giver's name (one the center may see); `page` is 1-based,
/// [`GiftsQuery::PER_PAGE`] gifts each.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GiftsQuery {
    pub q: String,
    pub page: u32,
}

impl GiftsQuery {
    /// Gifts per page: enough to fill a desktop screen twice, short
    /// enough for a phone.
    pub const PER_PAGE: u32 = 25;

    /// The query from a page's `q` and `page` parameters (a missing, zero
    /// or unreadable page is the first; `q` trimmed, at most 100 characters).
    pub fn new(q: Option<String>, page: Option<String>) -> GiftsQuery {
        let page = page
            .and_then(|p| crate::digits::to_ascii_digits(p.trim()).parse::<u32>().ok())
            .filter(|p| *p > 0)
            .unwrap_or(1);
        let q: String = q.unwrap_or_default().trim().chars().take(100).collect();
        GiftsQuery { q, page }
    }

    /// The 0-based offset of the page's first gift.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.max(1) - 1) * u64::from(Self::PER_PAGE)
    }

    /// The page's query string for page `page` (`q` kept).
    pub fn query_string(&self, page: u32) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", crate::query::percent_encode(&self.q)));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        parts.join("&")
    }
}

/// A center's gifts page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterGiftsPage {
    pub center_id: i32,
    pub center_name: crate::LocalizedText,
    pub programs: Vec<GiftProgram>,
    /// One page of the gifts matching `gifts_query`, newest first.
    pub gifts: Vec<CenterGift>,
    /// The search and page the gifts were read for.
    #[serde(default)]
    pub gifts_query: GiftsQuery,
    /// How many gifts match the search, over all pages.
    #[serde(default)]
    pub gifts_total: u64,
    /// Whether the caller may refund card gifts (owner or manager).
    pub can_refund: bool,
    /// In-kind pledges still open, soonest due first.
    pub item_pledges: Vec<crate::giving::item_pledges::ItemPledge>,
    /// Installments of pledges paid to the center that fell due and are
    /// not recorded yet, oldest first.
    pub installments_due: Vec<DueInstallment>,
    /// Whether the caller may reverse gifts and goods recorded by mistake
    /// (owner or manager).
    pub can_correct: bool,
    /// Goods received, newest first (at most as many as gifts are listed).
    pub received_items: Vec<ReceivedItems>,
    /// Running pledges to the center's programs, newest first.
    pub pledges: Vec<CenterPledge>,
    /// Whether the caller may cancel them (owner or platform admin).
    pub can_cancel_pledges: bool,
}

/// An installment of a pledge paid to the center (bank transfer or cash)
/// that fell due, as the center's staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueInstallment {
    pub installment_id: i32,
    pub number: i32,
    /// In the center's time zone.
    pub due: crate::DisplayDate,
    /// Past its date.
    pub late: bool,
    pub amount: crate::Money,
    /// A center's name or the donor's, unless hidden from the center.
    pub by: Option<crate::LocalizedText>,
    pub by_center: bool,
    pub program_title: crate::LocalizedText,
    pub need_title: Option<crate::LocalizedText>,
}

/// How often a recurring pledge falls due (the form value).
pub const FREQUENCIES: [&str; 3] = ["monthly", "quarterly", "yearly"];

/// The recurring card pledge form (signed-in donors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPledgeForm {
    pub lang: Locale,
    /// The program's slug.
    pub program: String,
    #[serde(default)]
    pub need: Option<i32>,
    /// Each installment, typed in the designation's currency.
    pub amount: String,
    /// One of [`FREQUENCIES`].
    pub frequency: String,
    /// How many installments; empty for open-ended.
    #[serde(default)]
    pub installments: String,
    #[serde(default)]
    pub anonymity: Anonymity,
}

/// A started card setup for a pledge: the browser saves the card with the
/// provider's script, then confirms the pledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPledgeStarted {
    pub client_secret: String,
}

/// One installment on the donor's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInstallment {
    pub number: i32,
    pub due: crate::DisplayDate,
    /// `due`, `retrying`, `overdue`, `paid`, `waived`, or `upcoming` (not yet due).
    pub status: String,
    /// The card payment's receipt key, once paid by card.
    pub receipt: Option<String>,
    /// The donation that paid it (its receipt is `/{lang}/receipts/{id}`).
    #[serde(default)]
    pub donation_id: Option<i32>,
}

/// One pledge on the donor's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPledge {
    pub id: i32,
    pub program_slug: String,
    pub program_title: crate::LocalizedText,
    pub need_title: Option<crate::LocalizedText>,
    /// Each installment.
    pub amount: crate::Money,
    /// `monthly`, `quarterly`, `yearly` or `once`.
    pub frequency: String,
    /// `None`: open-ended.
    pub installment_count: Option<i32>,
    /// `active`, `paused`, `fulfilled`, `cancelled`.
    pub status: String,
    /// Active or paused: its amount (and card) may change, it may be cancelled.
    pub running: bool,
    /// Active: it may be paused.
    pub can_pause: bool,
    /// Paused, or cancelled by the donor less than a day ago: it may be
    /// resumed.
    pub can_resume: bool,
    /// The card's last four digits, when charged to a saved card.
    pub card_last4: Option<String>,
    /// Installments that fell due, then the next few upcoming.
    pub schedule: Vec<MyInstallment>,
}

/// One card payment on the donor's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPayment {
    pub date: crate::DisplayDate,
    pub amount: crate::Money,
    pub refunded: crate::Money,
    pub program_title: crate::LocalizedText,
    pub state: ReceiptState,
    pub receipt: String,
}

/// The donor's page: pledges and card payments, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyGiving {
    pub pledges: Vec<MyPledge>,
    pub payments: Vec<MyPayment>,
    /// Today in Tehran, for the link to this year's statement.
    pub today: crate::DisplayDate,
    /// What the browser loads to save a new card; `None` when card
    /// payments are off.
    pub card: Option<CardKeys>,
    /// In-kind pledges, newest first.
    pub item_pledges: Vec<crate::giving::item_pledges::ItemPledge>,
}

/// One gift on a donor's yearly statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// The donation (its receipt is `/{lang}/receipts/{id}`).
    pub donation_id: i32,
    /// The day received, in the receiving center's time zone.
    pub date: crate::DisplayDate,
    pub center_name: crate::LocalizedText,
    /// The receipt's number at that center.
    pub receipt_number: Option<i32>,
    pub program_title: crate::LocalizedText,
    pub need_title: Option<crate::LocalizedText>,
    /// `card`, `cash` or `bank_transfer`.
    pub method: String,
    pub amount: crate::Money,
    /// Refunded of it so far (zero when none).
    pub refunded: crate::Money,
}

/// The sums of one currency on a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementTotal {
    pub given: crate::Money,
    pub refunded: crate::Money,
    /// Given less refunded.
    pub net: crate::Money,
}

/// A donor's gifts received in one calendar year, for their records and taxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivingStatement {
    pub donor_name: String,
    pub year: i32,
    pub calendar: crate::Calendar,
    /// Oldest first.
    pub lines: Vec<StatementLine>,
    /// One per currency given in, in currency-code order.
    pub totals: Vec<StatementTotal>,
    /// The years (in `calendar`) with gifts, newest first, for links.
    pub years: Vec<i32>,
}
/// A pledge paid to the center, as its form posts it: the program's slug,
/// optionally a need's id, the amount as typed, the frequency, the count
/// (empty: open-ended), the anonymity choice, optionally the id of the
/// center pledging.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PledgePost {
    pub program: String,
    pub need: Option<String>,
    pub amount: String,
    pub frequency: String,
    pub installments: String,
    pub anonymity: String,
    pub pledge_as: Option<String>,
}
