"""The referral flow's plain state: checks and the draft form, without any window."""

from __future__ import annotations

from app.ui.referral.flow_state import OTHER_RECIPIENT, FlowState, Step


def filled() -> FlowState:
    return FlowState(
        step=Step.FIELDS,
        route_id="shv-crisis",
        purpose="Hulp bij schulden",
        language="tr",
        advisor_name="Test Persoon",
        advisor_function="Vertrouwenspersoon",
        fields={"contact", "income"},
        contact_name="Test Medewerker",
    )


def test_step_one_names_what_is_missing():
    state = filled()
    assert state.recipient_problem() is None
    state.route_id = OTHER_RECIPIENT
    assert state.recipient_problem() == "Vul de naam van de organisatie in."
    state.other_name = "Stichting Fictief"
    state.advisor_function = "  "
    assert "naam en functie" in state.recipient_problem()
    assert FlowState().fields_problem() is not None and filled().fields_problem() is None


def test_the_draft_round_trips_and_never_goes_past_the_consent_step():
    state = filled()
    draft = state.to_draft()
    assert draft["fields"] == ["contact", "income"] and draft["step"] == Step.FIELDS
    again = FlowState()
    step = again.apply_draft(draft, routes={"shv-crisis"}, languages={"nl", "tr"})
    assert step is Step.FIELDS
    again.step = step  # the dialog shows that step
    assert again.to_draft() == draft
    state.step = Step.LETTER
    assert state.to_draft()["step"] == Step.CONSENT


def test_a_draft_with_unknown_values_keeps_what_is_known():
    state = FlowState(route_id="shv-crisis", purpose="Doel")
    step = state.apply_draft(
        {"recipient": "bestaat-niet", "language": "xx-onbekend", "purpose": 12, "step": 3},
        routes={"shv-crisis"},
        languages={"nl"},
    )
    assert step is None
    assert (state.route_id, state.language, state.purpose) == ("shv-crisis", "nl", "Doel")
