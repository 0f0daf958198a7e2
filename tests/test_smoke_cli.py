def test_help_lists_plan(cli):
    r = cli("--help")
    assert r.code == 0
    assert "plan" in r.stdout
