//! The texts of the emails Nikoo sends, in the recipient's language.
//! Links are absolute, under the site's public URL.

use crate::outbox::Email;
use nikoo_types::Locale;

/// The link to `path` (which starts with `/`) on the site at `public_url`.
pub fn link(public_url: &str, path: &str) -> String {
    format!("{}{path}", public_url.trim_end_matches('/'))
}

/// "Confirm your email" with the verification link.
pub fn verify_email(to: &str, locale: Locale, name: &str, url: &str) -> Email {
    let (subject, body) = match locale {
        Locale::Fa => (
            "تأیید ایمیل شما در نیکو".to_owned(),
            format!("{name} گرامی،\n\nبرای فعال کردن حساب خود در نیکو این پیوند را باز کنید:\n{url}\n\nاین پیوند تا ۲۴ ساعت معتبر است. اگر شما ثبت‌نام نکرده‌اید، این ایمیل را نادیده بگیرید.\n"),
        ),
        Locale::En => (
            "Confirm your email for Nikoo".to_owned(),
            format!("Dear {name},\n\nOpen this link to activate your Nikoo account:\n{url}\n\nThe link works for 24 hours. If you did not sign up, ignore this email.\n"),
        ),
    };
    Email {
        to: to.to_owned(),
        subject,
        body,
    }
}

/// Sent instead of a verification link when someone signs up with an
/// address that already has an account.
pub fn account_exists(to: &str, locale: Locale, login_url: &str, reset_url: &str) -> Email {
    let (subject, body) = match locale {
        Locale::Fa => (
            "شما پیش‌تر در نیکو حساب دارید".to_owned(),
            format!("کسی (شاید خود شما) با این نشانی ایمیل در نیکو ثبت‌نام کرد، اما این نشانی پیش‌تر حساب دارد.\n\nورود: {login_url}\nگذرواژه را فراموش کرده‌اید؟ {reset_url}\n"),
        ),
        Locale::En => (
            "You already have a Nikoo account".to_owned(),
            format!("Someone (perhaps you) tried to sign up for Nikoo with this address, which already has an account.\n\nLog in: {login_url}\nForgot your password? {reset_url}\n"),
        ),
    };
    Email {
        to: to.to_owned(),
        subject,
        body,
    }
}

/// The password-reset link.
pub fn reset_password(to: &str, locale: Locale, url: &str) -> Email {
    let (subject, body) = match locale {
        Locale::Fa => (
            "بازنشانی گذرواژهٔ نیکو".to_owned(),
            format!("برای گذاشتن گذرواژهٔ تازه این پیوند را باز کنید:\n{url}\n\nاین پیوند تا یک ساعت معتبر است و یک بار به کار می‌رود. اگر شما درخواست نکرده‌اید، این ایمیل را نادیده بگیرید.\n"),
        ),
        Locale::En => (
            "Reset your Nikoo password".to_owned(),
            format!("Open this link to choose a new password:\n{url}\n\nThe link works once, for one hour. If you did not ask for it, ignore this email.\n"),
        ),
    };
    Email {
        to: to.to_owned(),
        subject,
        body,
    }
}

/// An installment of a pledge paid to the center that the center has not
/// recorded as received by the end of its grace period (`due`: its due
/// date, written in the recipient's calendar).
pub fn installment_unpaid(
    to: &str,
    locale: Locale,
    number: i32,
    due: &nikoo_types::DisplayDate,
    url: &str,
) -> Email {
    let n = nikoo_types::digits::localize_digits(&number.to_string(), locale);
    let due = due.format(locale);
    let (subject, body) = match locale {
        Locale::Fa => (
            "قسط تعهد شما هنوز به مرکز نرسیده است".to_owned(),
            format!("نیکوکار گرامی،\n\nقسط {n} تعهد شما که سررسید آن {due} بود، هنوز در مرکز به‌عنوان دریافت‌شده ثبت نشده است. اگر آن را پرداخته‌اید، مرکز با رسیدن پول ثبتش می‌کند؛ اگر نه، می‌توانید آن را مانند پیش با کارت‌به‌کارت، واریز بانکی یا نقدی به مرکز بپردازید. تعهدها و قسط‌هایتان در این صفحه است:\n{url}\n\nسپاس از همراهی شما.\n"),
        ),
        Locale::En => (
            "Your pledge installment has not reached the center yet".to_owned(),
            format!("Dear donor,\n\nInstallment {n} of your pledge, due on {due}, has not been recorded as received by the center yet. If you have paid it, the center will record it when the money arrives; if not, you can pay it to the center by bank transfer or cash as before. Your pledges and their installments are here:\n{url}\n\nThank you for giving.\n"),
        ),
    };
    Email {
        to: to.to_owned(),
        subject,
        body,
    }
}

/// An invitation to join a center's staff.
pub fn invitation(
    to: &str,
    locale: Locale,
    center: &str,
    role: &str,
    inviter: &str,
    url: &str,
) -> Email {
    let (subject, body) = match locale {
        Locale::Fa => (
            format!("دعوت به همکاری با {center} در نیکو"),
            format!("{inviter} شما را دعوت کرده است تا با نقش «{role}» در «{center}» همکاری کنید.\n\nبرای پذیرفتن، این پیوند را باز کنید (با حسابی که همین نشانی ایمیل را دارد وارد شوید یا ثبت‌نام کنید):\n{url}\n\nاین دعوت تا ۷ روز معتبر است.\n"),
        ),
        Locale::En => (
            format!("Invitation to join {center} on Nikoo"),
            format!("{inviter} invited you to join “{center}” as {role}.\n\nTo accept, open this link (log in or sign up with this email address):\n{url}\n\nThe invitation works for 7 days.\n"),
        ),
    };
    Email {
        to: to.to_owned(),
        subject,
        body,
    }
}

/// "Your installment could not be charged": after the last retry, with a
/// link to the account page where the card is updated.
pub fn installment_overdue(to: &str, locale: Locale, number: i32, url: &str) -> Email {
    let n = nikoo_types::digits::localize_digits(&number.to_string(), locale);
    let (subject, body) = match locale {
        Locale::Fa => (
            "قسط تعهد شما پرداخت نشد".to_owned(),
            format!("نیکوکار گرامی،\n\nقسط {n} تعهد شما پس از چند بار تلاش از کارت‌تان برداشت نشد. برای ادامهٔ کمک، کارت خود را در این صفحه به‌روز کنید:\n{url}\n\nسپاس از همراهی شما.\n"),
        ),
        Locale::En => (
            "Your pledge installment could not be charged".to_owned(),
            format!("Dear donor,\n\nInstallment {n} of your pledge could not be charged to your card after several tries. To keep your support going, update your card here:\n{url}\n\nThank you for giving.\n"),
        ),
    };
    Email {
        to: to.to_owned(),
        subject,
        body,
    }
}
