//! The card form of the payment provider's own script (Stripe.js's Card
//! Element), driven from the WebAssembly: card details go from the browser
//! to the provider and never reach Nikoo. On the server these calls do
//! nothing (the form needs JavaScript, and says so without it).

/// Why a card step failed in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardError {
    /// The provider's script is missing or broke.
    Unavailable,
    /// The provider declined the card or the authentication.
    Declined,
}

impl From<CardError> for crate::error::AppError {
    /// The form error shown for a failed card step (`card/declined` or
    /// `card/unavailable`, translated like the server's).
    fn from(e: CardError) -> Self {
        let code = match e {
            CardError::Declined => nikoo_types::outcome::Rule::Declined,
            CardError::Unavailable => nikoo_types::outcome::Rule::Unavailable,
        };
        crate::error::AppError::Invalid(nikoo_types::outcome::FieldError::new("card", code))
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::CardError;
    use js_sys::{Array, Function, Object, Promise, Reflect};
    use std::cell::RefCell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    /// The provider's client object and the mounted card element.
    struct Mounted {
        stripe: JsValue,
        element: JsValue,
    }

    thread_local! {
        static CARD: RefCell<Option<Mounted>> = const { RefCell::new(None) };
    }

    fn get(o: &JsValue, key: &str) -> Result<JsValue, JsValue> {
        Reflect::get(o, &JsValue::from_str(key))
    }

    fn call(o: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
        let f: Function = get(o, name)?.dyn_into()?;
        f.apply(o, &args.iter().collect::<Array>())
    }

    fn stripe_loaded() -> bool {
        get(&js_sys::global(), "Stripe").is_ok_and(|s| s.is_function())
    }

    /// Loads the provider's script from `url` (once), then mounts the card
    /// element into `selector` and calls `ready`.
    pub fn mount(url: &str, publishable_key: &str, selector: &str, ready: impl FnOnce() + 'static) {
        let (key, selector) = (publishable_key.to_owned(), selector.to_owned());
        let go = move || match mount_now(&key, &selector) {
            Ok(()) => ready(),
            Err(e) => leptos::logging::warn!("card form: {e:?}"),
        };
        if stripe_loaded() {
            go();
            return;
        }
        let load = || -> Result<(), JsValue> {
            let document = get(&js_sys::global(), "document")?;
            let script = call(&document, "createElement", &["script".into()])?;
            Reflect::set(&script, &"src".into(), &url.into())?;
            Reflect::set(&script, &"onload".into(), &Closure::once_into_js(go))?;
            call(&get(&document, "head")?, "appendChild", &[script])?;
            Ok(())
        };
        if let Err(e) = load() {
            leptos::logging::warn!("loading the card script: {e:?}");
        }
    }

    fn mount_now(publishable_key: &str, selector: &str) -> Result<(), JsValue> {
        CARD.with_borrow_mut(|card| {
            if let Some(old) = card.take() {
                let _ = call(&old.element, "destroy", &[]);
            }
            let make: Function = get(&js_sys::global(), "Stripe")?.dyn_into()?;
            let stripe = make.call1(&JsValue::NULL, &publishable_key.into())?;
            let elements = call(&stripe, "elements", &[])?;
            let element = call(&elements, "create", &["card".into()])?;
            call(&element, "mount", &[selector.into()])?;
            *card = Some(Mounted { stripe, element });
            Ok(())
        })
    }

    /// Calls `method(client_secret, data)` on the provider's object and
    /// awaits its `{error}` or `{<result_key>: {id}}` answer.
    async fn confirm(
        method: &str,
        client_secret: &str,
        with_card: bool,
        result_key: &str,
    ) -> Result<String, CardError> {
        let promise = CARD.with_borrow(|card| -> Result<Promise, JsValue> {
            let card = card.as_ref().ok_or(JsValue::NULL)?;
            let mut args = vec![JsValue::from_str(client_secret)];
            if with_card {
                let method = Object::new();
                Reflect::set(&method, &"card".into(), &card.element)?;
                let data = Object::new();
                Reflect::set(&data, &"payment_method".into(), &method)?;
                args.push(data.into());
            }
            call(&card.stripe, method, &args)?.dyn_into()
        });
        let answer = JsFuture::from(promise.map_err(|_| CardError::Unavailable)?)
            .await
            .map_err(|_| CardError::Unavailable)?;
        let error = get(&answer, "error").unwrap_or(JsValue::UNDEFINED);
        if !error.is_null() && !error.is_undefined() {
            return Err(CardError::Declined);
        }
        get(&answer, result_key)
            .and_then(|r| get(&r, "id"))
            .ok()
            .and_then(|id| id.as_string())
            .ok_or(CardError::Unavailable)
    }

    /// Saves the typed card on the provider's SetupIntent (Stripe's
    /// `confirmCardSetup`); answers the SetupIntent's id.
    pub async fn confirm_setup(client_secret: &str) -> Result<String, CardError> {
        confirm("confirmCardSetup", client_secret, true, "setupIntent").await
    }

    /// Loads `path` as a new page (leaving the provider's script behind).
    pub fn load_page(path: &str) {
        if let Ok(location) = get(&js_sys::global(), "location") {
            let _ = Reflect::set(&location, &"href".into(), &path.into());
        }
    }

    /// Lets the donor authenticate a charge (Stripe's `confirmCardPayment`).
    pub async fn confirm_payment(client_secret: &str) -> Result<String, CardError> {
        confirm("confirmCardPayment", client_secret, false, "paymentIntent").await
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{confirm_payment, confirm_setup, load_page, mount};

/// On the server: nothing to mount.
#[cfg(not(feature = "hydrate"))]
pub fn mount(_url: &str, _key: &str, _selector: &str, _ready: impl FnOnce() + 'static) {}

/// On the server: never called.
#[cfg(not(feature = "hydrate"))]
pub fn load_page(_path: &str) {}

/// On the server: never called (the form submits only in the browser).
#[cfg(not(feature = "hydrate"))]
pub async fn confirm_setup(_client_secret: &str) -> Result<String, CardError> {
    Err(CardError::Unavailable)
}

/// On the server: never called.
#[cfg(not(feature = "hydrate"))]
pub async fn confirm_payment(_client_secret: &str) -> Result<String, CardError> {
    Err(CardError::Unavailable)
}
