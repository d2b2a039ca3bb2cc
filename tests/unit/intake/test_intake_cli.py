"""``vindplaats advise`` and ``vindplaats rules check`` as a municipality would run them."""

from __future__ import annotations

import json

from app.cli import main
from app.paths import resource_path

SCENARIOS = sorted(str(p) for p in resource_path("scenarios").glob("*.json"))


def test_advise_prints_reproducible_json(tmp_path, capsys):
    intake = tmp_path / "gesprek.json"
    intake.write_text(json.dumps({"schema_version": "1.0", "threats": ["ontruiming"]}), "utf-8")
    assert main(["advise", str(intake), "--today", "2027-03-26"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == "1.1"
    assert data["routes"][0]["id"] == "shv-crisis"
    assert data["routes"][0]["deadline"] == "2027-04-01"
    assert data["routes"][0]["reasons"][0] == "er is een brief over ontruiming van de woning"
    assert data["routes"][0]["term"]["source"] == "wgs"


def test_advise_json_carries_what_the_screen_shows(tmp_path, capsys):
    intake = tmp_path / "gesprek.json"
    intake.write_text(
        json.dumps(
            {
                "schema_version": "1.0",
                "household": "alleenstaand",
                "age_years": 22,
                "contract": "zzp",
                "threats": ["beslag_bedrijf"],
                "total_debt": 1200,
            }
        ),
        "utf-8",
    )
    assert main(["advise", str(intake), "--today", "2026-11-30"]) == 0
    data = json.loads(capsys.readouterr().out)
    routes = {route["id"]: route for route in data["routes"]}
    assert data["crisis"]["source"] == "gemeente"
    assert routes["shv-crisis"]["term"]["source"] == "gemeente"
    assert routes["ondernemers"]["wgs"] is False and routes["ondernemers"]["term"] is None
    assert routes["jpf"]["pilot"] is True and routes["jpf"]["pilot_label"] == "pilot, te bevestigen"
    assert routes["jpf"]["unverified"] is True and routes["jpf"]["unverified_note"]
    assert "sunz" not in routes  # not for the self-employed

    intake.write_text(
        json.dumps({"schema_version": "1.0", "household": "gezin", "total_debt": 2300}), "utf-8"
    )
    assert main(["advise", str(intake), "--today", "2026-11-30"]) == 0
    routes = {route["id"]: route for route in json.loads(capsys.readouterr().out)["routes"]}
    sunz = routes["sunz"]
    assert sunz["via_helper_only"] is True and sunz["helper_route"] == "maatschappelijk-werk"
    assert sunz["instrument"]["kind"] == "lening"
    assert sunz["instrument"]["repayment_room"] == "navragen"
    assert sunz["instrument"]["loan_per_month"] == "63.89"
    assert sunz["instrument"]["amounts_unverified"] is True
    assert any("vraag dit na" in reason for reason in sunz["reasons"])
    assert sunz["term"] is None and sunz["deadline"] is None


def test_advise_refuses_a_bad_intake_in_one_dutch_line(tmp_path, capsys):
    intake = tmp_path / "gesprek.json"
    intake.write_text(json.dumps({"schema_version": "1.0", "household": "kasteel"}), "utf-8")
    assert main(["advise", str(intake)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vindplaats: fout:") and "household" in err
    assert "kasteel" not in err  # no answer values in messages
    assert "Traceback" not in err
    assert main(["advise", str(tmp_path / "weg.json")]) == 2
    assert main(["advise", str(intake), "--today", "morgen"]) == 2


def test_rules_check_runs_all_shipped_scenarios(capsys):
    assert main(["rules", "check", "--today", "2026-11-30", *SCENARIOS]) == 0
    out = capsys.readouterr().out
    assert out.count("goed  ") == len(SCENARIOS)


def test_rules_check_fails_on_a_failing_scenario_and_on_bad_rules(tmp_path, capsys):
    scenario = json.loads(open(SCENARIOS[0], encoding="utf-8").read())
    scenario["expected"] = ["jpf"]
    scenario["not_expected"] = ["shv-crisis"]
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(scenario), "utf-8")
    assert main(["rules", "check", SCENARIOS[1], str(path)]) == 1
    out = capsys.readouterr().out
    assert "FOUT  kapot.json" in out and "'jpf' verwacht maar niet geadviseerd" in out
    assert "'shv-crisis' geadviseerd maar niet verwacht" in out

    rules = (
        resource_path("routes.yaml").read_text("utf-8").replace("pilot: true", "pilot: misschien")
    )
    bad_rules = tmp_path / "routes.yaml"
    bad_rules.write_text(rules, "utf-8")
    assert main(["rules", "check", "--rules", str(bad_rules), SCENARIOS[0]]) == 2
    assert "route 'jpf': 'pilot' moet true of false zijn" in capsys.readouterr().err


def test_the_municipality_switches_the_jpf_pilot_off_in_the_rules_file(tmp_path, capsys):
    shipped = resource_path("routes.yaml").read_text("utf-8")
    marker = "    enabled: true\n    pilot: true\n"
    assert shipped.count(marker) == 1
    path = tmp_path / "routes.yaml"
    path.write_text(shipped.replace(marker, "    enabled: false\n    pilot: true\n"), "utf-8")
    pilot = [s for s in SCENARIOS if "50-jpf-pilot-aan" in s]
    switched_off = [s for s in SCENARIOS if "23-jpf-uitgezet" in s]
    assert main(["rules", "check", *pilot, *switched_off]) == 0
    capsys.readouterr()
    assert main(["rules", "check", "--rules", str(path), *pilot]) == 1
    assert "'jpf' verwacht maar niet geadviseerd" in capsys.readouterr().out
    assert main(["rules", "check", "--rules", str(path), *switched_off]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line == "regels in orde: 12 routes; pilot uit: jpf"


def test_switching_a_route_off_in_the_rules_file_is_checked_by_scenarios(tmp_path, capsys):
    rules = resource_path("routes.yaml").read_text("utf-8")
    rules = rules.replace(
        "    via_helper_only: true\n    helper_route: maatschappelijk-werk\n    enabled: true",
        "    via_helper_only: true\n    helper_route: maatschappelijk-werk\n    enabled: false",
        1,
    )
    path = tmp_path / "routes.yaml"
    path.write_text(rules, "utf-8")
    sunz = [s for s in SCENARIOS if "sunz-alleenstaand-onder" in s]
    assert main(["rules", "check", "--rules", str(path), *sunz]) == 1
    assert "'sunz' verwacht maar niet geadviseerd" in capsys.readouterr().out
