"""Referrals: the letter, built only from what the employee agreed to share.

Two steps, both pure:

1. :func:`app.core.referral.view.consented_view` checks the consent (no consent, expired or
   withdrawn: ConsentError) and copies *only the consented fields* out of the intake into a
   :class:`~app.core.referral.view.ConsentedView`. Everything else is ``None``; the intake
   itself goes no further.
2. :func:`~app.core.referral.letter.build_letter`,
   :func:`~app.core.referral.attachment.build_attachment` and
   :func:`~app.core.referral.letter.build_employee_copy` turn that view into the Dutch letter,
   the machine-readable attachment (DDAS v1.0 names where they overlap) and the employee's copy
   in their own language.

Modules, by concern:

- ``view``: the inputs besides the intake (advisor, recipient, urgency, contact) and the
  consent-filtered view.
- ``labels``: the Dutch wording of intake values in the letter.
- ``letter``: the letter and the employee's copy.
- ``attachment``: the DDAS attachment, its checksum and the way back from attachment to fields.
- ``status``: a referral's status, its transitions, the legal term and reminders.

The letter is always Dutch (it goes to a Dutch organisation), so its sentences are plain Dutch
here and deliberately not passed through the screen translations. Dates and money are formatted
by functions the caller passes in (Babel, in the documents layer), keeping this package free of
I/O and locale data. Route settings (Wgs terms, municipality code) come from routes.yaml via
:class:`app.core.route_settings.RouteSettings`, passed in by the caller.
"""
