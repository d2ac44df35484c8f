//! The strings of in-kind pledges: the pledge form, the donor's list and
//! the receiving center's list; Persian and English.

use nikoo_types::Locale;

/// In-kind pledge strings of one language.
#[derive(Debug)]
pub struct ItemStrings {
    pub pledge_items_link: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub need: &'static str,
    pub still_needed: &'static str,
    pub quantity: &'static str,
    pub due_date: &'static str,
    pub due_hint: &'static str,
    pub pledge_as: &'static str,
    pub myself: &'static str,
    pub button: &'static str,
    pub no_needs: &'static str,
    pub my_items: &'static str,
    pub center_items: &'static str,
    pub no_center_items: &'static str,
    pub col_item: &'static str,
    pub col_by: &'static str,
    pub col_received: &'static str,
    /// Between what arrived and what was pledged: «۳ از ۵».
    pub of: &'static str,
    pub col_due: &'static str,
    pub late: &'static str,
    pub anonymous: &'static str,
    pub receive_button: &'static str,
    pub notice_pledged: &'static str,
    pub notice_received: &'static str,
    pub record_items_title: &'static str,
    pub record_items_button: &'static str,
}

pub const FA: ItemStrings = ItemStrings {
    pledge_items_link: "تعهد کالا",
    title: "تعهد کالا",
    intro:
        "چه مقدار از این قلم را تا چه روزی به مرکز می‌رسانید؟ مرکز هنگام رسیدن کالا آن را ثبت می‌کند.",
    need: "نیاز",
    still_needed: "هنوز لازم",
    quantity: "تعداد",
    due_date: "تاریخ رساندن (میلادی)",
    due_hint: "از امروز تا یک سال دیگر.",
    pledge_as: "به نام",
    myself: "خودم",
    button: "ثبت تعهد",
    no_needs: "این برنامه اکنون نیاز کالایی باز ندارد.",
    my_items: "کالاهای تعهدشده",
    center_items: "کالاهای تعهدشده در راه",
    no_center_items: "تعهد کالایی بازی نیست.",
    col_item: "قلم",
    col_by: "تعهد از",
    col_received: "رسیده",
    of: "از",
    col_due: "موعد",
    late: "دیرکرد",
    anonymous: "ناشناس",
    receive_button: "ثبت رسیدن",
    notice_pledged: "تعهد کالای شما ثبت شد. سپاسگزاریم.",
    notice_received: "رسیدن کالا ثبت شد.",
    record_items_title: "ثبت کالای دریافتی (بدون تعهد)",
    record_items_button: "ثبت کالا",
};

pub const EN: ItemStrings = ItemStrings {
    pledge_items_link: "Pledge items",
    title: "Pledge items",
    intro: "How much of this item will you bring to the center, and by when? The center records the goods when they arrive.",
    need: "Need",
    still_needed: "still needed",
    quantity: "Quantity",
    due_date: "Delivery date",
    due_hint: "From today up to a year ahead.",
    pledge_as: "Pledge as",
    myself: "Myself",
    button: "Pledge",
    no_needs: "This program has no open in-kind need now.",
    my_items: "Items pledged",
    center_items: "Pledged items on their way",
    no_center_items: "No open in-kind pledges.",
    col_item: "Item",
    col_by: "Pledged by",
    col_received: "Received",
    of: "of",
    col_due: "Due",
    late: "Late",
    anonymous: "Anonymous",
    receive_button: "Record received",
    notice_pledged: "Your pledge of items is recorded. Thank you.",
    notice_received: "The goods are recorded as received.",
    record_items_title: "Record goods received (no pledge)",
    record_items_button: "Record goods",
};

/// The strings of `locale`.
pub fn strings(locale: Locale) -> &'static ItemStrings {
    match locale {
        Locale::Fa => &FA,
        Locale::En => &EN,
    }
}
