# Status loading, check and the check/compile reports (lib/pt_status.c,
# lib/pt_check.c, lib/pt_report.c), on the scenario of tests/scenario/.
pt_unit(unit_check unit/test_check.c)
