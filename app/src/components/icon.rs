//! Icons: Tabler Icons (MIT, `app/icons/LICENSE`), copied into
//! `app/icons/` by `scripts/vendor-assets.sh` and inlined into the page
//! (no icon font, no request). Decorative: hidden from assistive
//! technology, so the text beside an icon must say what it means.

use leptos::prelude::*;

/// The icons the pages use; each is `app/icons/{kebab-case name}.svg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconName {
    AdjustmentsHorizontal,
    AlertTriangle,
    BuildingCommunity,
    Calendar,
    ChevronLeft,
    ChevronRight,
    CircleCheck,
    Clock,
    Coin,
    HeartHandshake,
    InfoCircle,
    MapPin,
    Receipt,
    Search,
    Target,
    Trash,
    User,
    Users,
}

impl IconName {
    /// The icon's drawing: the elements inside its 24×24 `<svg>`.
    fn drawing(self) -> &'static str {
        match self {
            IconName::AdjustmentsHorizontal => {
                include_str!("../../icons/adjustments-horizontal.svg")
            }
            IconName::AlertTriangle => include_str!("../../icons/alert-triangle.svg"),
            IconName::BuildingCommunity => include_str!("../../icons/building-community.svg"),
            IconName::Calendar => include_str!("../../icons/calendar.svg"),
            IconName::ChevronLeft => include_str!("../../icons/chevron-left.svg"),
            IconName::ChevronRight => include_str!("../../icons/chevron-right.svg"),
            IconName::CircleCheck => include_str!("../../icons/circle-check.svg"),
            IconName::Clock => include_str!("../../icons/clock.svg"),
            IconName::Coin => include_str!("../../icons/coin.svg"),
            IconName::HeartHandshake => include_str!("../../icons/heart-handshake.svg"),
            IconName::InfoCircle => include_str!("../../icons/info-circle.svg"),
            IconName::MapPin => include_str!("../../icons/map-pin.svg"),
            IconName::Receipt => include_str!("../../icons/receipt.svg"),
            IconName::Search => include_str!("../../icons/search.svg"),
            IconName::Target => include_str!("../../icons/target.svg"),
            IconName::Trash => include_str!("../../icons/trash.svg"),
            IconName::User => include_str!("../../icons/user.svg"),
            IconName::Users => include_str!("../../icons/users.svg"),
        }
    }
}

/// An inline 24×24 outline icon in the text's color (`.icon` in
/// `style/main.css` sizes it to the text).
#[component]
pub fn Icon(name: IconName) -> impl IntoView {
    view! {
        <svg
            class="icon"
            xmlns="http://www.w3.org/2000/svg"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
            inner_html=name.drawing()
        ></svg>
    }
}
