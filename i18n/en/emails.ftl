# The emails Nikoo sends (`types/src/mail.rs`, `Message`), rendered when
# they are sent (`server/src/mail.rs`). `{ $url }` is the email's link.

verify_email_subject = Confirm your email for Nikoo
verify_email_body =
    Dear { $name },

    Open this link to activate your Nikoo account:
    { $url }

    The link works for 24 hours. If you did not sign up, ignore this email.
account_exists_subject = You already have a Nikoo account
account_exists_body =
    Someone (perhaps you) tried to sign up for Nikoo with this address, which already has an account.

    Log in: { $url }
    Forgot your password? { $reset_url }
reset_password_subject = Reset your Nikoo password
reset_password_body =
    Open this link to choose a new password:
    { $url }

    The link works once, for one hour. If you did not ask for it, ignore this email.
invitation_subject = Invitation to join { $center } on Nikoo
invitation_body =
    { $inviter } invited you to join “{ $center }” as { $role }.

    To accept, open this link (log in or sign up with this email address):
    { $url }

    The invitation works for 7 days.
installment_overdue_subject = Your pledge installment could not be charged
installment_overdue_body =
    Dear donor,

    Installment { $number } of your pledge could not be charged to your card after several tries. To keep your support going, update your card here:
    { $url }

    Thank you for giving.
installment_unpaid_subject = Your pledge installment has not reached the center yet
installment_unpaid_body =
    Dear donor,

    Installment { $number } of your pledge, due on { $due }, has not been recorded as received by the center yet. If you have paid it, the center will record it when the money arrives; if not, you can pay it to the center by bank transfer or cash as before. Your pledges and their installments are here:
    { $url }

    Thank you for giving.
pledge_cancelled_subject = Your pledge to “{ $program }” was cancelled
pledge_cancelled_body =
    Dear donor,

    Your pledge to “{ $program }” was cancelled by the center running it (or by the platform's administrators), and nothing more will be asked of you for it. The reason they gave:

    { $reason }

    Gifts you already made stay counted. Your pledges are here:
    { $url }

    Thank you for giving.
program_update_subject = New update from “{ $program }”: { $title }
program_update_body =
    A center whose program you support has posted an update.

    { $title }

    { $text }

    { $url }

    To stop these emails, untick updates on your account page.
