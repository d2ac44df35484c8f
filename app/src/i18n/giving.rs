//! The strings of the gift and receipt pages, in Persian and English.

use nikoo_types::giving::Anonymity;
use nikoo_types::Locale;

/// Giving interface strings of one language.
#[derive(Debug)]
pub struct GivingStrings {
    pub give_button: &'static str,
    pub give_to_need: &'static str,
    pub give_title: &'static str,
    pub give_intro: &'static str,
    pub designation: &'static str,
    pub whole_program: &'static str,
    pub amount: &'static str,
    pub amount_hint_toman: &'static str,
    pub email_guest: &'static str,
    pub name_guest: &'static str,
    pub who_sees: &'static str,
    pub keep_card: &'static str,
    pub card: &'static str,
    pub card_loading: &'static str,
    pub pay_button: &'static str,
    pub paying: &'static str,
    pub card_unavailable: &'static str,
    pub card_currency_note: &'static str,
    pub needs_javascript: &'static str,
    pub no_money_needs: &'static str,
    pub receipt_title: &'static str,
    pub receipt_received: &'static str,
    pub receipt_pending: &'static str,
    pub receipt_failed: &'static str,
    pub receipt_amount: &'static str,
    pub receipt_refunded: &'static str,
    pub receipt_to: &'static str,
    pub receipt_center: &'static str,
    pub receipt_date: &'static str,
    pub receipt_shown_as: &'static str,
    pub back_to_program: &'static str,
    pub print: &'static str,
    anonymity: [&'static str; 3],
}

impl GivingStrings {
    /// The label of an anonymity choice.
    pub fn anonymity(&self, a: Anonymity) -> &'static str {
        match a {
            Anonymity::Public => self.anonymity[0],
            Anonymity::Anonymous => self.anonymity[1],
            Anonymity::HiddenFromCenter => self.anonymity[2],
        }
    }
}

pub const FA: GivingStrings = GivingStrings {
    give_button: "کمک کنید",
    give_to_need: "کمک به این نیاز",
    give_title: "کمک با کارت",
    give_intro: "مبلغ را خودتان تعیین می‌کنید؛ اطلاعات کارت مستقیم به درگاه پرداخت می‌رود و به نیکو نمی‌رسد.",
    designation: "برای",
    whole_program: "کل طرح (هر نیازی که مرکز تشخیص دهد)",
    amount: "مبلغ",
    amount_hint_toman: "مبلغ ریالی را به تومان بنویسید.",
    email_guest: "ایمیل (رسید به این نشانی می‌رود)",
    name_guest: "نام (اختیاری)",
    who_sees: "چه کسی نام شما را ببیند؟",
    keep_card: "کارت را برای کمک‌های بعدی نگه دار",
    card: "کارت",
    card_loading: "فرم کارت در حال بارگذاری است…",
    pay_button: "پرداخت",
    paying: "در حال پرداخت…",
    card_unavailable: "پرداخت با کارت اکنون در دسترس نیست. مرکز کمک‌های نقدی و واریز بانکی را ثبت می‌کند.",
    card_currency_note: "درگاه کارت ریال نمی‌پذیرد؛ برای نیازهای ریالی، کمک نقدی یا واریز بانکی را مرکز ثبت می‌کند.",
    needs_javascript: "پرداخت با کارت به جاوااسکریپت نیاز دارد. آن را روشن کنید یا کمک خود را نقدی یا با واریز بانکی به مرکز بدهید.",
    no_money_needs: "این طرح نیاز نقدی باز ندارد.",
    receipt_title: "رسید کمک",
    receipt_received: "کمک شما رسید. سپاسگزاریم.",
    receipt_pending: "پرداخت شما در حال بررسی است؛ این صفحه را کمی بعد دوباره باز کنید.",
    receipt_failed: "این پرداخت انجام نشد و مبلغی دریافت نشد.",
    receipt_amount: "مبلغ",
    receipt_refunded: "بازپرداخت‌شده",
    receipt_to: "برای",
    receipt_center: "مرکز",
    receipt_date: "تاریخ",
    receipt_shown_as: "نمایش نام",
    back_to_program: "بازگشت به طرح",
    print: "چاپ رسید",
    anonymity: [
        "همه نام مرا ببینند",
        "ناشناس برای عموم (مرکز نام را می‌بیند)",
        "ناشناس برای عموم و مرکز",
    ],
};

pub const EN: GivingStrings = GivingStrings {
    give_button: "Give",
    give_to_need: "Give to this need",
    give_title: "Give by card",
    give_intro: "You choose the amount; card details go straight to the payment service and never reach Nikoo.",
    designation: "For",
    whole_program: "The whole program (any need the center chooses)",
    amount: "Amount",
    amount_hint_toman: "",
    email_guest: "Email (your receipt goes there)",
    name_guest: "Name (optional)",
    who_sees: "Who may see your name?",
    keep_card: "Keep this card for later gifts",
    card: "Card",
    card_loading: "The card form is loading…",
    pay_button: "Pay",
    paying: "Paying…",
    card_unavailable: "Card payments are not available now. The center records cash gifts and bank transfers.",
    card_currency_note: "The card gateway does not charge rials; for needs in rials, the center records cash gifts and bank transfers.",
    needs_javascript: "Card payments need JavaScript. Turn it on, or give cash or by bank transfer through the center.",
    no_money_needs: "This program has no open money need.",
    receipt_title: "Gift receipt",
    receipt_received: "Your gift arrived. Thank you.",
    receipt_pending: "Your payment is being confirmed; open this page again in a moment.",
    receipt_failed: "This payment did not go through and nothing was received.",
    receipt_amount: "Amount",
    receipt_refunded: "Refunded",
    receipt_to: "For",
    receipt_center: "Center",
    receipt_date: "Date",
    receipt_shown_as: "Your name is shown",
    back_to_program: "Back to the program",
    print: "Print the receipt",
    anonymity: [
        "Everyone may see my name",
        "Anonymous to the public (the center sees my name)",
        "Anonymous to the public and the center",
    ],
};

/// The strings of `locale`.
pub fn strings(locale: Locale) -> &'static GivingStrings {
    match locale {
        Locale::Fa => &FA,
        Locale::En => &EN,
    }
}
