# The CSV reader and its header and width checks (lib/pt_csv.c).
pt_unit(unit_csv unit/test_csv.c)
